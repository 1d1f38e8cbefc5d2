/**
 * A Then step must be able to fail: it never compares a value with itself.
 * Two shapes of that mistake are caught here, in every steps/*.steps.ts:
 * a comparison of compile-time constants only (two macros of one header), and
 * fpathconf(_PC_PIPE_BUF), which glibc answers with its own PIPE_BUF constant
 * without asking the kernel, so comparing it with PIPE_BUF checks nothing.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as ts from 'typescript';
import { root } from '../kit/paths';

const stepsDir = join(root, 'steps');
const stepFiles = readdirSync(stepsDir).filter((f) => f.endsWith('.steps.ts'));

/** An expression made of header constants (C.NAME) and literals alone: known when the kit is compiled. */
function constantOnly(e: ts.Expression): boolean {
  if (ts.isNumericLiteral(e) || ts.isStringLiteral(e)) return true;
  if (ts.isPropertyAccessExpression(e)) return ts.isIdentifier(e.expression) && e.expression.text === 'C';
  if (ts.isParenthesizedExpression(e)) return constantOnly(e.expression);
  if (ts.isBinaryExpression(e)) return constantOnly(e.left) && constantOnly(e.right);
  if (ts.isArrayLiteralExpression(e)) return e.elements.every((x) => constantOnly(x as ts.Expression));
  return false;
}

function offences(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(stepsDir, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (n: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
      const [, expected, actual] = n.arguments;
      if (n.expression.text === 'expectValue' && expected && actual && constantOnly(expected) && constantOnly(actual)) {
        found.push(`${at(n)} compares two compile-time constants: ${n.getText()}`);
      }
      if (n.expression.text === 'atomicWriteSize') found.push(`${at(n)} reads fpathconf(_PC_PIPE_BUF), which is glibc's constant`);
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return found;
}

test('no Then step compares compile-time constants with each other or with glibc\'s fpathconf(_PC_PIPE_BUF)', () => {
  assert.ok(stepFiles.length > 10, 'the step files were found');
  assert.deepEqual(stepFiles.flatMap(offences), []);
});

test('the constant-only check flags two macros and passes a measured value', () => {
  const probe = (text: string) => {
    const s = ts.createSourceFile('probe.ts', text, ts.ScriptTarget.Latest, true);
    const call = (s.statements[0] as ts.ExpressionStatement).expression as ts.CallExpression;
    return constantOnly(call.arguments[1]) && constantOnly(call.arguments[2]);
  };
  assert.equal(probe("expectValue('MAP_ANON', C.MAP_ANONYMOUS, C.MAP_ANON);"), true);
  assert.equal(probe("expectValue('x', [C.A, 1], [C.B, 2]);"), true);
  assert.equal(probe("expectValue('fpathconf', C.PIPE_BUF, atomicWriteSize(fd));"), false);
  assert.equal(probe("expectValue('bytes', records * C.PIPE_BUF, got.bytes);"), false);
});
