// Writing the output tree. The output folder is the user's: it may be an existing site with their own
// pages, styles and older posts. So every file we write is recorded in a manifest
// (`<out>/.mia-migrate/written.jsonl`, with its content hash), and a later run removes only files that
// the manifest names, that are still regular files, and whose content is still what we wrote. A file
// we would write that exists and is not ours stops the run before anything is changed (exit 3). No
// write or removal goes through a symbolic link that leads out of the folder.
import { createHash } from "node:crypto";
import {
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmdirSync,
  rmSync,
  writeSync,
} from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { defaults } from "../config/defaults.js";
import { RunError, UsageError, option } from "../config/errors.js";
import { leftoverTemp, writeChunksAtomic, writeFileAtomic } from "../store/atomic.js";
import { alive } from "../store/pid.js";
import { PROBLEM_TEXT, storageProblem } from "../store/storage-errors.js";

/** Which command wrote a file: a run removes only its own kind of leftovers (convert does not remove
 *  the report that check-links wrote, nor the other way round). */
export type Writer = "convert" | "report";

interface ManifestEntry {
  sha256: string;
  by: Writer;
}

/** A manifest entry as read back: every hash the journal holds for the file (a run killed between its
 *  journal line and its rename leaves the file with the hash of the line before). */
interface KnownFile extends ManifestEntry {
  hashes: ReadonlySet<string>;
}

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

export function safeJoin(root: string, rel: string): string {
  const full = resolve(root, rel);
  const back = relative(resolve(root), full);
  if (back.startsWith("..") || back.includes("\0") || resolve(root) === full)
    throw new RunError(`refusing to write outside the output directory: ${rel}`);
  return full;
}

