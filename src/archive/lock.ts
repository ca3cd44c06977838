// The archive directory's lock, so that two runs from cron never write at once. The lock file holds the
// owner's pid and host; a lock whose process is gone (killed, machine rebooted) is reclaimed, and said so.
import { hostname } from "node:os";
import { join } from "node:path";
import { closeSync, fsyncSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";

export const LOCK_FILE = ".lock";

export interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

export class LockedError extends Error {
  constructor(
    readonly path: string,
    readonly owner: LockInfo,
  ) {
    super(`${path}: another run (pid ${owner.pid} on ${owner.host}, started ${owner.startedAt}) holds the archive; this run did nothing`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, but not ours to signal
  }
}

function mtimeMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function readLock(path: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as LockInfo;
  } catch {
    return null; // half-written by a process killed while taking it: treat as stale
  }
}

/** Takes the lock or throws LockedError; `onReclaim` hears of a stale lock taken over. Returns the release. */
export function acquireLock(dir: string, onReclaim: (stale: LockInfo | null) => void = () => {}): () => void {
  const path = join(dir, LOCK_FILE);
  const me: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, "wx"); // atomic: exactly one process creates it
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = readLock(path);
      // Another host's pid cannot be probed from here: only a lock of this host is judged stale.
      if (owner && (owner.host !== me.host || alive(owner.pid))) throw new LockedError(path, owner);
      // An empty lock may be one being written this instant: stale only once it is some seconds old.
      if (!owner && Date.now() - mtimeMs(path) < 10_000) throw new LockedError(path, { pid: 0, host: "?", startedAt: "just now" });
      onReclaim(owner);
      try {
        unlinkSync(path);
      } catch {
        /* another process reclaimed it first; the next openSync decides */
      }
      continue;
    }
    writeSync(fd, JSON.stringify(me) + "\n");
    fsyncSync(fd);
    closeSync(fd);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.removeListener("exit", release);
      if (readLock(path)?.pid === me.pid) unlinkSync(path);
    };
    // process.exit (a signal handler, an error) releases it too; only kill -9 leaves a stale lock.
    process.once("exit", release);
    return release;
  }
  const owner = readLock(path);
  throw new LockedError(path, owner ?? { pid: 0, host: "?", startedAt: "?" });
}
