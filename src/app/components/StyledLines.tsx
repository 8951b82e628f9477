// Renders pre-wrapped styled lines; one <Text> per line keeps Ink's layout cheap.
import React from "react";
import { Box, Text } from "ink";
import type { Line } from "../text-layout.ts";

export function StyledLines({ lines }: { lines: Line[] }) {
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.length === 0 ? " " : line.map((s, j) => (
            <Text key={j} color={s.color} bold={s.bold} dimColor={s.dim} inverse={s.inverse}>
              {s.text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