/** The one-line error for a write into the output that failed: what, where, and what to do. */
export function writeFailure(path: string, err: unknown): RunError {
  const code = (err as NodeJS.ErrnoException).code ?? "";
  const problem = storageProblem(err);
  const hint =
    problem === "full"
      ? `${PROBLEM_TEXT.full}; free space and run again (finished files are kept)`
      : problem === "not-writable"
        ? `the directory is not writable; choose another ${option("outDir")}`
        : (err as Error).message;
  return new RunError(`cannot write ${path}: ${code ? code + ": " : ""}${hint}`);
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** The output folder and what we wrote in it. */
export class OutputTree {
  readonly root: string;
  private readonly realRoot: string | null;
  private readonly journalPath: string;
  private readonly previous: ReadonlyMap<string, KnownFile>;
  private readonly current: Map<string, ManifestEntry>;
  /** Files of an earlier run that the user has changed since: never overwritten, never removed. */
  private readonly edited: string[] = [];
  /** Directories already checked to lie inside the output (no symbolic link leads out). */
  private readonly safeDirs = new Set<string>();
  private readonly written = new Set<string>();
  private journal: number | null = null;

  constructor(root: string) {
    this.root = resolve(root);
    this.realRoot = lstatOrNull(this.root) ? realpathSync(this.root) : null;
    this.journalPath = join(this.root, defaults.convert.writtenManifest);
    this.previous = readManifest(this.journalPath);
    this.current = new Map([...this.previous].map(([rel, e]) => [rel, { sha256: e.sha256, by: e.by }]));
  }

  /** True when `rel` was written by mia-migrate (this run or an earlier one). */
  private owns(rel: string): boolean {
    return this.previous.has(rel) || this.written.has(rel);
  }

  /**
   * Refuses, before anything is written, when one of `rels` exists and is not ours: the user's file is
   * never overwritten. Also refuses a path that leads through a symbolic link out of the folder.
   */
  claim(rels: Iterable<string>): void {
    for (const rel of rels) this.check(rel);
  }

  /**
   * Writes one file atomically and records it as ours: the record is on disk before the file, so a run
   * killed in between still knows the file is its own when it resumes. A file of an earlier run that
   * the user has edited since is left as it is (false; listed by `editedFiles`).
   */
  write(rel: string, data: string | Uint8Array, by: Writer): boolean {
    const path = this.check(rel);
    if (this.leftAsEdited(rel, path)) return false;
    const entry: ManifestEntry = { sha256: sha256(data), by };
    try {
      this.record(rel, entry);
      writeFileAtomic(path, data);
    } catch (err) {
      throw writeFailure(path, err);
    }
    this.written.add(rel);
    this.current.set(rel, entry);
    return true;
  }

  /** As write, for a file made piece by piece (a large report): never held whole in memory. */
  writeChunks(rel: string, chunks: Iterable<string>, by: Writer): boolean {
    const path = this.check(rel);
    if (this.leftAsEdited(rel, path)) return false;
    let sha: string;
    try {
      // Recorded before the file takes its name, as write() does.
      sha = writeChunksAtomic(path, chunks, (hash) => this.record(rel, { sha256: hash, by }));
    } catch (err) {
      throw writeFailure(path, err);
    }
    this.written.add(rel);
    this.current.set(rel, { sha256: sha, by });
    return true;
  }

  /** A file the user changed since an earlier run wrote it is left as it is (and still counts as this
   *  run's: it is not removed as stale). */
  private leftAsEdited(rel: string, path: string): boolean {
    if (!this.editedSince(rel, path)) return false;
    this.edited.push(rel);
    this.written.add(rel);
    return true;
  }

  /** Whether this run has written `rel` already (an image several posts share is written once). */
  hasWritten(rel: string): boolean {
    return this.written.has(rel);
  }

  /** Files this run wrote (or would have, but for the user's edits), relative to the folder. */
  writtenFiles(): string[] {
    return [...this.written];
  }

  /** Files this run left alone because the user changed them after an earlier run wrote them. */
  editedFiles(): string[] {
    return [...this.edited].sort();
  }

  /** Whether the file at `path`, which an earlier run wrote, no longer holds what it wrote. */
  private editedSince(rel: string, path: string): boolean {
    const known = this.previous.get(rel);
    if (!known || this.written.has(rel)) return false;
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      return false; // gone: written anew
    }
    return !known.hashes.has(sha256(bytes));
  }

  /**
   * Removes what an earlier run of `by` wrote and this run did not: only regular files whose content is
   * still what we wrote (a file the user edited since is kept, and listed in `kept`), then the folders
   * that this left empty. Then writes the manifest anew.
   */
  removeStale(by: Writer): { removed: string[]; kept: string[] } {
    const removed: string[] = [];
    const kept: string[] = [];
    for (const [rel, entry] of this.previous) {
      if (entry.by !== by || this.written.has(rel)) continue;
      this.current.delete(rel);
      const path = join(this.root, rel);
      const st = lstatOrNull(path);
      if (!st) continue; // already gone
      if (!st.isFile() || !this.insideDir(dirname(path)) || !entry.hashes.has(sha256(readFileSync(path)))) {
        kept.push(rel);
        continue;
      }
      rmSync(path);
      removed.push(rel);
      this.removeEmptyParents(dirname(path));
    }
    this.save();
    return { removed: removed.sort(), kept: kept.sort() };
  }

  /** Writes the manifest anew (atomically), one line a file, sorted; first removes what a killed run
   *  of ours left half-written beside the files this run wrote. */
  save(): void {
    this.removeLeftovers();
    this.closeJournal();
    const lines = [...this.current]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([file, e]) => JSON.stringify({ file, ...e }));
    try {
      writeFileAtomic(this.journalPath, [HEADER, ...lines].join("\n") + "\n");
    } catch (err) {
      throw writeFailure(this.journalPath, err);
    }
  }

  private record(rel: string, entry: ManifestEntry): void {
    const prior = this.current.get(rel);
    if (prior && prior.sha256 === entry.sha256 && prior.by === entry.by) return;
    if (this.journal === null) {
      mkdirSync(dirname(this.journalPath), { recursive: true });
      const fresh = !lstatOrNull(this.journalPath);
      this.journal = openSync(this.journalPath, "a");
      if (fresh) writeSync(this.journal, HEADER + "\n");
    }
    writeSync(this.journal, JSON.stringify({ file: rel, ...entry }) + "\n");
  }

  private closeJournal(): void {
    if (this.journal !== null) closeSync(this.journal);
    this.journal = null;
  }

  private check(rel: string): string {
    const path = safeJoin(this.root, rel);
    if (!this.insideDir(dirname(path)))
      throw new UsageError(
        `refusing to write ${path}: a symbolic link on the way leads out of the output directory ${this.root}; remove the link or choose another ${option("outDir")}`,
      );
    const st = lstatOrNull(path);
    if (st && (st.isSymbolicLink() || !this.owns(rel)))
      throw new UsageError(
        `refusing to overwrite ${path}: it was not written by mia-migrate; move it away or choose another ${option("outDir")} (nothing was changed)`,
      );
    return path;
  }

  /** Whether `dir` (absolute, inside root) resolves inside the output folder; missing parts are fine. */
  private insideDir(dir: string): boolean {
    if (this.safeDirs.has(dir)) return true;
    let probe = dir;
    // The deepest part of the path that exists decides where the rest will be created.
    while (!lstatOrNull(probe) && probe !== this.root && probe.startsWith(this.root)) probe = dirname(probe);
    if (!lstatOrNull(probe)) return true; // the output folder itself does not exist yet
    const real = realpathSync(probe);
    const root = this.realRoot ?? realpathSync(this.root);
    const ok = real === root || real.startsWith(root + sep);
    if (ok && probe === dir) this.safeDirs.add(dir);
    return ok;
  }

  /** Temporary files (store/atomic.ts) a run killed mid-write left beside a file this run wrote or
   *  beside the manifest: the rerun's output is then the same as a run never interrupted. One whose
   *  writer still runs is left alone; so is any other name. */
  private removeLeftovers(): void {
    const ours = new Set([...this.written].map((rel) => join(this.root, rel)));
    ours.add(this.journalPath);
    for (const dir of new Set([...ours].map((p) => dirname(p)))) {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        continue;
      }
      for (const name of names) {
        const left = leftoverTemp(name);
        if (!left || !ours.has(join(dir, left.target)) || left.pid === process.pid || alive(left.pid)) continue;
        const path = join(dir, name);
        if (lstatOrNull(path)?.isFile() && this.insideDir(dir)) rmSync(path);
      }
    }
  }

  private removeEmptyParents(dir: string): void {
    while (dir !== this.root && dir.startsWith(this.root + sep)) {
      try {
        rmdirSync(dir); // only an empty folder; one holding anything (the user's too) stays
      } catch {
        return;
      }
      dir = dirname(dir);
    }
  }
}

