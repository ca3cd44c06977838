// The snapshot: every response of a crawl, kept so that everything after the crawl runs offline.
// Bodies are content-addressed (one copy per sha256, however many URLs carry it); manifest.jsonl is
// append-only, one record a line, written after the body it names, so a crash leaves at worst a
// truncated last line, which reading skips, and records not yet written (their pages are fetched again).
//
// The crawl's bodies go into one append-only file, bodies.pack (issue 20: a file per body cost an open,
// a write, a close and a rename per response, the main reason the crawl trailed wget). Each body is
// written at its own offset, then a "body" line in the manifest says where ({sha256, at, size}); the
// records that name it come after that line. A killed run leaves at worst bytes no line points to (the
// next run appends after them) and lines not yet written, whose pages are fetched again. Records are
// written in batches, one write call per turn of the event loop, and on exit. Bodies stored one file
// each (bodies/ab/<sha256>: snapshots of earlier versions, and what a WARC is read into) still read.
import type { PageKind } from "../profiles/profile.js";
import { createHash } from "node:crypto";
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "./atomic.js";

export interface RedirectHop {
  url: string;
  status: number;
}

export type { PageKind } from "../profiles/profile.js";

export interface FetchRecord {
  type: "fetch";
  /** The canonical URL that was queued. */
  url: string;
  /** Where the redirects ended (equal to url without redirects). */
  finalUrl: string;
  redirects: RedirectHop[];
  /** 0 when no response came (see error). */
  status: number;
  headers: Record<string, string>;
  sha256: string | null;
  size: number;
  fetchedAt: string;
  kind: PageKind;
  postId?: string;
  depth: number;
  tries: number;
  error?: { reason: string; message: string };
  /** Written by earlier versions, before `wire`, and read only for their journals (a run resumed across
   *  an upgrade): each redirect hop's response headers, the final request's headers, each hop's. */
  redirectHeaders?: Record<string, string>[];
  requestHeaders?: Record<string, string>;
  redirectRequestHeaders?: Record<string, string>[];
  /** The server answered 304 to a conditional request: `headers` are the stored ones updated with these
   *  (as an HTTP cache does, RFC 9111 §4.3.4), and the body is the previous run's. */
  notModified?: { headers: Record<string, string> };
  /** Archive runs: what went over the wire for the final request (absent otherwise, and in older
   *  snapshots, where the header maps above are what there is). */
  wire?: RecordedWire;
  /** Archive runs: the same for each redirect hop, in the order of `redirects`. */
  redirectWire?: RecordedWire[];
  /** Archive runs: the sha256 of each redirect hop's body as received (stored like any body). */
  redirectBodies?: string[];
  /** The body was read only up to a limit (robots.txt's, RFC 9309): it is not the whole body. */
  truncated?: "length";
}

/** What went over the wire for one request, as undici shows it (http/exchange.ts). */
export interface RecordedWire {
  /** The address the request was sent to. */
  ip?: string;
  /** The request head as written: the request line and the header lines, CRLF-separated. */
  requestHead?: string;
  /** The response header fields as received: names in their case, in their order, repeats kept. */
  responseHeaders?: [string, string][];
}

/** Another URL seen for a post that was already queued: kept for redirects from every old URL. */
export interface AliasRecord {
  type: "alias";
  url: string;
  postId: string;
}

export type ManifestRecord = FetchRecord | AliasRecord;

/** Where a body is in bodies.pack (the store's own line; records() does not return it). */
interface BodyRecord {
  type: "body";
  sha256: string;
  at: number;
  size: number;
}

export interface SnapshotMeta {
  format: "mia-migrate-snapshot/1";
  startUrl: string;
  createdAt: string;
  tool: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

export class SnapshotStore {
  private fd: number | null = null;
  /** Bodies a record names: complete on disk. */
  private readonly stored = new Set<string>();
  /** Bodies being written, so that two URLs with the same body write it once. */
  /** sha256 → where in bodies.pack, from the manifest's body lines. */
  private readonly packed = new Map<string, { at: number; size: number }>();
  private packFd: number | null = null;
  private packReadFd: number | null = null;
  private packSize = 0;
  /** Record lines not yet written, and whether a write of them is scheduled. */
  private pending: string[] = [];
  private flushScheduled = false;
  /** A run stopped by a signal exits at once (cli/signals.ts): the records appended so far still go out. */
  private readonly flushOnExit = (): void => this.flush();
  // The parsed manifest, kept until the next append: a convert reads it for posts, files and problems.
  private parsed: ManifestRecord[] | null = null;

  constructor(readonly dir: string) {}

  get manifestPath(): string {
    return join(this.dir, "manifest.jsonl");
  }

  exists(): boolean {
    return existsSync(this.manifestPath);
  }

  open(meta: Omit<SnapshotMeta, "format">): void {
    mkdirSync(join(this.dir, "bodies"), { recursive: true });
    const metaPath = join(this.dir, "snapshot.json");
    if (!existsSync(metaPath))
      writeFileAtomic(metaPath, JSON.stringify({ format: "mia-migrate-snapshot/1", ...meta }, null, 2) + "\n");
    this.fd = openSync(this.manifestPath, "a");
    // A killed run may have left half a line: end it, so the next record starts on a line of its own.
    const existing = readFileSync(this.manifestPath);
    if (existing.length > 0 && existing[existing.length - 1] !== 0x0a) writeSync(this.fd, "\n");
    for (const rec of this.records()) this.markStored(rec);
    for (const sha of this.packed.keys()) this.stored.add(sha);
    // Not "a": with O_APPEND, Linux's pwrite ignores the offset, and bodies finishing out of order
    // would land where their lines do not say.
    this.packFd = openSync(this.packPath, constants.O_WRONLY | constants.O_CREAT);
    this.packSize = fstatSync(this.packFd).size;
    process.on("exit", this.flushOnExit);
  }

