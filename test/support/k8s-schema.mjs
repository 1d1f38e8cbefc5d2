// kubernetes-models ships its Kubernetes OpenAPI validators (ajv, generated from the API's schema)
// as ES modules for `import` only; this adapter lets the CommonJS tests require() them (Node >= 22.12).
import { DaemonSet } from 'kubernetes-models/apps/v1';
import { Container, Namespace, Pod } from 'kubernetes-models/v1';

const models = { 'v1/Namespace': Namespace, 'v1/Pod': Pod, 'apps/v1/DaemonSet': DaemonSet };

/** Throws the schema's complaint when a manifest (apiVersion + kind) is not a valid Kubernetes object. */
export function validateManifest(doc) {
  const Model = models[`${doc.apiVersion}/${doc.kind}`];
  if (!Model) throw new Error(`no schema here for ${doc.apiVersion} ${doc.kind}`);
  new Model(doc).validate();
}

/** Throws the schema's complaint when `spec` is not a valid core/v1 Container. */
export function validateContainer(spec) {
  new Container(spec).validate();
}
