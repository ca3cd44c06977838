// Reading archive runs back: a payload at a known place (a revisit's original, for the next run's 304s),
// and a whole run turned back into a snapshot, so every later stage (convert, check-links) runs from an
// archive exactly as from a crawl.
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { WARCParser } from "warcio";
import type { ManifestRecord } from "../store/snapshot.js";
import { SnapshotStore } from "../store/snapshot.js";
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
  let manifest: ManifestRecord[] | null = null;
  const stored = new Set<string>(); // sha256 of the bodies written into the store
  const wanted = new Set<string>();
  for (const file of files) {
    if (manifest && [...wanted].every((sha) => stored.has(sha))) break;
    for await (const record of WARCParser.iterRecords(createReadStream(file))) {
      if (file === main && record.warcType === "metadata" && record.warcTargetURI === MANIFEST_URI) {
        manifest = (await record.contentText())
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l) as ManifestRecord);
        for (const r of manifest) if (r.type === "fetch" && r.sha256) wanted.add(r.sha256);
        continue;
      }
      if (record.warcType !== "response") continue;
      const sha = record.warcPayloadDigest?.replace(/^sha256:/, "");
      if (!sha || stored.has(sha) || (manifest && !wanted.has(sha))) {
        await record.skipFully();
        continue;
      }
      // Stored under the digest of what was read, so a damaged payload shows as missing below.
      stored.add(store.putBody(Buffer.from(await record.readFully(false))));
    }
    if (!manifest)
      throw new Error(`${main}: no mia-migrate manifest record in it (was it written by "mia-migrate snapshot"?)`);
  }
  if (!manifest) throw new Error(`${main}: no mia-migrate manifest record in it`);
  const missing = [...wanted].filter((sha) => !stored.has(sha));
  if (missing.length)
    throw new Error(
      `${basename(main)}: ${missing.length} revisit(s) refer to captures in runs that are not here (first: sha256:${missing[0] ?? ""}); give the whole archive directory`,
    );
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
