// StrykerJS ignorers for `npm run mutation` (stryker.config.json, "ignorers").
// Each rule skips code whose mutation cannot change whether a scenario passes:
// text that only words a failure, a skip or a report. Every rule is listed, with
// its reason, in test/mutation-equivalents.md; keep the two in sync.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';
import { parse } from 'yaml';

/**
 * The evidence keys the claim ledger reads (features/ledger/*.yaml): every {placeholder} of an
 * `observed` sentence (an entry's or a `when` rule's) and every key a `when` rule tests. `tested`
 * holds only the latter: the keys whose values decide a verdict.
 */
function ledgerKeys() {
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'features', 'ledger');
  const named = new Set();
  const tested = new Set();
  const placeholders = (text) => { for (const m of String(text ?? '').matchAll(/\{([\w.\-]+)\}/g)) named.add(m[1]); };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    for (const entry of Object.values(parse(readFileSync(join(dir, file), 'utf8')) ?? {})) {
      placeholders(entry?.observed);
      for (const rule of entry?.when ?? []) {
        placeholders(rule.observed);
        const key = /^\s*([\w.\-]+)/.exec(rule.if ?? '')?.[1];
        if (key) { named.add(key); tested.add(key); }
      }
    }
  }
  return { named: [...named], tested: [...tested] };
}
const LEDGER = ledgerKeys();

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The keys an evidence-key expression can produce, as anchored patterns: a string literal, a template
 * literal (each ${…} any text), or either branch of a conditional; undefined when it is computed
 * some other way (a variable, errnoKey(…)), which is then never skipped.
 */
function keyPatterns(node) {
  if (node.type === 'StringLiteral') return [new RegExp(`^${escapeRe(node.value)}$`)];
  if (node.type === 'TemplateLiteral') return [new RegExp(`^${node.quasis.map((q) => escapeRe(q.value.cooked ?? q.value.raw)).join('.+')}$`)];
  if (node.type === 'ConditionalExpression') {
    const a = keyPatterns(node.consequent);
    const b = keyPatterns(node.alternate);
    return a && b ? [...a, ...b] : undefined;
  }
  return undefined;
}

/** Whether some key the expression can produce is one of `keys` (unknown expressions count as read). */
function readByLedger(node, keys) {
  const patterns = keyPatterns(node);
  return !patterns || patterns.some((re) => keys.some((k) => re.test(k)));
}

/**
 * Whether a call's result is thrown away (the call is a statement of its own). Stryker places mutants
 * while it walks, wrapping an expression as `stryMutAct_…("7") ? mutant : original`, so such wrappers
 * between the call and its statement are looked through.
 */
function statementLevel(callPath) {
  let p = callPath.parentPath;
  while (p && ((p.node.type === 'ConditionalExpression' && p.node.test?.type === 'CallExpression' &&
      p.node.test.callee?.type === 'Identifier' && p.node.test.callee.name.startsWith('stryMutAct')) ||
      p.node.type === 'SequenceExpression' || p.node.type === 'ParenthesizedExpression')) p = p.parentPath;
  return p?.node.type === 'ExpressionStatement';
}

const isEvidenceRecord = (node) => node?.type === 'CallExpression' && calleeName(node.callee) === 'record' && calleeObjectName(node.callee) === 'evidence';

const calleeName = (callee) =>
  callee?.type === 'Identifier' ? callee.name
    : callee?.type === 'MemberExpression' && callee.property?.type === 'Identifier' ? callee.property.name
      : undefined;

const calleeObjectName = (callee) =>
  callee?.type === 'MemberExpression' ? calleeName(callee.object) : undefined;

// assertion helpers whose first parameter is `what`, the text of the failure message:
// expect.ts's expectValue, expectTrue and the comparisons (expectWithin …), fifo's expectErrno, unix-socket's failed
const MESSAGE_FIRST = new Set([
  'expectValue', 'expectTrue', 'expectWithin', 'expectAtLeast', 'expectAbove', 'expectBelow', 'expectDistinct', 'expectOneOf',
  'expectMatch', 'expectUnrelated', 'expectErrno', 'failed',
]);

const STEP_KEYWORDS = new Set(['Given', 'When', 'Then']);

