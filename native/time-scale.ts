/**
 * How much slower than a usual machine this one runs (IPC_TIME_SCALE, default 1): an emulated CPU
 * (QEMU without KVM) is 10 to 50 times slower. Only the kit's safety timeouts — how long a fixture,
 * a host tool or a step may take before the kit calls it stuck — are multiplied by it; no
 * scenario asserts a duration, so a scale changes no verdict, only how long a hang takes to be
 * reported.
 */
export function parseTimeScale(text: string | undefined): number {
  if (text === undefined || text === '') return 1;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 1 || n > 1000) throw new Error(`IPC_TIME_SCALE must be a number from 1 to 1000 (how many times slower this machine is), not "${text}"`);
  return n;
}

let scale: number | undefined;

/** The scale of this process's environment, read once. */
export function timeScale(): number {
  scale ??= parseTimeScale(process.env.IPC_TIME_SCALE);
  return scale;
}

/** A safety timeout of ms on a usual machine, on this one (or on one that scale times slower). */
export const scaled = (ms: number, scale = timeScale()): number => Math.round(ms * scale);
