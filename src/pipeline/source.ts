// The source of an offline step (convert, check, verify): a crawl's snapshot, or an archive written by
// `snapshot` (its directory, or one run's .warc.gz), whose run is turned back into a crawl's snapshot in a
// temporary folder, so every step reads an archive as it reads a crawl.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listRunDirs, snapshotFromArchive } from "../archive/warc-read.js";
import { RunError, UsageError, option } from "../config/errors.js";
import { SnapshotStore } from "../store/snapshot.js";

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
    throw new RunError(`${option("from")} ${from}: ${(err as Error).message}`);
  }
  return { dir, done };
}

/** Runs `use` on the snapshot `from` names: a crawl's snapshot as it is, an archive's run (its newest,
 *  or the .warc.gz given) as a temporary snapshot removed afterwards. */
export async function withSource<T>(from: string, use: (snapshotDir: string) => T | Promise<T>): Promise<T> {
  if (isArchive(from)) {
    const archive = await snapshotOfArchive(from);
    try {
      return await use(archive.dir);
    } finally {
      archive.done();
    }
  }
  if (!new SnapshotStore(from).exists())
    throw new UsageError(
      `${option("from")} ${from}: no snapshot (manifest.jsonl) and no archive (run directories or a .warc.gz) there; run "mia-migrate crawl", "migrate" or "snapshot" first`,
    );
  return use(from);
}
