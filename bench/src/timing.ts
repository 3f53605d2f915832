/** Rounds a measurement for the table (one decimal unless told). */
export const round = (value: number, digits = 1) => +value.toFixed(digits);

/** The p-th percentile of latencies sorted ascending. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/**
 * Calls `call` `runs` times one at a time, after `warmUp` calls that are not measured; returns
 * the latencies in ms, sorted ascending, and the last call's answer.
 */
export async function oneAtATime<T>(call: () => Promise<T>, runs: number, warmUp = 0): Promise<{ latencies: number[]; last: T }> {
  for (let i = 0; i < warmUp; i++) await call();
  const latencies: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = await call();
    latencies.push(performance.now() - started);
  }
  return { latencies: latencies.sort((a, b) => a - b), last: last as T };
}
