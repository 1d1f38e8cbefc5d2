/** `npm run mutation:kit` tries again, under the unit tests, what the scenario runs left alive in native/ and steps/support/. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aliveRanges, expandMutate, kitTargets, lineMap, movedAliveRanges, type FileReport } from '../kit/mutation-kit-targets';
import { root } from '../kit/paths';

const at = (status: string, line: number, endLine = line, mutatorName = 'StringLiteral', column = 5) =>
  ({ status, mutatorName, replacement: '""', location: { start: { line, column }, end: { line: endLine, column: column + 4 } } });

test('the alive ranges are the lines of mutants no report detected, by first line, once each', () => {
  const a: FileReport = { source: 's', mutants: [at('Survived', 9), at('Killed', 3), at('NoCoverage', 4, 6), at('Survived', 4, 6, 'BlockStatement'), at('CompileError', 2), at('Ignored', 1)] };
  const b: FileReport = { source: 's', mutants: [at('Killed', 9), at('Survived', 3), at('Timeout', 7), at('Survived', 7, 7, 'ConditionalExpression')] };
  assert.deepEqual(aliveRanges([a, b]), ['4-6', '7-7']);
  assert.deepEqual(aliveRanges([a]), ['4-6', '9-9']);
  assert.deepEqual(aliveRanges([{ source: 's', mutants: [at('Killed', 1)] }]), []);
});

test('a file is narrowed only under native/ or steps/support/, where the scenario runs tried it', () => {
  const reports = [{
    'native/a.ts': { source: 'A', mutants: [at('Survived', 2)] },
    'native/b.ts': { source: 'old B', mutants: [at('Survived', 2)] },
    'native/c.ts': { source: 'C', mutants: [at('Killed', 2)] },
    'steps/support/d.ts': { source: 'D', mutants: [at('NoCoverage', 8), at('Survived', 3)] },
    'kit/e.ts': { source: 'E', mutants: [at('Survived', 2)] },
  }];
  const text: Record<string, string> = { 'native/a.ts': 'A', 'native/b.ts': 'B', 'native/c.ts': 'C', 'steps/support/d.ts': 'D', 'kit/e.ts': 'E', 'native/f.ts': 'F' };
  assert.deepEqual(kitTargets(Object.keys(text), reports, (f) => text[f]),
    ['native/a.ts:2-2', 'native/b.ts:1-1', 'steps/support/d.ts:3-3', 'steps/support/d.ts:8-8', 'kit/e.ts', 'native/f.ts']);
  assert.deepEqual(kitTargets(['native/a.ts'], [], (f) => text[f]), ['native/a.ts'], 'without a scenario report every file is whole');
});

test('the mutate patterns of the kit config expand to files, "!" patterns taking some out', () => {
  const files = expandMutate(['kit/ledger.ts', 'native/sysv*.ts', '!native/sysv-sem.ts', 'kit/ledger.ts'], root);
  assert.deepEqual(files, ['kit/ledger.ts', 'native/sysv-msg.ts', 'native/sysv-shm.ts', 'native/sysv.ts']);
});

test('lines keep their verdict where only other lines changed: alive mutants move with their line, changed lines are tried', () => {
  const before = ['a', 'b', 'c', 'd', 'e'].join('\n');
  const after = ['a', 'new', 'b', 'c', 'e2', 'e'].join('\n');
  assert.deepEqual([...lineMap(before, after)], [[1, 1], [2, 3], [3, 4], [5, 6]]);
  const report: FileReport = { source: before, mutants: [at('Survived', 2), at('Killed', 3), at('Survived', 4), at('NoCoverage', 5), at('Survived', 2, 3, 'BlockStatement')] };
  assert.deepEqual(movedAliveRanges(report, after), ['3-3', '3-4', '6-6', '2-2', '5-5']);
  assert.deepEqual(movedAliveRanges({ source: 'x', mutants: [at('Survived', 1)] }, 'x'), ['1-1']);
});
