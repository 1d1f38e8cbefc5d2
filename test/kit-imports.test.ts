/** The kit's modules form no import circle: each renderer depends on the record types, never on the builder that uses it. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { test } from 'node:test';
import { root } from '../kit/paths';

/** Local imports of each .ts file under the folders given ("import … from './x'", type-only imports included). */
function importGraph(folders: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const folder of folders) {
    for (const f of readdirSync(join(root, folder)).filter((x) => x.endsWith('.ts'))) {
      const file = join(root, folder, f);
      const deps = [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)]
        .map((m) => `${resolve(dirname(file), m[1])}.ts`);
      graph.set(file, deps);
    }
  }
  return graph;
}

function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const visit = (node: string, path: string[]) => {
    if (path.includes(node)) return void found.push([...path.slice(path.indexOf(node)), node]);
    for (const dep of graph.get(node) ?? []) visit(dep, [...path, node]);
  };
  for (const node of graph.keys()) visit(node, []);
  return found.map((c) => c.map((f) => f.slice(root.length + 1)));
}

test('kit/ has no import circle', () => {
  assert.deepEqual(cycles(importGraph(['kit'])), []);
});
