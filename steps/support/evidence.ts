/**
 * Evidence: the values a scenario measured (a pipe's capacity, an errno, a
 * libc version). They are attached to the scenario as one JSON attachment of
 * this media type, and the claims report reads them to word each verdict.
 *
 * A key is written once per scenario: a later step that records another value
 * under a key an earlier step wrote is a kit error naming both steps, never a
 * silent overwrite (a sentence would quote the later measurement as the earlier one).
 */
export const EVIDENCE_MEDIA_TYPE = 'application/vnd.ipc-conformance.evidence+json';
export const SKIP_MEDIA_TYPE = 'application/vnd.ipc-conformance.skip+text';

export type EvidenceValue = string | number | boolean;

/** A key ("pipe.capacity", "errno.lseek.2", "PIPE_BUF") uses only what a ledger {placeholder} can name, with no empty part. */
export const EVIDENCE_KEY = /^[\w-]+(?:\.[\w-]+)*$/;

export class Evidence {
  readonly values: Record<string, EvidenceValue> = {};
  /** which step wrote each key, for the message when another tries to overwrite it */
  private readonly writers: Record<string, string> = {};
  /** the step now running (the hooks set it before each step) */
  step = 'a step before the first';

  /** `publish` also shows each value elsewhere as it is recorded (an Allure parameter). */
  constructor(private publish: (key: string, value: EvidenceValue) => void = () => undefined) {}

  /**
   * Records a value under a dotted key ("pipe.capacity") and returns it.
   * Recording the same value again is harmless; a different one is refused.
   */
  record<T extends EvidenceValue>(key: string, value: T): T {
    if (!EVIDENCE_KEY.test(key)) throw new Error(`kit error: the evidence key "${key}" (step "${this.step}") is not a key a ledger {placeholder} can name`);
    if (value === '') throw new Error(`kit error: the step "${this.step}" records "${key}" as an empty text (a sentence would quote nothing; record what was seen, e.g. "(none)")`);
    if (Object.hasOwn(this.values, key)) {
      const earlier = this.values[key];
      if (Object.is(earlier, value)) return value;
      throw new Error(`kit error: evidence "${key}" was recorded as ${JSON.stringify(earlier)} by the step "${this.writers[key]}"; `
        + `the step "${this.step}" would overwrite it with ${JSON.stringify(value)} (record each measurement under its own key)`);
    }
    this.values[key] = value;
    this.writers[key] = this.step;
    this.publish(key, value);
    return value;
  }

  get empty(): boolean {
    return Object.keys(this.values).length === 0;
  }
}

/**
 * The key for the errno a failed call gave: "errno.<function>" ("errno.lseek"),
 * and "errno.<function>.2", ".3", … for later failures of the same function
 * with another errno in the scenario (msgget: ENOENT, then EEXIST).
 */
export function errnoKey(evidence: Evidence, call: string, errno: string): string {
  const fn = /^\w+/.exec(call)?.[0] ?? 'call';
  for (let nth = 1; ; nth++) {
    const key = nth === 1 ? `errno.${fn}` : `errno.${fn}.${nth}`;
    if (!Object.hasOwn(evidence.values, key) || evidence.values[key] === errno) return key;
  }
}
