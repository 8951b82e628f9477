// A spinner with a label (ink-spinner's frames).
import React from "react";
import { Text } from "ink";
import InkSpinner from "ink-spinner";

export function Spinner({ label }: { label: string }) {
  return (
    <Text color="cyan">
      <InkSpinner type="dots" /> {label}
    </Text>
  );
}
