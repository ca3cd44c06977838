// The archive directory's lock, so that two runs from cron never write at once. The lock file holds the
// owner's pid and host, and where the system tells it (Linux /proc), the boot and the process's start
// time: a lock whose process is gone (killed, machine rebooted), or whose pid now belongs to another
// process (pid reuse after a reboot), is reclaimed, and said so.
import { hostname } from "node:os";
import { join } from "node:path";
import { closeSync, fsyncSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { alive } from "../store/pid.js";

export const LOCK_FILE = ".lock";

export interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  /** Linux: /proc/sys/kernel/random/boot_id when the lock was taken. */
  bootId?: string;
  /** Linux: the owner's start time in clock ticks since boot (/proc/<pid>/stat, field 22). */
  processStart?: string;
}

const readText = (path: string): string | undefined => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
};

export function bootId(): string | undefined {
  return readText("/proc/sys/kernel/random/boot_id")?.trim();
}

/** A process's start time since boot, or undefined where /proc does not tell it. */
export function processStart(pid: number): string | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  // The command name (field 2) may hold spaces and parentheses: count fields after its last ")".
  return stat?.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
}

/** Whether the lock's owner still runs: same host, same boot, and the pid is the same process. */
function ownerRuns(owner: LockInfo): boolean {
  if (owner.bootId !== undefined && bootId() !== undefined && owner.bootId !== bootId()) return false;
  if (!alive(owner.pid)) return false;
  const now = processStart(owner.pid);
  return owner.processStart === undefined || now === undefined || now === owner.processStart;
}

export class LockedError extends Error {
  constructor(
    readonly path: string,
    readonly owner: LockInfo,
  ) {
    super(
      `${path}: another run (pid ${owner.pid} on ${owner.host}, started ${owner.startedAt}) holds the archive; this run did nothing`,
    );
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
  const boot = bootId();
  const start = processStart(process.pid);
  const me: LockInfo = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    ...(boot ? { bootId: boot } : {}),
    ...(start ? { processStart: start } : {}),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, "wx"); // atomic: exactly one process creates it
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = readLock(path);
      // Another host's pid cannot be probed from here: only a lock of this host is judged stale.
      if (owner && (owner.host !== me.host || ownerRuns(owner))) throw new LockedError(path, owner);
      // An empty lock may be one being written this instant: stale only once it is some seconds old.
      if (!owner && Date.now() - mtimeMs(path) < 10_000)
        throw new LockedError(path, { pid: 0, host: "?", startedAt: "just now" });
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
