/** One clear line and a non-zero exit: how the kit's own commands refuse bad input. */
export function fail(message: string, code = 2): never {
  process.stderr.write(`ipc-conformance: ${message}\n`);
  process.exit(code);
}