const HEADER = JSON.stringify({ format: "mia-migrate-written/1" });

/** The manifest: a header line, then one line a file; a later line for the same file wins, and a line
 *  cut short by a kill (only the last can be) is ignored. */
function readManifest(path: string): Map<string, KnownFile> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return new Map();
  }
  const lines = text.split("\n");
  if (lines[0] !== HEADER)
    throw new UsageError(
      `${path} is not a manifest of mia-migrate (it lists the files mia-migrate may replace or remove); restore it, or remove it and choose another ${option("outDir")}`,
    );
  const files = new Map<string, KnownFile>();
  for (const line of lines.slice(1)) {
    let e: { file?: unknown; sha256?: unknown; by?: unknown };
    try {
      e = JSON.parse(line) as typeof e;
    } catch {
      continue;
    }
    const { file, sha256: hash, by } = e;
    // Only paths that stay inside the folder: an edited manifest never names a file elsewhere.
    if (typeof file !== "string" || typeof hash !== "string" || (by !== "convert" && by !== "report")) continue;
    if (file.startsWith("/") || file.includes("\0") || file.split("/").includes("..")) continue;
    files.set(file, { sha256: hash, by, hashes: new Set([...(files.get(file)?.hashes ?? []), hash]) });
  }
  return files;
}
