// Ink decides once, when it is first imported, whether it runs "in CI" (the
// CI or CONTINUOUS_INTEGRATION variable set): then it draws nothing until the
// app exits. A learner at a real terminal inside a container or runner that
// sets CI would stare at a blank screen, so the interactive entry hides those
// variables while Ink loads, and puts them back for the lessons' children.
const FLAGS = ["CI", "CONTINUOUS_INTEGRATION"] as const;

export async function importWithoutCiFlags<T>(load: () => Promise<T>): Promise<T> {
  const saved = FLAGS.map((k) => [k, process.env[k]] as const);
  for (const k of FLAGS) delete process.env[k];
  try {
    return await load();
  } finally {
    for (const [k, v] of saved) if (v !== undefined) process.env[k] = v;
  }
}