  get packPath(): string {
    return join(this.dir, "bodies.pack");
  }

  private markStored(rec: ManifestRecord): void {
    if (rec.type !== "fetch") return;
    if (rec.sha256) this.stored.add(rec.sha256);
    for (const sha of rec.redirectBodies ?? []) this.stored.add(sha);
  }

  meta(): SnapshotMeta {
    return JSON.parse(readFileSync(join(this.dir, "snapshot.json"), "utf8")) as SnapshotMeta;
  }

  bodyPath(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`snapshot ${this.dir}: "${sha256.slice(0, 80)}" is not a body's sha256`);
    return join(this.dir, "bodies", sha256.slice(0, 2), sha256);
  }

  /** Stores a body once, whatever number of URLs carry it; returns its sha256. */
  putBody(body: Uint8Array): string {
    const sha = createHash("sha256").update(body).digest("hex");
    const path = this.bodyPath(sha);
    if (!existsSync(path)) writeFileAtomic(path, body);
    return sha;
  }

  /** putBody into bodies.pack (the crawler's path; see the head of this file): written at the pack's end,
   *  then its line queued before any record naming it. A synchronous write: a body goes to the page cache
   *  in microseconds, and the crawl ran about 10 % faster than with fs.write's round trip through the
   *  thread pool (five interleaved crawls of the 2,000-post replica, on disk and in /dev/shm). */
  packBody(body: Uint8Array): string {
    const sha = createHash("sha256").update(body).digest("hex");
    if (this.stored.has(sha)) return sha;
    const fd = this.packFd;
    if (fd === null) throw new Error(`snapshot ${this.dir} is not open for writing`);
    const at = this.packSize;
    let done = 0;
    while (done < body.length) done += writeSync(fd, body, done, body.length - done, at + done);
    this.packSize += body.length;
    this.packed.set(sha, { at, size: body.length });
    this.stored.add(sha);
    this.queue({ type: "body", sha256: sha, at, size: body.length });
    return sha;
  }

  readBody(sha256: string): Buffer {
    if (this.packed.size === 0 && this.parsed === null) this.records();
    const where = this.packed.get(sha256);
    if (!where) return readFileSync(this.bodyPath(sha256));
    this.packReadFd ??= openSync(this.packPath, "r");
    const buf = Buffer.alloc(where.size);
    let done = 0;
    while (done < where.size) {
      const n = readSync(this.packReadFd, buf, done, where.size - done, where.at + done);
      if (n === 0) throw new Error(`snapshot ${this.dir}: bodies.pack ends inside the body ${sha256}`);
      done += n;
    }
    return buf;
  }

  append(record: ManifestRecord): void {
    this.markStored(record);
    this.queue(record);
  }

  private queue(record: ManifestRecord | BodyRecord): void {
    if (this.fd === null) throw new Error(`snapshot ${this.dir} is not open for writing`);
    this.pending.push(JSON.stringify(record) + "\n");
    this.parsed = null;
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Writes the records appended so far: one write call for all of them; a line a crash cuts short
   *  is skipped when reading. */
  flush(): void {
    this.flushScheduled = false;
    if (this.fd === null || this.pending.length === 0) return;
    const text = this.pending.join("");
    this.pending = [];
    writeSync(this.fd, text);
  }

  /** Every complete record, in the order written; a corrupt or truncated line is skipped. */
  records(): ManifestRecord[] {
    this.flush();
    if (this.parsed) return this.parsed;
    if (!this.exists()) return [];
    const out: ManifestRecord[] = [];
    for (const line of readFileSync(this.manifestPath, "utf8").split("\n")) {
      if (!line) continue;
      try {
        const rec = JSON.parse(line) as ManifestRecord | BodyRecord;
        // A body is named by its sha256 and nothing else: a record naming "../../etc/passwd" (an edited
        // or hostile manifest) is skipped like a corrupt line, and no path outside bodies/ is ever read.
        if (rec?.type === "fetch" && rec.sha256 !== null && !SHA256.test(String(rec.sha256))) continue;
        if (rec?.type === "body") {
          if (SHA256.test(String(rec.sha256)) && Number.isSafeInteger(rec.at) && Number.isSafeInteger(rec.size))
            this.packed.set(rec.sha256, { at: rec.at, size: rec.size });
        } else if (rec && (rec.type === "fetch" || rec.type === "alias")) out.push(rec);
      } catch {
        // The tail of a killed run.
      }
    }
    this.parsed = out;
    return out;
  }

  close(): void {
    this.flush();
    process.removeListener("exit", this.flushOnExit);
    for (const fd of [this.packFd, this.packReadFd]) if (fd !== null) closeSync(fd);
    this.packFd = this.packReadFd = null;
    if (this.fd !== null) {
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.fd = null;
    }
  }
}
