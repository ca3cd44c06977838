// Errors a user can act on, each with its documented exit code (README: "Exit codes").

export const EXIT = {
  ok: 0,
  /** Runtime error: the run could not finish (disk, network to the start URL, a bug). */
  runtime: 1,
  /** The run finished, but some pages failed after retries (crawl) or links are broken (--strict). */
  partial: 2,
  /** Usage or configuration error: a flag, a config file or a profile is wrong. */
  usage: 3,
  /** Stopped by --time-limit before finishing; the state is kept, and the same command resumes. */
  timeLimit: 4,
  /** snapshot: another run holds the archive directory's lock; this run did nothing. */
  locked: 5,
  /** snapshot: the run captured no post, or far fewer than the last complete run (the site is down or
   *  broken); it is kept apart in <archive>/incomplete/ and no run was removed. */
  incomplete: 6,
  /** migrate, convert, crawl: the start URL led to no post (a 404, the wrong page, robots.txt forbids
   *  it); nothing was converted. */
  noPosts: 7,
} as const;

/** The library's options an error may tell the user to change. The library names them by their option
 *  names; the command line by its flags (cli/run.ts), so a library message never names a flag. */
export type OptionName =
  "outDir" | "snapshotDir" | "profile" | "from" | "allowPrivate" | "spellingWords" | "spelling" | "config";

const OPEN = "\u{F0000}";
const CLOSE = "\u{F0001}";
const MARK = /\u{F0000}([A-Za-z]+)\u{F0001}/gu;

/** An option named in an error message: `option("outDir")` reads "outDir" from the library and "--out"
 *  on the command line. */
export const option = (name: OptionName): string => `${OPEN}${name}${CLOSE}`;

/** An error the user can act on: one line, its exit code, and its options worded for whoever reads it. */
export class MiaError extends Error {
  readonly exitCode: number = EXIT.runtime;
  /** The message with its options still marked (see `option`). */
  readonly template: string;
  constructor(message: string) {
    super(message.replace(MARK, "$1"));
    this.template = message;
  }
  /** The message with each option named as `words` says (the command line: its flags). */
  worded(words: Readonly<Record<OptionName, string>>): string {
    return this.template.replace(MARK, (_, name: string) => words[name as OptionName] ?? name);
  }
}

/** A mistake in options, config or profile: exit 3, one line, no stack trace. */
export class UsageError extends MiaError {
  override readonly exitCode = EXIT.usage;
}

/** Something failed at run time that the user can fix (a path not writable, a start URL refused). */
export class RunError extends MiaError {
  override readonly exitCode = EXIT.runtime;
}

/** The start URL (or the snapshot) led to no post at all: nothing to convert (exit 7). */
export class NoPostsError extends MiaError {
  override readonly exitCode = EXIT.noPosts;
}
