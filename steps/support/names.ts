/**
 * Names for everything the kit creates: unique per run, worker and process, and
 * always starting with the kit's prefix, so a run never collides with another
 * (or with --parallel workers) and never touches objects it did not create.
 */
export const KIT_PREFIX = 'ipcc';

const runId = process.env.IPC_RUN_ID ?? `${process.pid.toString(36)}${Date.now().toString(36)}`;
const worker = process.env.CUCUMBER_WORKER_ID ?? '0';
let counter = 0;

export function uniqueName(purpose: string): string {
  counter += 1;
  return `${KIT_PREFIX}-${runId}-w${worker}-${process.pid}-${counter}-${purpose}`;
}
