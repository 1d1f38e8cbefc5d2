export function validateManifest(doc: unknown): void;
export function validateContainer(spec: unknown): void;
