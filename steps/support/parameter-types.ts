/**
 * Parameter types. {errno} and {signal} match only names this Node knows
 * (os.constants), so a misspelt name in a feature leaves the step undefined and
 * the run fails before any scenario starts, instead of failing at run time.
 */
import { defineParameterType } from '@cucumber/cucumber';
import { constants } from 'node:os';
import { errnoNames } from '../../native/errno';

const alternation = (names: string[]) =>
  new RegExp([...names].sort((a, b) => b.length - a.length).join('|'));

defineParameterType({
  name: 'errno',
  regexp: alternation(errnoNames()),
  transformer: (name: string) => name,
});

defineParameterType({
  name: 'signal',
  regexp: alternation(Object.keys(constants.signals)),
  transformer: (name: string) => name,
});

defineParameterType({
  name: 'access',
  regexp: /O_RDONLY|O_WRONLY|O_RDWR/,
  transformer: (name: string) => name,
});

/** Which end of a pipe: "read" or "write". */
defineParameterType({
  name: 'end',
  regexp: /read|write/,
  transformer: (name: string) => name,
});

/** A permission mode written in octal, as ls and stat show it: 0500. */
defineParameterType({
  name: 'mode',
  regexp: /0[0-7]{3,4}/,
  transformer: (text: string) => parseInt(text, 8),
});

/** A process's part in a fixture: the parent, the child, the first or second child, the grandchild. */
defineParameterType({
  name: 'role',
  regexp: /parent|child|first-child|second-child|grandchild/,
  transformer: (name: string) => name,
});

/** A mode as the notes and fixtures write it: "0600", "0200" (the inverse of {mode}). */
export const octal = (mode: number): string => `0${mode.toString(8).padStart(3, '0')}`;
