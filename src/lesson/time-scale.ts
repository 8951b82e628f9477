// BCC_TUTOR_TIME_SCALE stretches timeouts, settle times and the tests' own
// bounds on slow machines (an emulated guest, where one compile takes most
// of a minute). One reading of it for the runner, the checker and vitest.
export function timeScale(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.BCC_TUTOR_TIME_SCALE);
  return Number.isFinite(v) && v >= 1 ? v : 1;
}
