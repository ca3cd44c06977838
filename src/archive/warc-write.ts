// One archive run's WARC/1.1 file, written with webrecorder's warcio from the run's crawl journal: a
// warcinfo record, then per fetch a response (or revisit) and its request, linked by WARC-Concurrent-To,
// each record its own gzip member, and a metadata record holding the crawl's manifest (what no HTTP
// record can say: which post a URL is, its aliases, what failed), so a migration can be replayed from
// the WARC alone. Also the CDXJ lines that index it, and the state the next run revalidates against.
import { closeSync, fsyncSync, openSync, writeSync } from "node:fs";
import { STATUS_CODES } from "node:http";
import { getSurt, WARCRecord, WARCSerializer } from "warcio";
import { requestHeaders } from "../http/fetcher.js";
import type { FetchRecord, ManifestRecord, SnapshotStore } from "../store/snapshot.js";

/** Where the payload of a capture lies: the run and WARC holding the full response, and its place there. */
export interface Capture {
  runId: string;
  file: string;
  offset: number;
  length: number;
  /** WARC-Date and WARC-Target-URI of that response record (what a revisit refers to). */
  date: string;
  uri: string;
  /** Its WARC-Record-ID (a revisit's WARC-Refers-To); absent in the state of runs written before it was kept. */
  recordId?: string;
}

/** What one run knows of a URL that answered: for the next run's conditional request and revisits. */
export interface StateEntry {
  status: number;
  sha256: string;
  headers: Record<string, string>;
  original: Capture;
}

export type RunState = Record<string, StateEntry>;

export interface WarcCounts {
  responses: number;
  revisits: number;
  requests: number;
  /** Fetches whose answer was the same as the last run's (304, or the same payload digest). */
  unchanged: number;
  fetches: number;
}

export interface WriteWarcInput {
  store: SnapshotStore;
  runId: string;
  /** The final file name (recorded in the warcinfo record and the index). */
  filename: string;
  /** Where to write (a temporary name; the caller renames it). */
  path: string;
  previous: RunState;
  userAgent: string;
  software: string;
  settings: Record<string, unknown>;
}

export interface WriteWarcResult {
  cdxj: string[];
  state: RunState;
  counts: WarcCounts;
  bytes: number;
}

export const MANIFEST_URI = "urn:mia-migrate:manifest";
export const REVISIT_NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified";
export const REVISIT_IDENTICAL = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest";
const ENCODER = new TextEncoder();
const SERIALIZE = { gzip: true, digest: { algo: "sha-256", prefix: "sha256:", base32: false } } as const;

/** The headers as received, in their order, but where the stored body is not the bytes they describe:
 *  a body stored decoded (Content-Encoding), de-chunked (Transfer-Encoding) or cut short (robots.txt
 *  read to its cap) keeps the originals under X-Archive-Orig- (as pywb does) and gets the stored body's
 *  Content-Length. A plain body's headers are left exactly as they came. */
export function archivedHeaders(headers: Record<string, string>, bodyLength: number | null): Record<string, string> {
  const declared = headers["content-length"];
  const rewrite =
    bodyLength !== null &&
    (headers["content-encoding"] !== undefined ||
      headers["transfer-encoding"] !== undefined ||
      declared === undefined ||
      Number(declared) !== bodyLength);
  if (!rewrite) return { ...headers };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (k === "content-encoding" || k === "transfer-encoding" || k === "content-length") out[`x-archive-orig-${k}`] = v;
    else out[k] = v;
  }
  out["content-length"] = String(bodyLength);
  return out;
}

const statusLine = (status: number) => `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}`.trimEnd();
const warcDate = (iso: string) => iso.replace(/\.\d+Z$/, "Z");
export const timestamp14 = (iso: string) => iso.replace(/\D/g, "").slice(0, 14);

function requestLine(url: string): string {
  const u = new URL(url);
  return `GET ${u.pathname}${u.search} HTTP/1.1`;
}

