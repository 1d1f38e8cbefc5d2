/**
 * After a SIGKILLed run, the next run removes what it left, and only that: names
 * the kit made whose creating process is gone, and SysV objects a dead process's
 * journal lists that are still the same object. Names of live processes, names
 * that are not the kit's and objects whose id now names something else stay.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from '../kit/paths';
import { REPORTS_MARKER } from '../kit/preflight';
import { creatorPid, sweepStaleObjects } from '../kit/stale-objects';
import { createQueue, removeQueue, statRaw } from '../native/sysv-msg';
import { journalDir, sysvIdentity } from '../steps/support/run-journal';
import { tempDir } from './temp-dir';

const deadPid = (): number => spawnSync('true').pid!;

test('the creating pid is read only from names the kit makes', () => {
  assert.equal(creatorPid('ipcc-lx3k9a2f-w0-4711-12-fifo-XyZ'), 4711);
  assert.equal(creatorPid('ipcc-unit-waivers-Ab12'), undefined);
  assert.equal(creatorPid('ipcc-lx3k9a2f-4711-12-fifo'), undefined);
  assert.equal(creatorPid('systemd-private-1234'), undefined);
});

test('names of dead creators are removed; a live creator\'s and names not the kit\'s stay', () => {
  const area = tempDir('sweep');
  const dead = deadPid();
  const deadDir = join(area, `ipcc-zz1-w0-${dead}-1-fifo-AbC`);
  mkdirSync(deadDir);
  writeFileSync(join(deadDir, 'x.sock'), '');
  const deadFile = join(area, `ipcc-zz1-w1-${dead}-2-shm`);
  writeFileSync(deadFile, '');
  const live = join(area, `ipcc-zz1-w0-${process.pid}-3-fifo-DeF`);
  mkdirSync(live);
  const stranger = join(area, `ipcc-notours-${dead}`);
  writeFileSync(stranger, '');
  const { removed, leftAlone } = sweepStaleObjects(tempDir('reports'), [area]);
  assert.deepEqual(removed.sort(), [deadDir, deadFile].sort());
  assert.deepEqual(leftAlone, []);
  assert.deepEqual(readdirSync(area).sort(), [live, stranger].map((p) => p.slice(area.length + 1)).sort());
});

test('a dead process\'s journal: its queue is removed; an id that now names another object is left alone', () => {
  const reports = tempDir('reports');
  const dead = deadPid();
  const left = createQueue(0o600);
  const other = createQueue(0o600);
  try {
    mkdirSync(journalDir(reports));
    const entries = [sysvIdentity('msg', left.id), { ...sysvIdentity('msg', other.id)!, key: other.key ^ 0x5a5a }];
    writeFileSync(join(journalDir(reports), `${dead}.jsonl`), `${entries.map((e) => JSON.stringify(e)).join('\n')}\n{"kind":"ms`);
    writeFileSync(join(journalDir(reports), `${process.pid}.jsonl`), `${JSON.stringify(sysvIdentity('msg', other.id))}\n`); // a live process's
    const { removed } = sweepStaleObjects(reports, []);
    assert.deepEqual(removed, [`SysV msg ${left.id} (key 0x${left.key.toString(16)})`]);
    assert.equal(statRaw(left.id).errnoName, 'EINVAL');
    assert.equal(statRaw(other.id).rc, 0);
    assert.deepEqual(readdirSync(journalDir(reports)), [`${process.pid}.jsonl`]);
  } finally {
    removeQueue(left.id);
    removeQueue(other.id);
  }
});

test('a cucumber run killed with SIGKILL leaves objects; the next npm test removes them and says so', async () => {
  const reports = tempDir('killed');
  const tmp = tempDir('killed-tmp');
  writeFileSync(join(reports, REPORTS_MARKER), ''); // as npm test would have marked it
  // the SysV queue scenarios track queues; the fifo ones make temp dirs with FIFOs
  const cucumber = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'node_modules/@cucumber/cucumber/bin/cucumber.js',
    '--tags', '@mechanism:sysv-msg or @mechanism:fifo', '--format', 'summary'],
  { cwd: root, env: { ...process.env, IPC_REPORTS_DIR: reports, TMPDIR: tmp, IPC_RUN_ID: 'killedrun' }, stdio: 'ignore' });
  const journal = join(journalDir(reports), `${cucumber.pid}.jsonl`);
  const deadline = Date.now() + 240_000;
  const liveQueues = () => (existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').filter(Boolean)
    .map((l) => JSON.parse(l)).filter((e) => sysvIdentity(e.kind, e.id)) : []);
  while (!(liveQueues().length && readdirSync(tmp).some((f) => f.startsWith('ipcc-killedrun-')))) {
    if (Date.now() > deadline || cucumber.exitCode !== null) break;
    await new Promise((wake) => setTimeout(wake, 5));
  }
  const exited = new Promise((done) => (cucumber.exitCode !== null || cucumber.signalCode !== null ? done(null) : cucumber.on('exit', done)));
  cucumber.kill('SIGKILL');
  await exited;
  const queues = liveQueues();
  const names = readdirSync(tmp).filter((f) => f.startsWith('ipcc-killedrun-'));
  if (!queues.length && !names.length) return assert.fail('the run ended before it could be killed holding objects');

  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'kit/test.ts', '--tags', '@claim:NOPE-0', '--format', 'summary'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, IPC_REPORTS_DIR: reports, TMPDIR: tmp } });
  assert.match(r.stderr, /^ipc-conformance: removed \d+ object\(s\) left by killed runs: /m);
  for (const q of queues) {
    assert.equal(sysvIdentity(q.kind, q.id), undefined, `queue ${q.id} removed`);
    assert.ok(r.stderr.includes(`SysV msg ${q.id} `));
  }
  assert.deepEqual(readdirSync(tmp).filter((f) => f.startsWith('ipcc-killedrun-')), []);
  for (const n of names) assert.ok(r.stderr.includes(join(tmp, n)));
});
