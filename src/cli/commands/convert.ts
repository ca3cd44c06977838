// `mia-migrate convert --from <snapshot | archive dir | run .warc.gz> --out <dir>`
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { listRunDirs, snapshotFromArchive } from "../../archive/warc-read.js";
import { convertSnapshot } from "../../migrate.js";
import { loadProfile } from "../../profiles/profile.js";
import { SnapshotStore } from "../../store/snapshot.js";
import { EXIT, RunError, UsageError } from "../errors.js";
import { convertOptions, type ConvertFlags } from "../options.js";
import { convertLine, report, type OutputFlags } from "../summary.js";

/** An archive written by `snapshot` (its directory, or one run's WARC) rather than a crawl's snapshot. */
function isArchive(path: string): boolean {
  try {
    return statSync(path).isFile() ? /\.warc(\.gz)?$/.test(path) : listRunDirs(path).length > 0;
  } catch {
    return false;
  }
}

export async function runConvert(flags: ConvertFlags & { from: string; out: string; profile: string }, g: OutputFlags): Promise<number> {
  const profile = loadProfile(flags.profile);
  const from = resolve(flags.from);
  const out = resolve(flags.out);
  let snapshotDir = from;
  let temp: string | null = null;
  if (isArchive(from)) {
    // The newest run of the archive (or the run given), turned back into a snapshot, offline.
    temp = mkdtempSync(join(tmpdir(), "mia-migrate-archive-"));
    snapshotDir = join(temp, "snapshot");
    try {
      await snapshotFromArchive(from, snapshotDir);
    } catch (err) {
      rmSync(temp, { recursive: true, force: true });
      throw new RunError(`--from ${from}: ${(err as Error).message}`);
    }
  } else if (!new SnapshotStore(from).exists()) {
    throw new UsageError(`--from ${from}: no snapshot (manifest.jsonl) and no archive (run directories or a .warc.gz) there; run "mia-migrate crawl" or "mia-migrate snapshot" first`);
  }
  try {
    const result = convertSnapshot(snapshotDir, out, convertOptions(flags, profile));
    report(g, { posts: result.posts, problems: result.problems.length }, [convertLine(result, out)]);
    return EXIT.ok;
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}
