// Writing the output tree: every file atomically, every path checked to stay inside the output
// directory, and files of an earlier run that this run no longer produces removed.
import { readdirSync, rmSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { RunError } from "../cli/errors.js";
import { writeFileAtomic } from "../store/atomic.js";
import { PROBLEM_TEXT, storageProblem } from "../store/storage-errors.js";

export function safeJoin(root: string, rel: string): string {
  const full = resolve(root, rel);
  const back = relative(resolve(root), full);
  if (back.startsWith("..") || back.includes("\0") || resolve(root) === full) throw new RunError(`refusing to write outside the output directory: ${rel}`);
  return full;
}

/** Writes one file of the output, atomically; a full disk or a read-only directory is one clear error. */
export function writeOutputFile(root: string, rel: string, data: string | Uint8Array): void {
  const path = safeJoin(root, rel);
  try {
    writeFileAtomic(path, data);
  } catch (err) {
    throw writeFailure(path, err);
  }
}

/** The one-line error for a write into the output that failed: what, where, and what to do. */
export function writeFailure(path: string, err: unknown): RunError {
  const code = (err as NodeJS.ErrnoException).code ?? "";
  const problem = storageProblem(err);
  const hint = problem === "full" ? `${PROBLEM_TEXT.full}; free space and run again (finished files are kept)` : problem === "not-writable" ? "the directory is not writable; choose another --out" : (err as Error).message;
  return new RunError(`cannot write ${path}: ${code ? code + ": " : ""}${hint}`);
}

/** Removes files under `root/sub` that are not in `keep` (paths relative to root), e.g. posts renamed since. */
export function removeStale(root: string, sub: string, keep: ReadonlySet<string>): string[] {
  const removed: string[] = [];
  const walk = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of entries) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const rel = relative(root, full).split(sep).join("/");
        if (!keep.has(rel)) {
          rmSync(full);
          removed.push(rel);
        }
      }
    }
  };
  walk(join(root, sub));
  return removed;
}
