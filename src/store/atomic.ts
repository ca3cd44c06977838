// Atomic file writes: write a temporary file beside the target, then rename over it, so a reader (or
// a rerun after kill -9) sees the old file or the new one, never half of one.
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

let counter = 0;

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}-${++counter}`;
  try {
    try {
      writeFileSync(tmp, data);
    } catch (err) {
      // The directory is created only when missing: a mkdir before every write was most of a crawl's
      // time spent storing bodies (measured: 1.1 s → 0.13 s for 2,700 bodies).
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(tmp, data);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
