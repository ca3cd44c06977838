// `--from` given an archive written by `snapshot` (its directory, or one run's .warc.gz): the run is
// turned back into a crawl's snapshot in a temporary folder, so a command reads it as it reads a crawl.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listRunDirs, snapshotFromArchive } from "../archive/warc-read.js";
import { RunError } from "../config/errors.js";

/** An archive written by `snapshot` (its directory, or one run's WARC) rather than a crawl's snapshot. */
export function isArchive(path: string): boolean {
  try {
    return statSync(path).isFile() ? /\.warc(\.gz)?$/.test(path) : listRunDirs(path).length > 0;
  } catch {
    return false;
  }
}

/** The archive's newest run (or the run given) as a snapshot; `done` removes it. */
export async function snapshotOfArchive(from: string): Promise<{ dir: string; done(): void }> {
  const temp = mkdtempSync(join(tmpdir(), "mia-migrate-archive-"));
  const done = () => rmSync(temp, { recursive: true, force: true });
  const dir = join(temp, "snapshot");
  try {
    await snapshotFromArchive(from, dir);
  } catch (err) {
    done();
    throw new RunError(`--from ${from}: ${(err as Error).message}`);
  }
  return { dir, done };
}
