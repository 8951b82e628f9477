// The terminal's size, updated on resize.
import { useEffect, useState } from "react";
import { useStdout } from "ink";

export function useSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const on = () => setSize(read());
    stdout.on("resize", on);
    return () => void stdout.off("resize", on);
  }, [stdout]);
  return size;
}
