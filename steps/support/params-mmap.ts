/**
 * Parameter types of the mmap and POSIX shared-memory features.
 * {mmapOutcome}: "a mapping" (mmap succeeded) or an errno name Node knows, so a
 * misspelt errno in an Examples table fails when the step is matched.
 */
import { defineParameterType } from '@cucumber/cucumber';
import { constants } from 'node:os';

const errnos = Object.keys(constants.errno).sort((a, b) => b.length - a.length);

defineParameterType({
  name: 'mmapOutcome',
  regexp: new RegExp(['a mapping', ...errnos].join('|')),
  transformer: (text: string) => text,
});
