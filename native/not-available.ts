/**
 * Thrown when this host lacks what a claim needs (a syscall blocked by seccomp,
 * a missing tool, a privilege). The step wrappers in dsl.ts turn it into a
 * skipped scenario with the reason, never into a pass or a crash.
 */
export class NotAvailable extends Error {
  constructor(reason: string) {
    super(`not available here: ${reason}`);
    this.name = 'NotAvailable';
  }
}
