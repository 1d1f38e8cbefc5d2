/**
 * JUnit skip messages: cucumber names a test case "<rule> - <scenario>" (and
 * "#1.2: <row>" for an example), so the kit matches test cases by classname
 * and the whole name, in the formatter's order, never by a substring.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { addSkipReasons } from '../kit/junit-skips';
import { readRunResults } from '../kit/run-results';
import { SKIP_MEDIA_TYPE } from '../steps/support/evidence';

const dir = mkdtempSync(join(tmpdir(), 'ipcc-unit-junit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const loc = (line: number) => ({ line, column: 5 });
/** A feature with a Rule holding two scenarios of the same name and an outline with two rows, the second and third skipped. */
const gherkinDocument = {
  uri: 'features/q.feature',
  feature: {
    name: 'SysV "queues" & more', location: loc(1),
    children: [{
      rule: {
        id: 'r', name: 'msgget creates a queue', location: loc(3),
        children: [
          { scenario: { id: 'a', name: 'it works', location: loc(5), examples: [] } },
          { scenario: { id: 'b', name: 'it works', location: loc(9), examples: [] } },
        ],
      },
    }, {
      scenario: {
        id: 'o', name: 'copy through <m>', location: loc(13),
        examples: [{ name: 'list', tableBody: [{ id: 'row1', location: loc(17) }, { id: 'row2', location: loc(18) }] }],
      },
    }],
  },
};

function run(): string {
  const lines: object[] = [{ gherkinDocument }, { testRunStarted: {} }];
  const pickles: Array<[string, string[], string, string | undefined]> = [
    ['it works', ['a'], 'PASSED', undefined],
    ['it works', ['b'], 'SKIPPED', 'not available here: msgget → ENOSYS'],
    ['copy through pipe', ['o', 'row1'], 'SKIPPED', 'needs "lsof" & <man>'],
    ['copy through fifo', ['o', 'row2'], 'PASSED', undefined],
  ];
  pickles.forEach(([name, astNodeIds, status, reason], i) => {
    lines.push({ pickle: { id: `p${i}`, name, uri: 'features/q.feature', astNodeIds, tags: [] } });
    lines.push({ testCase: { id: `c${i}`, pickleId: `p${i}` } }, { testCaseStarted: { id: `s${i}`, testCaseId: `c${i}` } });
    lines.push({ testStepFinished: { testCaseStartedId: `s${i}`, testStepResult: { status } } });
    if (reason) lines.push({ attachment: { testCaseStartedId: `s${i}`, mediaType: SKIP_MEDIA_TYPE, body: reason } });
    lines.push({ testCaseFinished: { testCaseStartedId: `s${i}` } });
  });
  lines.push({ testRunFinished: {} });
  const file = join(dir, 'm.ndjson');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  return file;
}

// What @cucumber/junit-xml-formatter writes for that run (its long naming strategy, feature name excluded; xmlbuilder leaves ">" bare in attributes).
const JUNIT = `<?xml version="1.0"?>
<testsuite name="ipc-conformance" time="0.1" tests="4" skipped="2" failures="0" errors="0">
  <testcase classname="SysV &quot;queues&quot; &amp; more" name="msgget creates a queue - it works" time="0.01">
    <system-out><![CDATA[Given x.....passed]]></system-out>
  </testcase>
  <testcase classname="SysV &quot;queues&quot; &amp; more" name="msgget creates a queue - it works" time="0.01">
    <skipped/>
    <system-out><![CDATA[Given x.....skipped]]></system-out>
  </testcase>
  <testcase classname="SysV &quot;queues&quot; &amp; more" name="copy through &lt;m> - list - #1.1: copy through pipe" time="0.01">
    <skipped/>
  </testcase>
  <testcase classname="SysV &quot;queues&quot; &amp; more" name="copy through &lt;m> - list - #1.2: copy through fifo" time="0.01">
  </testcase>
</testsuite>
`;

test('every skipped test case gets its own scenario\'s reason, matched by classname and whole name, duplicates in order', () => {
  const results = readRunResults(run());
  assert.deepEqual(results.map((r) => r.fullName), [
    'msgget creates a queue - it works', 'msgget creates a queue - it works',
    'copy through <m> - list - #1.1: copy through pipe', 'copy through <m> - list - #1.2: copy through fifo',
  ]);
  const junit = join(dir, 'junit.xml');
  writeFileSync(junit, JUNIT);
  assert.deepEqual(addSkipReasons(junit, results), { annotated: 2, missing: 0 });
  const xml = readFileSync(junit, 'utf8');
  const skipped = [...xml.matchAll(/<skipped[^>]*>/g)].map((m) => m[0]);
  assert.deepEqual(skipped, [
    '<skipped message="not available here: msgget → ENOSYS"/>',
    '<skipped message="needs &quot;lsof&quot; &amp; &lt;man&gt;"/>',
  ]);
  assert.equal(xml.indexOf('<skipped message="not available'), xml.indexOf('<skipped'), 'the first test case, which passed, got no message');
});

