/**
 * Constants, sizes and struct layouts of this host, as printed by the probes
 * (native/probes/, one C file a mechanism) that `npm run build` compiles
 * against the system headers and merges into build/native/constants.json.
 * Unknown names throw, so a typo fails at once instead of passing `undefined`
 * to a syscall.
 */
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { probeJsonPath } from './build-paths';

function load(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(probeJsonPath, 'utf8'));
  } catch (e) {
    throw new Error(`the platform probe's output ${probeJsonPath} is missing or broken: run \`npm run build\` (${(e as Error).message})`);
  }
}

const table = load();

export const C: Readonly<Record<string, number>> = new Proxy(table, {
  get(target, name: string) {
    if (!(name in target)) throw new Error(`constant ${name} is not in the probe: add it to the probe of its mechanism in native/probes/`);
    return target[name];
  },
});

/** Byte offset and size of a struct field, e.g. field('struct stat', 'st_ino'). */
export function field(struct: string, name: string): { offset: number; size: number } {
  return { offset: C[`offsetof(${struct},${name})`], size: C[`sizeof(${struct}.${name})`] };
}

export function sizeOf(type: string): number {
  return C[`sizeof(${type})`];
}

/** Reads an unsigned integer field of a struct held in a buffer, with the probe's offset and size. */
export function readField(buf: Buffer, struct: string, name: string, base = 0): number {
  const { offset, size } = field(struct, name);
  const at = base + offset;
  const le = endianness() === 'LE';
  if (size === 8) return Number(le ? buf.readBigUInt64LE(at) : buf.readBigUInt64BE(at));
  if (size === 4) return le ? buf.readUInt32LE(at) : buf.readUInt32BE(at);
  if (size === 2) return le ? buf.readUInt16LE(at) : buf.readUInt16BE(at);
  throw new Error(`field ${struct}.${name} has size ${size}: read it another way`);
}

/** Writes an unsigned integer field of a struct held in a buffer, with the probe's offset and size. */
export function writeField(buf: Buffer, struct: string, name: string, value: number, base = 0): void {
  const { offset, size } = field(struct, name);
  const at = base + offset;
  const le = endianness() === 'LE';
  if (size === 8) le ? buf.writeBigUInt64LE(BigInt(value), at) : buf.writeBigUInt64BE(BigInt(value), at);
  else if (size === 4) le ? buf.writeUInt32LE(value >>> 0, at) : buf.writeUInt32BE(value >>> 0, at);
  else if (size === 2) le ? buf.writeUInt16LE(value, at) : buf.writeUInt16BE(value, at);
  else throw new Error(`field ${struct}.${name} has size ${size}: write it another way`);
}
