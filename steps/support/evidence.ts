/**
 * Evidence: the values a scenario measured (a pipe's capacity, an errno, a
 * libc version). They are attached to the scenario as one JSON attachment of
 * this media type, and the claims report reads them to word each verdict.
 */
export const EVIDENCE_MEDIA_TYPE = 'application/vnd.ipc-conformance.evidence+json';
export const SKIP_MEDIA_TYPE = 'application/vnd.ipc-conformance.skip+text';

export type EvidenceValue = string | number | boolean;

export class Evidence {
  readonly values: Record<string, EvidenceValue> = {};

  /** `publish` also shows each value elsewhere as it is recorded (an Allure parameter). */
  constructor(private publish: (key: string, value: EvidenceValue) => void = () => undefined) {}

  /** Records a value under a dotted key ("pipe.capacity") and returns it. */
  record<T extends EvidenceValue>(key: string, value: T): T {
    this.values[key] = value;
    this.publish(key, value);
    return value;
  }

  get empty(): boolean {
    return Object.keys(this.values).length === 0;
  }
}
