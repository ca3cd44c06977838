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

/** A mistake in flags, config or profile: exit 3, one line, no stack trace. */
export class UsageError extends Error {
  readonly exitCode = EXIT.usage;
}

/** Something failed at run time that the user can fix (a path not writable, a start URL refused). */
export class RunError extends Error {
  readonly exitCode = EXIT.runtime;
}

/** The start URL (or the snapshot) led to no post at all: nothing to convert (exit 7). */
export class NoPostsError extends Error {
  readonly exitCode = EXIT.noPosts;
}
