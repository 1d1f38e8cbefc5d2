/**
 * The fixture runner: starts a compiled C fixture with execa, bounds it with a
 * timeout, and turns its output (one JSON object per line) into events.
 *
 *  - a blocked fixture is killed and fails the step with "timed out ... waiting for ...";
 *  - a line that is not JSON, an {"error": ...} line, or death by a signal the
 *    scenario did not expect, fails the step with a message that says which;
 *  - {"skip": reason} becomes a named skip (NotAvailable) as soon as the line
 *    arrives: the fixture and its children are killed, whatever they do next;
 *  - an {"error": call, "errno": n} whose errno means the call cannot be made
 *    here (blocked, probed; a used-up IPC limit; see native/blocked.ts) is a
 *    named skip too; any other is a failure.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { fixturesBinDir } from '../../kit/paths';
import { errnoName } from '../../native/errno';
import { skipIfBlocked } from '../../native/blocked';
import { NotAvailable } from '../../native/not-available';
import { scaled } from '../../native/time-scale';
import { ResourceTracker } from './tracker';

export type FixtureEvent = { event: string } & Record<string, any>;

export interface FixtureContext {
  tracker: ResourceTracker;
  /** every run is recorded, so a failing scenario can attach what its fixtures said */
  transcript: FixtureRun[];
}

export interface FixtureOptions {
  /** what the fixture waits for, named in the timeout message */
  waitingFor?: string;
  timeoutMs?: number;
  /** the fixture is expected to die from this signal (e.g. SIGPIPE) */
  expectSignal?: string;
  env?: Record<string, string>;
}

/** Below cucumber's step timeout (both scaled alike), so our message wins. */
const DEFAULT_TIMEOUT_MS = 4000;

export class FixtureRun {
  constructor(
    readonly name: string,
    readonly args: string[],
    readonly events: FixtureEvent[],
    readonly exitCode: number | undefined,
    readonly signal: string | undefined,
    readonly stderr: string,
  ) {}

  all(event: string): FixtureEvent[] {
    return this.events.filter((e) => e.event === event);
  }

  /**
   * The one event of that name (among those `match` accepts, e.g. by('child'));
   * a fixture that said it twice or never is a kit error.
   */
  only(event: string, match: (e: FixtureEvent) => boolean = by(undefined)): FixtureEvent {
    const found = this.all(event).filter(match);
    if (found.length !== 1) {
      throw new Error(`fixture ${this.name} reported "${event}"${match.name ? ` (${match.name})` : ''} ${found.length} times; its events: ${JSON.stringify(this.events)}`);
    }
    return found[0];
  }

  toString(): string {
    return [`$ ${this.name} ${this.args.join(' ')}`, ...this.events.map((e) => JSON.stringify(e)),
      this.stderr && `stderr: ${this.stderr}`, `exit: ${this.signal ?? this.exitCode}`].filter(Boolean).join('\n');
  }
}

/**
 * Matches events from one process of a fixture, named by its "by" or "who"
 * field (`fallback` for events that name none); every event when role is undefined.
 */
export function by(role: string | undefined, fallback?: string): (e: FixtureEvent) => boolean {
  const match = (e: FixtureEvent): boolean => role === undefined || (e.by ?? e.who ?? fallback) === role;
  Object.defineProperty(match, 'name', { value: role === undefined ? '' : `from the ${role}` });
  return match;
}

export function parseEvents(name: string, stdout: string): FixtureEvent[] {
  return stdout.split('\n').filter((l) => l.trim()).map((line) => {
    try {
      const parsed = JSON.parse(line);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      return parsed;
    } catch {
      throw new Error(`fixture ${name} printed a line that is not a JSON object: ${JSON.stringify(line)}`);
    }
  });
}

/**
 * A fixture that creates an object outside itself reports it at once, so the
 * scenario's tracker removes it even when the fixture is killed:
 *   {"event":"created","kind":"sysv-msg","id":3}     kinds: sysv-msg, sysv-sem, sysv-shm
 *   {"event":"created","kind":"posix-shm","name":"/ipcc-..."}   posix-shm, posix-mq, path
 */
function adoptCreated(ctx: FixtureContext, events: FixtureEvent[]): void {
  for (const e of events.filter((x) => x.event === 'created')) {
    const [family, kind] = String(e.kind).split('-');
    if (family === 'sysv' && ['msg', 'sem', 'shm'].includes(kind)) ctx.tracker.fixtureSysv(kind as 'msg', Number(e.id));
    else if (family === 'posix' && ['shm', 'mq'].includes(kind)) ctx.tracker.posix(kind as 'shm', String(e.name));
    else if (e.kind === 'path') ctx.tracker.path(String(e.name));
    else throw new Error(`fixture reported a created object of unknown kind ${JSON.stringify(e)}`);
  }
}

