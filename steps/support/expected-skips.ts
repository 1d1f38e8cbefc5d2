/**
 * The skips the strict profile still admits under `npm run mutation`: those an unmutated run of the
 * same host made, scenario by scenario and reason by reason (reports/mutation/expected-skips.json,
 * written by kit/mutation-baseline.ts; the cucumber profile "mutation" names it). As root, the
 * errno scenarios that a capability bypasses skip on every run; a mutant that makes any other
 * scenario skip, or one of those skip for another reason, still fails it.
 */
import { readFileSync } from 'node:fs';
import { skipKey } from '../../kit/mutation-baseline';
import type { IpcWorld } from './world';

const lists = new Map<string, Set<string>>();

function expected(file: string): Set<string> {
  let list = lists.get(file);
  if (!list) {
    list = new Set<string>(JSON.parse(readFileSync(file, 'utf8')));
    lists.set(file, list);
  }
  return list;
}

/** Whether the strict profile admits this skip here: it is listed in the world parameter `expectedSkips`'s file. */
export function expectedSkip(world: Pick<IpcWorld, 'parameters' | 'scenario'>, reason: string): boolean {
  const file: unknown = world.parameters?.expectedSkips;
  if (typeof file !== 'string' || !world.scenario) return false;
  return expected(file).has(skipKey(world.scenario.uri, world.scenario.name, reason));
}