/** The reason a node's mutants are skipped, or undefined to mutate it. */
function reasonFor(path) {
  const parent = path.parentPath;
  if (!parent) return undefined;
  const node = parent.node;

  if ((node.type === 'CallExpression' || node.type === 'NewExpression') && path.listKey === 'arguments') {
    const name = calleeName(node.callee);
    if (MESSAGE_FIRST.has(name) && node.callee.type === 'Identifier' && path.key === 0) {
      return `assertion-message: the first argument of ${name} only words the failure message`;
    }
    if (name === 'awaitEvent' && node.callee.type === 'Identifier' && path.key === 3) {
      return 'assertion-message: the fourth argument of awaitEvent only words the kit error when the event never comes';
    }
    if (name === 'need' && node.callee.type === 'Identifier' && path.key === 1) {
      return 'assertion-message: the second argument of need (unix-socket) only words the failure message';
    }
    if (node.type === 'NewExpression' && (name === 'Error' || name === 'NotAvailable')) {
      return 'error-text: the message of a thrown Error or NotAvailable only words the failure or the skip reason';
    }
    // an evidence key no ledger sentence or rule reads only labels a value in the report's evidence list
    if (isEvidenceRecord(node) && path.key === 0 && !readByLedger(path.node, LEDGER.named)) {
      return 'evidence-key: a key no ledger sentence or rule reads is display-only';
    }
    // the value, where the call's result is thrown away (no assertion reads it) and no `when` rule tests its key
    if (isEvidenceRecord(node) && path.key === 1 && statementLevel(parent) &&
        !readByLedger(node.arguments[0], LEDGER.tested)) {
      return 'evidence-value: a recorded value that no assertion reads and no `when` rule tests only words the report';
    }
  }
  // one branch of a key that the ledger reads elsewhere (`a ? 'sig.rt_sent' : 'sig.std_sent'`): that branch's text only
  if ((path.node.type === 'StringLiteral' || path.node.type === 'TemplateLiteral') && parent.node.type === 'ConditionalExpression' &&
      path.key !== 'test') {
    let top = parent;
    while (top.parentPath?.node.type === 'ConditionalExpression' && top.key !== 'test') top = top.parentPath;
    if (isEvidenceRecord(top.parentPath?.node) && top.listKey === 'arguments' && top.key === 0 && !readByLedger(path.node, LEDGER.named)) {
      return 'evidence-key: a key no ledger sentence or rule reads is display-only';
    }
  }
  if ((node.type === 'CallExpression' || node.type === 'NewExpression') && path.listKey === 'arguments') {
    const name = calleeName(node.callee);
    if ((name === 'mapping' || name === 'adopt') && calleeObjectName(node.callee) === 'tracker' && path.key === 0) {
      return 'resource-label: the label only names the resource in a release failure message';
    }
    if (name === 'tempDir' && calleeObjectName(node.callee) === 'tracker' && path.key === 0) {
      return 'temp-dir-purpose: the purpose only names the temporary directory';
    }
    // compile('c', source, dir, NAME) and compileText(…, NAME): the name of the binary in a fresh temp dir
    if ((name === 'compile' || name === 'compileText') && path.key === 3) {
      return 'binary-name: the name of a compiled binary in a fresh temporary directory only names a file';
    }
    if (name === 'compileC' && node.callee.type === 'Identifier' && path.key === 2) {
      return 'binary-name: the name of a compiled binary in a fresh temporary directory only names a file';
    }
    if (name === 'skipIfBlocked' && node.callee.type === 'Identifier' && path.key === 0) {
      return 'skip-call-name: the call name only words the skip reason';
    }
    if (name === 'uniqueName' && node.callee.type === 'Identifier' && path.key === 0) {
      return 'name-purpose: the purpose is only a readable part of a name that is unique without it';
    }
    // fixtureCall(w, fixture, args, WAITING_FOR) (steps/errors/cases.ts): the text a fixture timeout names
    if (name === 'fixtureCall' && node.callee.type === 'Identifier' && path.key === 3) {
      return 'fixture-wait-text: waitingFor only words a fixture timeout message';
    }
    if (name === 'runHostTool' && node.callee.type === 'Identifier' && path.key === 2) {
      return 'package-name: the package only words the skip reason when the tool is missing';
    }
    if (STEP_KEYWORDS.has(name) && node.callee.type === 'Identifier' && path.key === 0) {
      return 'step-pattern: a mutated step pattern leaves its steps undefined, which fails every scenario using it';
    }
  }
  // { waitingFor: '…' }: the text a fixture timeout names what it waited for
  if (path.node.type === 'ObjectExpression' && path.node.properties.length > 0 &&
      path.node.properties.every((p) => p.type === 'ObjectProperty' && p.key?.name === 'waitingFor')) {
    return 'fixture-wait-text: waitingFor only words a fixture timeout message';
  }
  if (node.type === 'ObjectProperty' && path.key === 'value' && node.key?.name === 'waitingFor') {
    return 'fixture-wait-text: waitingFor only words a fixture timeout message';
  }
  return undefined;
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'ipc-conformance-text', { shouldIgnore: reasonFor }),
];
