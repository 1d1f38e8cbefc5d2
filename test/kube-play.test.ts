/**
 * The Sonobuoy plugin's container contract, exercised by running its container spec
 * (deploy/kubernetes/sonobuoy-plugin.yaml) as a pod with `podman kube play`: the results
 * tarball and the done file in the results folder, and the exit status (0 passed, 1 a scenario
 * failed, 2 no results). Needs podman (with runc) and the kit's image; .ci/run builds it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse, stringify } from 'yaml';
import { root } from '../kit/paths';
import { validateManifest } from './support/k8s-schema.mjs';

const IMAGE = process.env.IPC_KIT_IMAGE ?? 'localhost/ipc-conformance:latest';
const RESULTS = '/tmp/sonobuoy/results';
const podman = (args: string[], env?: NodeJS.ProcessEnv, timeout = 60_000) =>
  spawnSync('podman', ['--runtime', 'runc', ...args], { encoding: 'utf8', timeout, env: { ...process.env, ...env } });

function whyNot(): string | undefined {
  if (spawnSync('podman', ['--version']).error) return 'podman is not installed (apt-get install podman runc catatonit)';
  if (podman(['image', 'exists', IMAGE]).status !== 0) {
    return `the kit's image ${IMAGE} is not built (kit/tools/local-base-image.sh, then podman build --build-arg BASE=…; .ci/run does both)`;
  }
  return undefined;
}
const skip = whyNot();

interface Played { exit: number; done: string; files: string[]; read: (member: string) => string }

/** Plays the plugin's container as a one-shot pod with the results folder on the host, and waits for it. */
function playPlugin(name: string, env: Record<string, string>, args: string[]): Played {
  const plugin = parse(readFileSync(join(root, 'deploy', 'kubernetes', 'sonobuoy-plugin.yaml'), 'utf8'));
  const work = mkdtempSync(join(tmpdir(), 'ipcc-kube-play-'));
  const results = join(work, 'results');
  const pod = `ipcc-kube-play-${name}-${process.pid}`;
  // podman kube play fills no fieldRef from a node; the rest of the spec is the plugin's own
  const vars = { ...Object.fromEntries(plugin.spec.env.map((e: { name: string; value?: string }) => [e.name, e.value ?? ''])),
    NODE_NAME: 'kube-play', IPC_HOLD: '0', ...env };
  const manifest = {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: pod },
    spec: {
      restartPolicy: 'Never', hostNetwork: true,
      containers: [{ ...plugin.spec, image: IMAGE, imagePullPolicy: 'Never', args, env: Object.entries(vars).map(([n, value]) => ({ name: n, value })) }],
      volumes: [{ name: 'results', hostPath: { path: results, type: 'DirectoryOrCreate' } }],
    },
  };
  validateManifest(manifest);
  writeFileSync(join(work, 'pod.yaml'), stringify(manifest));
  // root here may not raise rlimits to podman's defaults (no CAP_SYS_RESOURCE), and kube play has no --ulimit
  writeFileSync(join(work, 'containers.conf'), '[containers]\ndefault_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]\n');
  const conf = { CONTAINERS_CONF: join(work, 'containers.conf') };
  try {
    const play = podman(['kube', 'play', join(work, 'pod.yaml')], conf, 120_000);
    assert.equal(play.status, 0, `podman kube play failed: ${play.stderr}`);
    const wait = podman(['wait', `${pod}-${plugin.spec.name}`], conf, 15 * 60_000);
    assert.equal(wait.status, 0, `podman wait failed: ${wait.stderr}`);
    const tarball = join(results, 'ipc-conformance.tar.gz');
    const list = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
    assert.equal(list.status, 0, `no results tarball: ${list.stderr}`);
    const files = list.stdout.split('\n').filter((f) => /\.(xml|json|md|log)$/.test(f)).map((f) => f.replace(/^\.\//, '')).sort();
    const contents = new Map(files.map((f) => [f, spawnSync('tar', ['-xzOf', tarball, `./${f}`], { encoding: 'utf8' }).stdout]));
    return {
      exit: Number(wait.stdout.trim()), done: readFileSync(join(results, 'done'), 'utf8'), files,
      read: (member) => contents.get(member) ?? assert.fail(`${member} is not in the results tarball`),
    };
  } finally {
    podman(['pod', 'rm', '--force', pod], conf);
    rmSync(work, { recursive: true, force: true });
  }
}

const junitCounts = (xml: string) => {
  const m = /<testsuite[^>]*\btests="(\d+)"[^>]*\bfailures="(\d+)"/.exec(xml);
  return m ? { tests: Number(m[1]), failures: Number(m[2]) } : undefined;
};

test('kube play: the plugin runs the suite as root and as uid 65534, leaves one tarball with JUnit and claims, the done file names it, exit 0',
  { skip }, () => {
    const r = playPlugin('pass', {}, ['--tags', '@claim:PIPE-02']);
    assert.equal(r.done, `${RESULTS}/ipc-conformance.tar.gz`);
    assert.deepEqual(r.files, ['root/claims.json', 'root/claims.md', 'root/junit.xml', 'root/platform.json', 'root/run.log',
      'uid-65534/claims.json', 'uid-65534/claims.md', 'uid-65534/junit.xml', 'uid-65534/platform.json', 'uid-65534/run.log']);
    for (const user of ['root', 'uid-65534']) {
      const counts = junitCounts(r.read(`${user}/junit.xml`));
      assert.ok(counts && counts.tests > 0, `${user}: JUnit with test cases`);
      assert.equal(counts!.failures, 0);
    }
    assert.deepEqual(['root', 'uid-65534'].map((u) => JSON.parse(r.read(`${u}/claims.json`)).platform.uid), [0, 65534]);
    assert.equal(r.exit, 0);
  });

test('kube play: a failed scenario still gives the results and the done file, and exit 1', { skip }, () => {
  const r = playPlugin('fail', { IPC_USERS: '0' }, ['--profile', 'selftest']);
  assert.equal(r.done, `${RESULTS}/ipc-conformance.tar.gz`);
  assert.ok((junitCounts(r.read('root/junit.xml'))?.failures ?? 0) > 0, 'the JUnit carries the failures');
  assert.equal(r.exit, 1);
});

test('kube play: a run that cannot start gives a JUnit saying so, the done file, and exit 2', { skip }, () => {
  const r = playPlugin('broken', { IPC_USERS: '0' }, ['--no-such-option']);
  assert.equal(r.done, `${RESULTS}/ipc-conformance.tar.gz`);
  assert.deepEqual(r.files, ['root/junit.xml', 'root/platform.json', 'root/run.log']);
  assert.match(r.read('root/junit.xml'), /<testcase classname="ipc-conformance" name="the suite runs as root">\s*<failure message="the run produced no results \(exit \d+\)">/);
  assert.equal(r.exit, 2);
});
