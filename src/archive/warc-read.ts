// Reading archive runs back: a payload at a known place (a revisit's original, for the next run's 304s),
// and a whole run turned back into a snapshot, so every later stage (convert, check-links) runs from an
// archive exactly as from a crawl.
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { WARCParser } from "warcio";
import type { ManifestRecord } from "../store/snapshot.js";
import { SnapshotStore } from "../store/snapshot.js";
import { restoreJournal, type CaptureRef, type JournalLine } from "./journal.js";
import { MANIFEST_URI } from "./warc-write.js";

function readRange(file: string, offset: number, length: number): Buffer {
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, offset);
    return buf;
  } finally {
    closeSync(fd);
  }
}

/** The payload of the record at `offset` (one gzip member of `length` bytes). */
export async function payloadAt(file: string, offset: number, length: number): Promise<Buffer> {
  const record = await WARCParser.parse([readRange(file, offset, length)]);
  if (!record) throw new Error(`${file}: no WARC record at offset ${offset}`);
  return Buffer.from(await record.readFully(false));
}

/** Every WARC of an archive directory (its complete runs), newest first; a lone file as itself. */
export function warcFiles(source: string): string[] {
  if (statSync(source).isFile()) {
    // A run's WARC inside an archive directory: its older siblings may hold what its revisits refer to.
    const archive = dirname(dirname(source));
    const others = existsSync(archive) ? warcFiles(archive).filter((f) => f !== source) : [];
    return [source, ...others];
  }
  return listRunDirs(source)
    .reverse()
    .map((run) => join(source, run, `mia-${run}.warc.gz`))
    .filter((f) => existsSync(f));
}

/** Complete runs of an archive directory, oldest first (names are UTC timestamps, so they sort). */
export function listRunDirs(archiveDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(archiveDir);
  } catch {
    return [];
  }
  return names.filter((n) => /^\d{14}$/.test(n) && existsSync(join(archiveDir, n, "run.json"))).sort();
}

/**
 * The snapshot a run's WARC holds: its manifest (from the metadata record) and every body it names,
 * taken from the run's responses or, for revisits, from the earlier runs' WARCs. Written into `dir`.
 * Each body goes to disk as it is read (the manifest comes last in a WARC, so the run's own responses
 * are all kept; of earlier runs only what the manifest names): memory holds one record at a time.
 */
export async function snapshotFromArchive(source: string, dir: string): Promise<SnapshotStore> {
  const files = warcFiles(source);
  const main = files[0];
  if (!main) throw new Error(`${source}: no complete archive run there (no <run>/mia-<run>.warc.gz)`);
  const store = new SnapshotStore(dir);
  mkdirSync(dir, { recursive: true });
  let lines: JournalLine[] | null = null;
  const captures: CaptureRef[] = []; // the main WARC's responses and revisits, in order
  const sizes = new Map<string, number>(); // sha256 of the bodies written into the store, and their sizes
  // The payloads the run needs: its captures' digests (a revisit's is the earlier run's payload), and the
  // digests older journals name themselves. Known once the main WARC is read.
  let wanted: Set<string> | null = null;
  for (const file of files) {
    if (wanted && [...wanted].every((sha) => sizes.has(sha))) break;
    for await (const record of WARCParser.iterRecords(createReadStream(file))) {
      if (file === main && record.warcType === "metadata" && record.warcTargetURI === MANIFEST_URI) {
        lines = (await record.contentText())
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l) as JournalLine);
        continue;
      }
      const sha = record.warcPayloadDigest?.replace(/^sha256:/, "");
      if (file === main && (record.warcType === "response" || record.warcType === "revisit"))
        captures.push({ uri: record.warcTargetURI ?? "", sha256: sha });
      if (record.warcType !== "response" || !sha || sizes.has(sha) || (wanted && !wanted.has(sha))) {
        await record.skipFully();
        continue;
      }
      // Stored under the digest of what was read, so a damaged payload shows as missing below.
      const body = Buffer.from(await record.readFully(false));
      sizes.set(store.putBody(body), body.length);
    }
    if (!lines)
      throw new Error(`${main}: no mia-migrate manifest record in it (was it written by "mia-migrate snapshot"?)`);
    wanted ??= new Set([
      ...captures.flatMap((c) => (c.sha256 ? [c.sha256] : [])),
      ...lines.flatMap((l) => (l.type === "fetch" && l.sha256 ? [l.sha256] : [])),
    ]);
  }
  if (!lines || !wanted) throw new Error(`${main}: no mia-migrate manifest record in it`);
  const missing = [...wanted].filter((sha) => !sizes.has(sha));
  if (missing.length)
    throw new Error(
      `${basename(main)}: ${missing.length} revisit(s) refer to captures in runs that are not here (first: sha256:${missing[0] ?? ""}); give the whole archive directory`,
    );
  let manifest: ManifestRecord[];
  try {
    manifest = restoreJournal(lines, captures, (sha) => sizes.get(sha) ?? 0);
  } catch (err) {
    throw new Error(`${basename(main)}: ${(err as Error).message}`);
  }
  const first = manifest.find((r) => r.type === "fetch");
  store.open({
    startUrl: first?.url ?? "",
    createdAt: new Date().toISOString(),
    tool: "mia-migrate (from an archive)",
  });
  for (const r of manifest) store.append(r);
  store.close();
  return store;
}
