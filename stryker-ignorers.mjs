// StrykerJS ignorers for `npm run mutation` (stryker.config.json, "ignorers").
// Each rule skips code whose mutation cannot change whether a scenario passes:
// text that only words a failure, a skip or a report. Every rule is listed, with
// its reason, in test/mutation-equivalents.md; keep the two in sync.
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';

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
    if (name === 'need' && node.callee.type === 'Identifier' && path.key === 1) {
      return 'assertion-message: the second argument of need (unix-socket) only words the failure message';
    }
    if (node.type === 'NewExpression' && (name === 'Error' || name === 'NotAvailable')) {
      return 'error-text: the message of a thrown Error or NotAvailable only words the failure or the skip reason';
    }
    if (name === 'record' && calleeObjectName(node.callee) === 'evidence' && path.key === 0) {
      return 'evidence-key: an evidence key only feeds the claims report, never a pass or fail';
    }
    // the value too, where the call's result is thrown away: then no assertion reads it
    if (name === 'record' && calleeObjectName(node.callee) === 'evidence' && path.key === 1 &&
        parent.parentPath?.node.type === 'ExpressionStatement') {
      return 'evidence-value: a recorded value that no assertion reads only feeds the claims report';
    }
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