function binary(name: string): string {
  const bin = join(fixturesBinDir, name);
  if (!existsSync(bin)) throw new Error(`fixture ${name} is not built (${bin}): run \`npm run build\``);
  return bin;
}

/** Checks a finished fixture's output and exit, throwing the message a reader needs. */
export function judge(run: FixtureRun, opts: FixtureOptions, timedOut: boolean, timeoutMs: number): FixtureRun {
  const last = run.events.at(-1);
  if (timedOut) {
    throw new Error(`fixture ${run.name} timed out after ${timeoutMs} ms waiting for ${opts.waitingFor ?? 'its peer'}` +
      ` (last event: ${last ? JSON.stringify(last) : 'none'})`);
  }
  const skip = run.events.find((e) => 'skip' in e);
  if (skip) throw new NotAvailable(String(skip.skip));
  const error = run.events.find((e) => 'error' in e);
  if (error && error.errno !== undefined) skipIfBlocked(String(error.error), errnoName(error.errno));
  if (error) {
    const why = error.errno !== undefined ? `failed with ${errnoName(error.errno)}` : String(error.message);
    throw new Error(`fixture ${run.name}: ${error.error} ${why}\n${run}`);
  }
  if (run.signal !== opts.expectSignal) {
    throw new Error(run.signal ? `fixture ${run.name} was killed by ${run.signal}\n${run}`
      : `fixture ${run.name} exited with ${run.exitCode}, not killed by ${opts.expectSignal}\n${run}`);
  }
  if (!opts.expectSignal && run.exitCode !== 0) throw new Error(`fixture ${run.name} exited with ${run.exitCode}\n${run}`);
  return run;
}

/**
 * A fixture's stdout lines as they arrive. `skipped` resolves at the first
 * {"skip":…} line, so the runner stops waiting then, even when the fixture
 * goes on (a parent waiting for a child that skipped) or its children keep
 * the pipe open.
 */
class LineWatch {
  readonly lines: string[] = [];
  readonly skipped: Promise<void>;
  private partial = '';

  constructor(stdout: Readable) {
    let skip!: () => void;
    this.skipped = new Promise<void>((resolve) => (skip = resolve));
    stdout.on('data', (chunk: Buffer) => {
      const parts = (this.partial + chunk.toString('utf8')).split('\n');
      this.partial = parts.pop() ?? '';
      for (const line of parts.filter((l) => l.trim())) {
        this.lines.push(line);
        if (isSkipLine(line)) skip();
      }
    });
  }
}

function isSkipLine(line: string): boolean {
  try {
    const e = JSON.parse(line);
    return e !== null && typeof e === 'object' && 'skip' in e;
  } catch {
    return false;
  }
}

/** The processes descended from pid, read from /proc (children first found, then theirs). */
export function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* the process ended while we looked */ }
  }
  const found: number[] = [];
  for (let i = -1; i < found.length; i++) {
    const of = i < 0 ? pid : found[i];
    for (const [p, pp] of parent) if (pp === of) found.push(p);
  }
  return found;
}

/** SIGKILL to a fixture and every process it started (a child that changed uid has lost its parent-death signal). */
function killTree(child: ResultPromise): void {
  if (child.pid === undefined) return;
  for (const pid of [child.pid, ...descendants(child.pid)]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch { /* already gone */ }
  }
  child.stdout?.destroy();
  child.stderr?.destroy();
}

