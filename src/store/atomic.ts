// Atomic file writes: write a temporary file beside the target, then rename over it, so a reader (or
// a rerun after kill -9) sees the old file or the new one, never half of one.
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";

let counter = 0;
/** The temporary name a write uses beside `path`: the writer's pid, then a count. */
const tempPath = (path: string) => `${path}.tmp-${process.pid}-${++counter}`;

/** A temporary file an atomic write leaves beside its target when its process is killed mid-write: the
 *  target's name and the writer's pid, or null for any other name. */
export function leftoverTemp(name: string): { target: string; pid: number } | null {
  const m = /^(.+)\.tmp-(\d+)-\d+$/.exec(name);
  return m ? { target: m[1] as string, pid: Number(m[2]) } : null;
}

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = tempPath(path);
  try {
    creatingDir(tmp, () => writeFileSync(tmp, data));
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * A file written piece by piece (a report of 10,000 posts is tens of MB as one string, several times
 * over while it is built), as atomically as writeFileAtomic: `beforeRename` gets the content's SHA-256
 * once every piece is on disk and before the file takes its name; the same hash is returned.
 */
export function writeChunksAtomic(
  path: string,
  chunks: Iterable<string>,
  beforeRename: (sha256: string) => void,
): string {
  const tmp = tempPath(path);
  let fd: number | null = null;
  try {
    fd = creatingDir(tmp, () => openSync(tmp, "w"));
    const hash = createHash("sha256");
    // Small pieces are gathered into writes of about 64 KiB.
    let pending: string[] = [];
    let size = 0;
    const flush = (to: number) => {
      const bytes = Buffer.from(pending.join(""), "utf8");
      pending = [];
      size = 0;
      hash.update(bytes);
      for (let off = 0; off < bytes.length;) off += writeSync(to, bytes, off);
    };
    for (const chunk of chunks) {
      pending.push(chunk);
      size += chunk.length;
      if (size >= 65_536) flush(fd);
    }
    flush(fd);
    closeSync(fd);
    fd = null;
    const sha = hash.digest("hex");
    beforeRename(sha);
    renameSync(tmp, path);
    return sha;
  } catch (err) {
    if (fd !== null) closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** `create` (a file at `path`), its directory made only when missing: a mkdir before every write was
 *  most of a crawl's time spent storing bodies (measured: 1.1 s → 0.13 s for 2,700 bodies). */
function creatingDir<T>(path: string, create: () => T): T {
  try {
    return create();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    mkdirSync(dirname(path), { recursive: true });
    return create();
  }
}
