/**
 * Before glibc 2.34, mq_* and shm_open/shm_unlink live in librt: a fixture that calls them, itself or
 * through a header of fixtures/, must ask for -lrt (// build: -lrt), or it does not link on such a
 * C library (the bullseye target, glibc 2.31, found two that did not).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixturesSrcDir } from '../kit/paths';

const LIBRT_CALL = /\b(mq_(open|close|unlink|send|timedsend|receive|timedreceive|getattr|setattr|notify)|shm_open|shm_unlink|timer_(create|settime|gettime|delete))\s*\(/;

/** The text of a source with every local header it includes, recursively. */
function withHeaders(file: string, seen = new Set<string>()): string {
  if (seen.has(file)) return '';
  seen.add(file);
  const text = readFileSync(join(fixturesSrcDir, file), 'utf8');
  const local = [...text.matchAll(/^\s*#\s*include\s+"([^"]+)"/gm)].map((m) => m[1]);
  return [text, ...local.map((h) => withHeaders(h, seen))].join('\n');
}

test('every fixture that calls a librt function (itself or through a header) links with -lrt', () => {
  const sources = readdirSync(fixturesSrcDir).filter((f) => f.endsWith('.c'));
  assert.ok(sources.length > 50, `fixtures/ has ${sources.length} C sources`);
  const missing = sources.filter((f) => LIBRT_CALL.test(withHeaders(f)) && !/^\s*\/\/\s*build:.*-lrt\b/m.test(readFileSync(join(fixturesSrcDir, f), 'utf8')));
  assert.deepEqual(missing, []);
});

test('the check sees a call through a header: err-ipc-signals.c reaches mq_unlink through err-ipc.h', () => {
  assert.ok(LIBRT_CALL.test(withHeaders('err-ipc-signals.c')));
});