function spawnFixture(ctx: FixtureContext, name: string, args: string[], opts: FixtureOptions, stdin: 'ignore' | 'pipe') {
  const timeout = scaled(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const child = execa(binary(name), args, {
    reject: false, timeout, killSignal: 'SIGKILL', stdin, stripFinalNewline: false,
    env: { ...opts.env, IPCC_FIXTURE: name },
  });
  ctx.tracker.adopt(`process ${name} (pid ${child.pid})`, () => killIfRunning(child));
  return { child, timeout, watch: new LineWatch(child.stdout!) };
}

/** SIGKILLs a subprocess that has not ended yet (execa 10 keeps Node's exit state on `nodeChildProcess`). */
function killIfRunning(child: ResultPromise): void {
  const { exitCode, signalCode } = child.nodeChildProcess;
  if (exitCode === null && signalCode === null) child.kill('SIGKILL');
}

async function settle(ctx: FixtureContext, name: string, args: string[], opts: FixtureOptions,
  child: ResultPromise, watch: LineWatch, timeout: number, adopted: boolean): Promise<FixtureRun> {
  const ended = await Promise.race([child.then((r) => r), watch.skipped.then(() => undefined)]);
  if (ended === undefined) {
    // a skip line: the wait ends now, whatever the fixture and its children do next
    killTree(child);
    const run = new FixtureRun(name, args, parseEvents(name, watch.lines.join('\n')), undefined, undefined, '');
    ctx.transcript.push(run);
    if (!adopted) adoptCreated(ctx, run.events);
    return judge(run, opts, false, timeout);
  }
  const result = ended;
  const stdout = String(result.stdout ?? '');
  let events: FixtureEvent[];
  try {
    events = parseEvents(name, stdout);
  } catch (e) {
    if (result.timedOut) events = [];
    else throw e;
  }
  const run = new FixtureRun(name, args, events, result.exitCode, result.signal, String(result.stderr ?? ''));
  ctx.transcript.push(run);
  if (!adopted) adoptCreated(ctx, events);
  return judge(run, opts, !!result.timedOut, timeout);
}

/** Runs a fixture to its end. */
export async function runFixture(ctx: FixtureContext, name: string, args: string[] = [], opts: FixtureOptions = {}): Promise<FixtureRun> {
  const { child, timeout, watch } = spawnFixture(ctx, name, args, opts, 'ignore');
  return settle(ctx, name, args, opts, child, watch, timeout, false);
}

/**
 * A fixture that lives across several steps: it announces events as it goes,
 * and ends when the scenario closes its stdin (finish()).
 */
export class FixtureSession {
  private buffered = '';
  private seen: FixtureEvent[] = [];
  private waiters: Array<() => void> = [];

  constructor(private ctx: FixtureContext, readonly name: string, private args: string[], private opts: FixtureOptions,
    private child: ResultPromise, private watch: LineWatch, private timeout: number) {
    child.stdout!.on('data', (chunk: Buffer) => {
      this.buffered += chunk.toString('utf8');
      const lines = this.buffered.split('\n');
      this.buffered = lines.pop() ?? '';
      const fresh = lines.filter((line) => line.trim()).flatMap((line) => parseEvents(name, line));
      adoptCreated(ctx, fresh);
      this.seen.push(...fresh);
      for (const wake of this.waiters.splice(0)) wake();
    });
    child.stdout!.on('end', () => this.waiters.splice(0).forEach((wake) => wake()));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resolves with the first event of that name; rejects if the fixture ends or errs first. */
  async waitFor(event: string): Promise<FixtureEvent> {
    for (;;) {
      const found = this.seen.find((e) => e.event === event);
      if (found) return found;
      const bad = this.seen.find((e) => 'error' in e || 'skip' in e);
      if (bad || this.child.stdout!.readableEnded) return Promise.reject(await this.finish().then(
        () => new Error(`fixture ${this.name} ended without reporting "${event}"`), (e) => e));
      await new Promise<void>((wake) => this.waiters.push(wake));
    }
  }

  /** Closes the fixture's stdin (its signal to finish) and checks how it ended. */
  finish(): Promise<FixtureRun> {
    this.child.stdin?.end();
    return settle(this.ctx, this.name, this.args, this.opts, this.child, this.watch, this.timeout, true); // adopted as they came
  }
}

export function startFixture(ctx: FixtureContext, name: string, args: string[] = [], opts: FixtureOptions = {}): FixtureSession {
  const { child, timeout, watch } = spawnFixture(ctx, name, args, opts, 'pipe');
  return new FixtureSession(ctx, name, args, opts, child, watch, timeout);
}

export interface ProgramRun { stdout: string; stderr: string; exitCode: number | undefined; signal: string | undefined }

/** Runs a program that does not speak the fixture protocol (a note's example), with the same timeout and tracking. */
export async function runProgram(ctx: FixtureContext, binary: string, args: string[] = [], timeoutMs = scaled(DEFAULT_TIMEOUT_MS)): Promise<ProgramRun> {
  const child = execa(binary, args, { reject: false, timeout: timeoutMs, killSignal: 'SIGKILL', stdin: 'ignore', stripFinalNewline: false });
  ctx.tracker.adopt(`process ${binary} (pid ${child.pid})`, () => killIfRunning(child));
  const r = await child;
  if (r.timedOut) throw new Error(`${binary} timed out after ${timeoutMs} ms waiting for its output to end`);
  return { stdout: String(r.stdout), stderr: String(r.stderr), exitCode: r.exitCode, signal: r.signal };
}