export async function writeWarc(input: WriteWarcInput): Promise<WriteWarcResult> {
  const { store, previous } = input;
  const fd = openSync(input.path, "w");
  let offset = 0;
  const cdxj: string[] = [];
  const state: RunState = {};
  const counts: WarcCounts = { responses: 0, revisits: 0, requests: 0, unchanged: 0, fetches: 0 };

  // Every record after the warcinfo names it (WARC 1.1 §5.14), so a record read alone says which run
  // and which settings made it.
  let warcinfoId: string | null = null;
  const put = async (record: WARCRecord): Promise<{ offset: number; length: number }> => {
    if (warcinfoId === null) warcinfoId = record.warcHeader("WARC-Record-ID") ?? "";
    else record.warcHeaders.headers.set("WARC-Warcinfo-ID", warcinfoId);
    const serializer = new WARCSerializer(record, SERIALIZE);
    await serializer.digestRecord();
    if (record.warcType === "request") {
      // A GET has no payload: warcio would still write the digest of nothing (sha256 of "", 80 bytes a
      // fetch); GNU wget writes none, and WARC 1.1 makes the field optional.
      record.warcHeaders.headers.delete("WARC-Payload-Digest");
      serializer.warcHeadersBuff = ENCODER.encode(record.warcHeaders.toString());
    }
    const bytes = await serializer.readFully();
    writeSync(fd, bytes);
    const at = { offset, length: bytes.length };
    offset += bytes.length;
    return at;
  };
  const index = (url: string, date: string, json: Record<string, string | number>) => {
    cdxj.push(`${getSurt(url)} ${timestamp14(date)} ${JSON.stringify({ url, ...json, filename: input.filename })}`);
  };

  /** A response (or revisit) and the request that got it, the request pointing at the response. */
  const exchange = async (url: string, date: string, response: WARCRecord, sent: Record<string, string>) => {
    const at = await put(response);
    const request = WARCRecord.create(
      {
        url,
        date,
        type: "request",
        warcVersion: "WARC/1.1",
        statusline: requestLine(url),
        // As sent (recorded with `host` since the crawl kept them whole); from an older journal, the
        // fetcher's own headers with the conditional ones it recorded.
        httpHeaders: sent.host !== undefined ? sent : requestHeaders(new URL(url).host, input.userAgent, sent),
        warcHeaders: { "WARC-Concurrent-To": response.warcHeader("WARC-Record-ID") ?? "" },
      },
      [],
    );
    await put(request);
    counts.requests++;
    return at;
  };

  try {
    await put(
      WARCRecord.createWARCInfo(
        { filename: input.filename, warcVersion: "WARC/1.1", type: "warcinfo" },
        {
          software: input.software,
          format: "WARC File Format 1.1",
          conformsTo: "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
          "http-header-user-agent": input.userAgent,
          robots: "obey",
          "mia-migrate-run": input.runId,
          "mia-migrate-settings": JSON.stringify(input.settings),
        },
      ),
    );
    for (const rec of store.records()) {
      if (rec.type !== "fetch") continue;
      counts.fetches++;
      const date = warcDate(rec.fetchedAt);
      // Redirect hops: each its own exchange, with the headers the server sent.
      for (const [i, hop] of rec.redirects.entries()) {
        const headers = archivedHeaders(rec.redirectHeaders?.[i] ?? {}, 0);
        const response = WARCRecord.create(
          {
            url: hop.url,
            date,
            type: "response",
            warcVersion: "WARC/1.1",
            statusline: statusLine(hop.status),
            httpHeaders: headers,
          },
          [],
        );
        const at = await exchange(hop.url, date, response, rec.redirectRequestHeaders?.[i] ?? {});
        counts.responses++;
        index(hop.url, date, {
          mime: headers["content-type"]?.split(";")[0] ?? "unk",
          status: hop.status,
          digest: response.warcPayloadDigest ?? "",
          length: at.length,
          offset: at.offset,
        });
      }
      if (rec.status === 0 || rec.sha256 === null) continue; // no answer came: nothing to archive
      await final(rec, date, rec.sha256);
    }
    // The crawl's own journal, for a migration from this WARC alone (convert --from).
    const manifest = new TextEncoder().encode(
      store
        .records()
        .map((r) => JSON.stringify(journalLine(r)))
        .join("\n") + "\n",
    );
    await put(
      WARCRecord.create(
        {
          url: MANIFEST_URI,
          date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
          type: "metadata",
          warcVersion: "WARC/1.1",
          warcHeaders: { "Content-Type": "application/x-ndjson" },
        },
        [manifest],
      ),
    );
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { cdxj: cdxj.sort(byteOrder), state, counts, bytes: offset };

  async function final(rec: FetchRecord, date: string, sha: string): Promise<void> {
    const url = rec.finalUrl;
    const before = previous[url];
    const sent = rec.requestHeaders ?? {};
    const headers = archivedHeaders(rec.headers, rec.size);
    // A real 304 is recorded as the server sent it; a 200 whose body is byte for byte the last one is a
    // revisit by payload digest. Both point at the capture that holds the payload.
    const as304 = rec.notModified !== undefined;
    if (before && (as304 || (before.sha256 === sha && before.status === rec.status))) {
      const status = as304 ? 304 : rec.status;
      const response = revisit(
        url,
        date,
        as304 ? REVISIT_NOT_MODIFIED : REVISIT_IDENTICAL,
        statusLine(status),
        as304 ? archivedHeaders(rec.notModified?.headers ?? {}, null) : headers,
        before,
      );
      const at = await exchange(url, date, response, sent);
      index(url, date, { mime: "warc/revisit", status, digest: `sha256:${sha}`, length: at.length, offset: at.offset });
      counts.revisits++;
      counts.unchanged++;
      state[url] = { status: rec.status, sha256: sha, headers: rec.headers, original: before.original };
      return;
    }
    const response = WARCRecord.create(
      {
        url,
        date,
        type: "response",
        warcVersion: "WARC/1.1",
        statusline: statusLine(rec.status),
        httpHeaders: headers,
      },
      [store.readBody(sha)],
    );
    const at = await exchange(url, date, response, sent);
    counts.responses++;
    index(url, date, {
      mime: headers["content-type"]?.split(";")[0]?.trim() ?? "unk",
      status: rec.status,
      digest: `sha256:${sha}`,
      length: at.length,
      offset: at.offset,
    });
    state[url] = {
      status: rec.status,
      sha256: sha,
      headers: rec.headers,
      original: {
        runId: input.runId,
        file: input.filename,
        offset: at.offset,
        length: at.length,
        date,
        uri: url,
        recordId: response.warcHeader("WARC-Record-ID") ?? "",
      },
    };
  }
}

/** A journal line for the metadata record: the HTTP details are in the records themselves, so only the
 *  content type (which later stages decode the body by) is kept of the headers. */
export function journalLine(r: ManifestRecord): ManifestRecord {
  if (r.type !== "fetch") return r;
  const { redirectHeaders: _h, requestHeaders: _r, notModified: _n, headers, ...rest } = r;
  return { ...rest, headers: headers["content-type"] !== undefined ? { "content-type": headers["content-type"] } : {} };
}

function revisit(
  url: string,
  date: string,
  profile: string,
  statusline: string,
  httpHeaders: Record<string, string>,
  before: StateEntry,
): WARCRecord {
  const record = WARCRecord.create(
    {
      url,
      date,
      type: "revisit",
      warcVersion: "WARC/1.1",
      statusline,
      httpHeaders,
      refersToUrl: before.original.uri,
      refersToDate: before.original.date,
      warcHeaders: {
        "WARC-Payload-Digest": `sha256:${before.sha256}`,
        ...(before.original.recordId ? { "WARC-Refers-To": before.original.recordId } : {}),
      },
    },
    [],
  );
  // warcio names every revisit identical-payload-digest; a 304 is server-not-modified.
  record.warcHeaders.headers.set("WARC-Profile", profile);
  return record;
}

/** CDXJ is sorted bytewise (as pywb and the CDXJ spec expect), not by locale. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
