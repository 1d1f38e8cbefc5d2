/** deploy/kubernetes: the manifests are valid Kubernetes objects and run the kit as root and as uid 65534. */
import assert from 'node:assert/strict';
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { root } from '../kit/paths';
import { validateContainer, validateManifest } from './support/k8s-schema.mjs';

const dir = join(root, 'deploy', 'kubernetes');
const docs = (file: string) => parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((d) => d.toJS());
const plugin = parse(readFileSync(join(dir, 'sonobuoy-plugin.yaml'), 'utf8'));
const daemonSet = () => docs('daemonset.yaml').find((d) => d.kind === 'DaemonSet');
const env = (container: { env: { name: string; value?: string }[] }, name: string) => container.env.find((e) => e.name === name)?.value;

test('every object of daemonset.yaml validates against the Kubernetes API schema', () => {
  const all = docs('daemonset.yaml');
  assert.deepEqual(all.map((d) => d.kind), ['Namespace', 'DaemonSet']);
  for (const d of all) validateManifest(d);
});

test('the schema check is not vacuous: a wrong type and a missing selector are refused', () => {
  const wrongType = daemonSet();
  wrongType.spec.template.spec.containers[0].securityContext.runAsUser = 'root';
  assert.throws(() => validateManifest(wrongType), /runAsUser must be integer/);
  const noSelector = daemonSet();
  delete noSelector.spec.selector;
  assert.throws(() => validateManifest(noSelector), /must have required property selector/);
  assert.throws(() => validateContainer({ ...plugin.spec, name: undefined }), /must have required property name/);
});

test('the DaemonSet runs the suite on every node as root and as uid 65534, each with its own results folder', () => {
  const pod = daemonSet().spec.template.spec;
  assert.deepEqual(pod.tolerations, [{ operator: 'Exists' }]);
  assert.deepEqual(pod.containers.map((c: { securityContext: { runAsUser: number } }) => c.securityContext.runAsUser), [0, 65534]);
  assert.deepEqual(pod.containers.map((c: never) => env(c, 'IPC_USERS')), ['0', '65534']);
  assert.deepEqual(pod.containers.map((c: never) => env(c, 'RESULTS_DIR')), ['/results/root', '/results/uid-65534']);
  assert.deepEqual(pod.containers.map((c: never) => env(c, 'IPC_HOLD')), ['1', '1']);
});

test('the Sonobuoy plugin: a DaemonSet plugin with JUnit results, its container valid and writing where the worker reads', () => {
  assert.deepEqual(plugin['sonobuoy-config'], {
    driver: 'DaemonSet', 'plugin-name': 'ipc-conformance', 'result-format': 'junit',
    description: plugin['sonobuoy-config'].description,
  });
  validateContainer(plugin.spec);
  assert.equal(env(plugin.spec, 'RESULTS_DIR'), '/tmp/sonobuoy/results');
  assert.deepEqual(plugin.spec.volumeMounts, [{ name: 'results', mountPath: '/tmp/sonobuoy/results' }]);
  assert.equal(plugin.spec.securityContext.runAsUser, 0);
  assert.equal(env(plugin.spec, 'IPC_USERS'), '0 65534');
});

test('the manifests start the entrypoint that the image holds at /kit', () => {
  const commands = [plugin.spec, ...daemonSet().spec.template.spec.containers].map((c) => c.command);
  for (const command of commands) assert.deepEqual(command, ['/kit/deploy/kubernetes/plugin-entrypoint.sh']);
  accessSync(join(dir, 'plugin-entrypoint.sh'), constants.X_OK);
  assert.match(readFileSync(join(root, 'Dockerfile'), 'utf8'), /^WORKDIR \/kit$/m);
});
