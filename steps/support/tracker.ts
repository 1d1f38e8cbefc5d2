/**
 * The resource tracker: every fd, process, temp dir and IPC object a scenario
 * creates is registered here and released in reverse order by the After hook.
 * On SIGINT or SIGTERM every live tracker in the process is released before the
 * process exits, so an interrupted run leaves nothing behind either.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { close } from '../../native/fd';
import { SysResult } from '../../native/libc';
import { PosixKind, unlinkPosixQuietly } from '../../native/posix-names';
import { createdByCall, removeSysvQuietly, removeSysvTracked, SysvKind } from '../../native/sysv';
import { uniqueName } from './names';
import { JournalEntry, journalReleased, journalSysv, sysvIdentity } from './run-journal';

interface Resource { label: string; release: () => void }

const live = new Set<ResourceTracker>();

export class ResourceTracker {
  private resources: Resource[] = [];

  constructor() {
    live.add(this);
  }

  /** Registers anything with a release function; returns nothing to keep call sites honest. */
  adopt(label: string, release: () => void): void {
    this.resources.push({ label, release });
  }

  private openFds = new Set<number>();

  fd(fd: number): number {
    if (!Number.isInteger(fd) || fd < 0) throw new Error(`${fd} is not a file descriptor`);
    this.openFds.add(fd);
    this.adopt(`fd ${fd}`, () => {
      if (this.openFds.delete(fd)) close(fd);
    });
    return fd;
  }

  /** The descriptor a call returned, tracked; undefined (nothing to track) when the call failed. */
  opened(result: SysResult): number | undefined {
    return result.rc === -1 ? undefined : this.fd(result.rc);
  }

  /** The two descriptors a pipe or socketpair call returned, tracked; nothing to track when the call failed. */
  openedPair<R extends SysResult & { fds: readonly number[] }>(result: R): R {
    if (result.rc !== -1) result.fds.forEach((fd) => this.fd(fd));
    return result;
  }

  /** Closes a tracked fd now, when closing is part of the claim; After will not close it again. */
  closeFd(fd: number): SysResult {
    if (!this.openFds.delete(fd)) throw new Error(`fd ${fd} is not open in this scenario`);
    return close(fd);
  }

  /** A fresh directory, 0700 unless `mode` opens it (0711 lets a peer that dropped root reach a known name in it). */
  tempDir(purpose: string, mode?: number): string {
    const dir = mkdtempSync(join(tmpdir(), `${uniqueName(purpose)}-`));
    if (mode !== undefined) chmodSync(dir, mode);
    this.adopt(`temp dir ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  private liveSysv = new Set<string>();

  /**
   * A SysV object (msg queue, semaphore set, shm segment) this run created, removed
   * with IPC_RMID. It must still exist then, as the same object (key and creator
   * as when it was tracked): one that vanished without sysvRemoved() was removed
   * behind the tracker's back, and its id may already name another one, which is left alone.
   */
  sysv(kind: SysvKind, id: number): number {
    if (!Number.isInteger(id) || id < 0) throw new Error(`${id} is not a SysV ${kind} id`);
    const key = `${kind} ${id}`;
    if (this.liveSysv.has(key)) return id;
    this.liveSysv.add(key);
    const identity = journalSysv(kind, id);
    this.adopt(`SysV ${key}`, () => {
      if (!this.liveSysv.delete(key)) return;
      const now = identity && sysvIdentity(kind, id);
      if (identity && now && !sameCreation(identity, now)) {
        throw new Error(`id ${id} now names another ${kind} object (key 0x${(now.key >>> 0).toString(16)}, creator uid ${now.cuid}); ` +
          'it was removed without telling the tracker, and the new object is left alone');
      }
      removeSysvTracked(kind, id);
      journalReleased(kind, id);
    });
    return id;
  }

  /**
   * A SysV object a fixture created and normally removes itself before it exits:
   * removed after the scenario only if the same object is still there (the fixture was killed).
   */
  fixtureSysv(kind: SysvKind, id: number): number {
    const identity = journalSysv(kind, id);
    this.adopt(`SysV ${kind} ${id} (from a fixture)`, () => {
      const now = sysvIdentity(kind, id);
      if (identity && now && sameCreation(identity, now)) removeSysvQuietly(kind, id); // the fixture may remove it this moment
      journalReleased(kind, id);
    });
    return id;
  }

  /** What a creating call (msgget, semget, shmget) returned, tracked when the call created it (never a lookup's id). */
  sysvCreated(kind: SysvKind, result: SysResult): SysResult {
    if (createdByCall(result)) this.sysv(kind, result.rc);
    return result;
  }

  /** The scenario's own IPC_RMID: once it succeeded, After leaves the id alone (it may be reused). */
  sysvRemoved(kind: SysvKind, id: number, result: SysResult): SysResult {
    if (result.rc === 0 && this.liveSysv.delete(`${kind} ${id}`)) journalReleased(kind, id);
    return result;
  }

  /** A POSIX shared-memory object or message queue, unlinked by name. */
  posix(kind: PosixKind, name: string): string {
    this.adopt(`POSIX ${kind} ${name}`, () => unlinkPosixQuietly(kind, name));
    return name;
  }

  /** A memory mapping (mmap): unmapped after the scenario unless the scenario unmapped it itself. */
  mapping<M extends { mapped: boolean; unmap(): unknown }>(label: string, m: M): M {
    this.adopt(`mapping ${label}`, () => {
      if (m.mapped) m.unmap();
    });
    return m;
  }

  /** A file system path (FIFO, socket file) outside a tracked temp dir. */
  path(path: string): string {
    this.adopt(`path ${path}`, () => rmSync(path, { force: true }));
    return path;
  }

  /** Releases everything; returns the labels of resources whose release failed. */
  releaseAll(): string[] {
    const failures: string[] = [];
    for (const r of this.resources.reverse()) {
      try {
        r.release();
      } catch (e) {
        failures.push(`${r.label}: ${(e as Error).message}`);
      }
    }
    this.resources = [];
    live.delete(this);
    return failures;
  }
}

/** The same object: same key and creator (its ctime changes with IPC_SET). */
const sameCreation = (a: JournalEntry, b: JournalEntry): boolean => a.key === b.key && a.cuid === b.cuid;

let exiting = false;

/**
 * The first SIGINT, SIGTERM or SIGHUP releases everything and exits 128 + its number;
 * a second one while that runs is ignored (with `once`, it would kill the process half-way).
 */
function releaseEverythingAndExit(signal: NodeJS.Signals): void {
  if (exiting) return;
  exiting = true;
  for (const tracker of [...live]) tracker.releaseAll();
  process.exit(signal === 'SIGINT' ? 130 : signal === 'SIGHUP' ? 129 : 143);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, releaseEverythingAndExit);
