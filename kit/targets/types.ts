/** What `npm run targets` knows about a target and what one run of the suite on it gave. */
import type { ClaimStatus, ClaimVerdict } from '../claim-record';

export type TargetKind = 'host' | 'container' | 'vm';

export interface Target {
  name: string;
  kind: TargetKind;
  /** the runtime settings, as a user would state them ("podman + runc, root, --cap-drop=ALL") */
  settings: string;
  /** what the target needs from this machine, for --list */
  needs: string;
  /** why this machine cannot run it, or undefined when it can (a cheap check, run before anything is built) */
  unavailable: () => string | undefined;
  /** builds what it needs (cached), runs the suite, leaves reports in dir; resolves to how the run ended */
  run: (dir: string, options: RunOptions) => Promise<RunEnd>;
}

export interface RunOptions {
  /** keep the container or the VM's disk after the run, for inspection */
  keep: boolean;
}

/** How one run ended: its exit code, the console output, or why it could not run at all. */
export interface RunEnd {
  exitCode?: number;
  output?: string;
  /** set when the target turned out not to be runnable (an image that cannot be built, a runtime that refuses) */
  unavailable?: string;
}

export interface ClaimCell { verdict: ClaimVerdict; status: ClaimStatus; reason?: string }

export interface TargetResult {
  name: string;
  kind: TargetKind;
  settings: string;
  status: 'ran' | 'unavailable';
  reason?: string;
  kernel?: string;
  libc?: string;
  node?: string;
  seconds?: number;
  exitCode?: number;
  /** the suite's own last line, "296 passed, 0 failed, 1 skipped", or what happened instead */
  resultLine?: string;
  summary?: { passed: number; failed: number; skipped: number };
  claims?: Record<string, ClaimCell>;
  /** when the run started (ISO 8601): a table made with --only shows the other targets' last recorded results */
  recorded?: string;
}
