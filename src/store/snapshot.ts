// The snapshot: every response of a crawl, kept so that everything after the crawl runs offline.
// Bodies are content-addressed (bodies/ab/<sha256>, no duplicates on disk); manifest.jsonl is
// append-only, one record a line, written after the body it names, so a crash leaves at worst a
// truncated last line, which reading skips, and records not yet written (their pages are fetched again).
//
// The crawl's path is short (issue 20): a body is complete once a record names it, so the store keeps
// the sha256s that records name, and writes any other body straight to its place (open, write, close: no
// temporary file, rename or existence check). A body a killed run left half written has no record, so
// it is not in that set, and the next run writes it again over the remains. Records are written in
// batches (one write call per turn of the event loop, not one per record).
import type { PageKind } from "../profiles/profile.js";
import { createHash } from "node:crypto";
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
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
  private readonly writing = new Map<string, Promise<void>>();
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
    process.on("exit", this.flushOnExit);
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

  /** putBody without blocking the event loop, and with no temporary file (the crawler's path: see the
   *  head of this file for why a body needs no rename here). */
  async putBodyAsync(body: Uint8Array): Promise<string> {
    const sha = createHash("sha256").update(body).digest("hex");
    if (this.stored.has(sha)) return sha;
    let write = this.writing.get(sha);
    if (!write) {
      write = writeBodyFile(this.bodyPath(sha), body).finally(() => this.writing.delete(sha));
      this.writing.set(sha, write);
    }
    await write;
    return sha;
  }

  readBody(sha256: string): Buffer {
    return readFileSync(this.bodyPath(sha256));
  }

  append(record: ManifestRecord): void {
    if (this.fd === null) throw new Error(`snapshot ${this.dir} is not open for writing`);
    this.pending.push(JSON.stringify(record) + "\n");
    this.markStored(record);
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
        const rec = JSON.parse(line) as ManifestRecord;
        // A body is named by its sha256 and nothing else: a record naming "../../etc/passwd" (an edited
        // or hostile manifest) is skipped like a corrupt line, and no path outside bodies/ is ever read.
        if (rec?.type === "fetch" && rec.sha256 !== null && !SHA256.test(String(rec.sha256))) continue;
        if (rec && (rec.type === "fetch" || rec.type === "alias")) out.push(rec);
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
    if (this.fd !== null) {
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.fd = null;
    }
  }
}

/** A body to its place, its bucket directory made the first time one is missing. */
async function writeBodyFile(path: string, body: Uint8Array): Promise<void> {
  try {
    await writeFile(path, body);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, body);
  }
}
