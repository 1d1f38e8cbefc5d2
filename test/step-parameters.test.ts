/**
 * Step parameters have the type their step function declares. Cucumber hands
 * a number for {int}, {float} and {mode}, and also for a regular expression's
 * `(\d+)` group (cucumber-expressions reuses the int type for it), so a step
 * that declares such a parameter `string` and compares it with '0' never
 * matches. Every step of every feature is matched against the step
 * definitions here, and each argument's runtime type is checked against the
 * TypeScript annotation of the parameter it lands in.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import * as ts from 'typescript';
import { root } from '../kit/paths';
import { features } from './pickles';

/** The primitive types a parameter's annotation admits, or undefined when it names none (a custom type). */
function admitted(annotation: string): Set<string> | undefined {
  const kinds = ['string', 'number', 'boolean'].filter((k) => new RegExp(`\\b${k}\\b`).test(annotation));
  return kinds.length ? new Set(kinds) : undefined;
}

/** The declared parameter types (without `this`) of the step function defined at file:line. */
function declaredParameters(file: string, line: number): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  let found: string[] | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) && source.getLineAndCharacterOfPosition(node.getStart()).line + 1 === line) {
      const fn = node.arguments[1];
      if (fn && (ts.isFunctionExpression(fn) || ts.isArrowFunction(fn))) {
        found = fn.parameters.filter((p) => p.name.getText() !== 'this').map((p) => p.type?.getText() ?? 'any');
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!found) throw new Error(`no step function at ${file}:${line}`);
  return found;
}

function pickleSteps(): Array<{ text: string; where: string }> {
  return features().flatMap(({ uri, pickles }) => pickles.flatMap((p) => p.steps.map((s) => ({ text: s.text, where: `${uri}: ${p.name}` }))));
}

/** What this test reads of a step definition (cucumber's public type of the library does not list them). */
interface StepDefinition {
  uri: string;
  line: number;
  matchesStepName(text: string): boolean;
  expression: { match(text: string): Array<{ getValue(world: unknown): unknown }> | null };
}

test('every argument a feature passes to a step has the type the step function declares', async () => {
  const { loadConfiguration, loadSupport } = await import('@cucumber/cucumber/api');
  const { runConfiguration } = await loadConfiguration({ profiles: ['default'] }, { cwd: root });
  const library = await loadSupport(runConfiguration, { cwd: root }) as unknown as { stepDefinitions: StepDefinition[] };
  const declared = new Map<string, string[]>();
  const problems = new Map<string, string>(); // one line a parameter, with its first example
  let checked = 0;
  for (const { text, where } of pickleSteps()) {
    for (const definition of library.stepDefinitions.filter((d) => d.matchesStepName(text))) {
      const at = `${relative(root, definition.uri)}:${definition.line}`;
      if (!declared.has(at)) declared.set(at, declaredParameters(join(root, definition.uri), definition.line));
      const params = declared.get(at)!;
      (definition.expression.match(text) ?? []).forEach((arg, i) => {
        const value = arg.getValue(null);
        const annotation = params[i] ?? 'any';
        const kinds = admitted(annotation);
        checked += 1;
        if (value === undefined || value === null || !kinds || kinds.has(typeof value)) return;
        const which = `${at} parameter ${i + 1}`;
        if (!problems.has(which)) problems.set(which, `${which} is declared ${annotation} but gets the ${typeof value} ${JSON.stringify(value)} (step "${text}", ${where})`);
      });
    }
  }
  assert.ok(checked > 100, `only ${checked} arguments were checked: the features or step definitions did not load`);
  assert.deepEqual([...problems.values()], []);
});
