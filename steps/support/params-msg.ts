/**
 * Parameter types of the SysV message-queue steps (steps/sysv-msg.steps.ts).
 * {msgflg}: "0", or flags joined by "|" as C writes them ("MSG_EXCEPT|IPC_NOWAIT");
 * only the names below match, so a misspelt flag leaves the step undefined.
 */
import { defineParameterType } from '@cucumber/cucumber';
import { C } from '../../native/constants';

const FLAGS = ['IPC_NOWAIT', 'MSG_NOERROR', 'MSG_EXCEPT', 'IPC_CREAT', 'IPC_EXCL'];
const one = `(?:${FLAGS.join('|')})`;

defineParameterType({
  name: 'msgflg',
  regexp: new RegExp(`0|${one}(?:\\|${one})*`),
  transformer: (text: string) => (text === '0' ? 0 : text.split('|').reduce((flags, name) => flags | C[name], 0)),
});