test('a skipped test case that matches no scenario is counted, not given another scenario\'s reason', () => {
  const junit = join(dir, 'other.xml');
  writeFileSync(junit, '<testsuite><testcase classname="Elsewhere" name="msgget creates a queue - it works"><skipped/></testcase></testsuite>');
  assert.deepEqual(addSkipReasons(junit, readRunResults(run())), { annotated: 0, missing: 1 });
  assert.match(readFileSync(junit, 'utf8'), /<skipped\/>/);
});

test('names with character references, named entities in any case, and self-closing test cases are matched whole', () => {
  const results = readRunResults(run());
  const junit = join(dir, 'entities.xml');
  writeFileSync(junit, [
    '<testsuite>',
    '<testcase classname="SysV &#34;queues&#x22; &AMP; more" name="copy through &#60;m&#X3E; - list - #1.1: copy through pipe"><skipped /></testcase>',
    '<testcase classname="SysV &quot;queues&quot; &amp; more" name="msgget creates a queue - it works"/>',
    '<testcase classname="SysV &quot;queues&quot; &amp; more" name="msgget creates a queue - it works"><skipped/></testcase>',
    '<testcase classname="q&apos;s" name="x"><skipped/></testcase>',
    '</testsuite>',
  ].join('\n'));
  assert.deepEqual(addSkipReasons(junit, results), { annotated: 2, missing: 1 });
  const xml = readFileSync(junit, 'utf8');
  assert.match(xml, /name="copy through &#60;m&#X3E; - list - #1\.1: copy through pipe"><skipped message="needs &quot;lsof&quot; &amp; &lt;man&gt;"\/><\/testcase>/);
  assert.match(xml, /it works"\/>\n<testcase [^>]*it works"><skipped message="not available here: msgget → ENOSYS"\/>/,
    'the self-closing first test case takes the first (passed) scenario of that name, the second the skipped one');
  assert.match(xml, /name="x"><skipped\/>/);
});

test('scenarios of several files are taken in file order, then by line, as the formatter writes them', () => {
  const lines: object[] = [{ testRunStarted: {} }];
  // the same feature name and scenario name in two files, given out of order: b.feature:9, a.feature:20, a.feature:3
  ([['features/b.feature', 9, 'from b'], ['features/a.feature', 20, 'from a:20'], ['features/a.feature', 3, 'from a:3']] as const).forEach(([uri, line, reason], i) => {
    lines.push({ pickle: { id: `p${i}`, name: 'same', uri, astNodeIds: [], tags: [], location: { line } } });
    lines.push({ testCase: { id: `c${i}`, pickleId: `p${i}` } }, { testCaseStarted: { id: `s${i}`, testCaseId: `c${i}` } });
    lines.push({ testStepFinished: { testCaseStartedId: `s${i}`, testStepResult: { status: 'SKIPPED' } } });
    lines.push({ attachment: { testCaseStartedId: `s${i}`, mediaType: SKIP_MEDIA_TYPE, body: reason } });
    lines.push({ testCaseFinished: { testCaseStartedId: `s${i}` } });
  });
  const file = join(dir, 'order.ndjson');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  const junit = join(dir, 'order.xml');
  writeFileSync(junit, '<testsuite>' + '<testcase classname="features/x" name="same"><skipped/></testcase>'.repeat(3) + '</testsuite>');
  const results = readRunResults(file).map((r) => ({ ...r, feature: 'features/x' }));
  assert.deepEqual(addSkipReasons(junit, results), { annotated: 3, missing: 0 });
  assert.deepEqual([...readFileSync(junit, 'utf8').matchAll(/message="([^"]*)"/g)].map((m) => m[1]), ['from a:3', 'from a:20', 'from b']);
});

test('a scenario that did not run takes no JUnit test case; one skipped without a reason leaves its <skipped/> bare and counted', () => {
  const result = (name: string, line: number, status: 'passed' | 'skipped' | 'not-run', skipReason?: string) => ({
    name, uri: 'features/z.feature', location: `features/z.feature:${line}`, feature: 'Z', fullName: name, tags: [], status, evidence: {},
    ...(skipReason ? { skipReason } : {}),
  });
  const junit = join(dir, 'not-run.xml');
  writeFileSync(junit, '<testsuite><testcase classname="Z" name="same"><skipped/></testcase>' +
    '<testcase name="no classname"><skipped/></testcase><testcase classname="Z" name="bare"><skipped/></testcase></testsuite>');
  assert.deepEqual(addSkipReasons(junit, [
    result('same', 1, 'not-run', 'not selected in this run'), result('same', 5, 'skipped', 'no lsof'),
    result('no classname', 6, 'skipped', 'reason of a case in another feature'), result('bare', 7, 'skipped'),
  ]), { annotated: 1, missing: 2 });
  assert.equal(readFileSync(junit, 'utf8'), '<testsuite><testcase classname="Z" name="same"><skipped message="no lsof"/></testcase>' +
    '<testcase name="no classname"><skipped/></testcase><testcase classname="Z" name="bare"><skipped/></testcase></testsuite>');
});
