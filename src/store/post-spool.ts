// Extracted posts parked on disk, one JSON line each, and read back one at a time. Extraction is most
// of a conversion's time (20 s of 36 s for 10,000 posts), so it runs once; but holding every post's
// body in memory until the report is written grew a 10,000-post migration past 800 MB. The spool
// keeps memory flat: a pass over the posts holds one post at a time.
//
// A working file, not an output: it lives under <out>/.mia-migrate/ (where the output's disk has the
// room), is rewritten from the start by every run, and is removed when the run is done with it. A run
// killed midway leaves it behind for the next run to overwrite; nothing reads it across runs.
import { closeSync, mkdirSync, openSync, readSync, rmdirSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";

const NEWLINE = 0x0a;

/** A spool of `T` (the extracted posts): the store knows JSON lines, not what a post is. */
export class PostSpool<T> implements Iterable<T> {
  private fd: number | null;
  private count = 0;

  /** `chunkBytes`: how much is read at a time (small in tests, to cut lines and letters at every edge). */
  constructor(
    readonly path: string,
    private readonly chunkBytes = 1 << 20,
  ) {
    // The folder itself first: on a read-only disk that says EROFS, where a recursive mkdir says ENOENT.
    try {
      mkdirSync(dirname(path));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT") mkdirSync(dirname(path), { recursive: true });
      else if (code !== "EEXIST") throw err;
    }
    this.fd = openSync(path, "w");
  }

  get size(): number {
    return this.count;
  }

  append(post: T): void {
    if (this.fd === null) throw new Error(`post spool ${this.path} is closed for writing`);
    // JSON.stringify escapes every newline inside strings, so one post is exactly one line.
    writeSync(this.fd, JSON.stringify(post) + "\n");
    this.count++;
  }

  /** Ends writing; the posts can be read as often as needed until `remove`. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  *[Symbol.iterator](): Iterator<T> {
    this.close();
    const fd = openSync(this.path, "r");
    try {
      const buf = Buffer.alloc(this.chunkBytes);
      // Bytes of a line not yet ended. Split on the newline byte before decoding: 0x0a never occurs
      // inside a multi-byte UTF-8 sequence, so no letter is cut in half at a chunk's edge.
      let pending: Buffer[] = [];
      for (;;) {
        const n = readSync(fd, buf, 0, this.chunkBytes, null);
        if (n === 0) break;
        let start = 0;
        for (let nl = buf.indexOf(NEWLINE, 0); nl !== -1 && nl < n; nl = buf.indexOf(NEWLINE, start)) {
          pending.push(buf.subarray(start, nl));
          const line = Buffer.concat(pending).toString("utf8");
          pending = [];
          start = nl + 1;
          if (line) yield JSON.parse(line) as T;
        }
        // Copied: the buffer is overwritten by the next read.
        if (start < n) pending.push(Buffer.from(buf.subarray(start, n)));
      }
      const rest = Buffer.concat(pending).toString("utf8");
      if (rest) yield JSON.parse(rest) as T;
    } finally {
      closeSync(fd);
    }
  }

  remove(): void {
    this.close();
    rmSync(this.path, { force: true });
    try {
      rmdirSync(dirname(this.path)); // only when empty: the folder may hold the link cache too
    } catch {
      /* not empty, or gone */
    }
  }
}
