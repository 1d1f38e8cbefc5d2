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
import { removeSysvQuietly, removeSysvTracked, SysvKind } from '../../native/sysv';
import { uniqueName } from './names';

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
   * A SysV object (msg queue, semaphore set, shm segment), removed with IPC_RMID.
   * It must still exist then: an object that vanished without sysvRemoved() was
   * removed behind the tracker's back, and its id may already name another one.
   */
  sysv(kind: SysvKind, id: number): number {
    if (!Number.isInteger(id) || id < 0) throw new Error(`${id} is not a SysV ${kind} id`);
    const key = `${kind} ${id}`;
    if (this.liveSysv.has(key)) return id;
    this.liveSysv.add(key);
    this.adopt(`SysV ${key}`, () => {
      if (this.liveSysv.delete(key)) removeSysvTracked(kind, id);
    });
    return id;
  }

  /**
   * A SysV object a fixture created and normally removes itself before it exits:
   * removed after the scenario only if it is still there (the fixture was killed).
   */
  fixtureSysv(kind: SysvKind, id: number): number {
    this.adopt(`SysV ${kind} ${id} (from a fixture)`, () => removeSysvQuietly(kind, id));
    return id;
  }

  /** What a creating call (msgget, semget, shmget) returned, tracked when it is an id. */
  sysvCreated(kind: SysvKind, result: SysResult): SysResult {
    if (result.rc !== -1) this.sysv(kind, result.rc);
    return result;
  }

  /** The scenario's own IPC_RMID: once it succeeded, After leaves the id alone (it may be reused). */
  sysvRemoved(kind: SysvKind, id: number, result: SysResult): SysResult {
    if (result.rc === 0) this.liveSysv.delete(`${kind} ${id}`);
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

function releaseEverythingAndExit(signal: NodeJS.Signals): void {
  for (const tracker of [...live]) tracker.releaseAll();
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

process.once('SIGINT', releaseEverythingAndExit);
process.once('SIGTERM', releaseEverythingAndExit);
