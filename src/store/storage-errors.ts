// Errors of the disk rather than of the work: every write after the first would fail the same way, so a
// run stops at once and says what is wrong with the disk (each caller adds what the user should do).

export type StorageProblem = "full" | "not-writable" | "failed";

const PROBLEMS: Readonly<Record<string, StorageProblem>> = {
  ENOSPC: "full",
  EDQUOT: "full",
  EFBIG: "full",
  EROFS: "not-writable",
  EACCES: "not-writable",
  EPERM: "not-writable",
  EIO: "failed",
};

/** The kind of disk problem an error is, or null when it is not one. */
export function storageProblem(err: unknown): StorageProblem | null {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return (code !== undefined && PROBLEMS[code]) || null;
}

export const PROBLEM_TEXT: Readonly<Record<StorageProblem, string>> = {
  full: "the disk is full",
  "not-writable": "not writable",
  failed: "the disk failed",
};
