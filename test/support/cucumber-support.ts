/**
 * Loads step support modules (hooks, parameter types, the World, the dsl's steps) the way cucumber
 * does, without running cucumber: its support code library builder is opened, the modules are
 * required (each registers what it defines), and the finished library holds their hooks, step
 * definitions and parameter types, whose functions a unit test can then call with a world of its own.
 */
import { root } from '../../kit/paths';

interface Builder {
  reset(cwd: string, newId: () => string): void;
  finalize(): SupportLibrary;
}

interface Definition { code: (this: unknown, ...args: any[]) => unknown; uri: string; line: number }

export interface SupportLibrary {
  beforeTestCaseHookDefinitions: Definition[];
  afterTestCaseHookDefinitions: Definition[];
  beforeTestStepHookDefinitions: Definition[];
  afterTestStepHookDefinitions: Definition[];
  stepDefinitions: Definition[];
  parameterTypeRegistry: { lookupByTypeName(name: string): { regexpStrings: string[]; transform(world: unknown, groups: string[]): unknown } | undefined };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const builder: Builder = require('@cucumber/cucumber/lib/support_code_library_builder/index').default;

let ids = 0;

/** Registers what `load` defines (it requires the modules) in a fresh library, and returns that library. */
export function supportLibrary(load: () => void): SupportLibrary {
  builder.reset(root, () => `unit-${++ids}`);
  load();
  return builder.finalize();
}
