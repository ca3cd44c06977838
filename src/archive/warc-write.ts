// One archive run's WARC/1.1 file, written with webrecorder's warcio from the run's crawl journal: a
// warcinfo record, then per fetch a response (or revisit) and its request, linked by WARC-Concurrent-To,
// each record its own gzip member, and a metadata record holding the crawl's manifest (what no HTTP
// record can say: which post a URL is, its aliases, what failed), so a migration can be replayed from
// the WARC alone. Also the CDXJ lines that index it, and the state the next run revalidates against.
import { closeSync, fsyncSync, openSync, writeSync } from "node:fs";
import { STATUS_CODES } from "node:http";
import { getSurt, WARCRecord, WARCSerializer } from "warcio";
import { requestHeaders } from "../http/fetcher.js";
import type { FetchRecord, RecordedWire, SnapshotStore } from "../store/snapshot.js";
import { journalLine } from "./journal.js";

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

/** Header fields as name/value pairs, in order (warcio keeps their case and order). */
export type Fields = [string, string][];

/** The first field of that (lower-case) name, whatever case it was sent in. */
const fieldValue = (fields: Fields, name: string) => fields.find(([k]) => k.toLowerCase() === name)?.[1];

/** The header fields as received, in their order and case, but where the stored body is not the bytes
 *  they describe: a body stored decoded (Content-Encoding), de-chunked (Transfer-Encoding) or cut short
 *  (robots.txt read to its cap) keeps the originals under X-Archive-Orig- (as pywb does) and gets the
 *  stored body's Content-Length. A plain body's fields are left exactly as they came. */
export function archivedHeaders(fields: Fields, bodyLength: number | null): Fields {
  const declared = fieldValue(fields, "content-length");
  const rewrite =
    bodyLength !== null &&
    (fieldValue(fields, "content-encoding") !== undefined ||
      fieldValue(fields, "transfer-encoding") !== undefined ||
      declared === undefined ||
      Number(declared) !== bodyLength);
  if (!rewrite) return fields.map(([k, v]) => [k, v]);
  const out: Fields = fields.map(([k, v]) =>
    /^(content-encoding|transfer-encoding|content-length)$/i.test(k) ? [`X-Archive-Orig-${k}`, v] : [k, v],
  );
  out.push(["Content-Length", String(bodyLength)]);
  return out;
}

/** A request head as undici wrote it (exchange.ts): its request line and its header fields. */
export function parseRequestHead(head: string): { line: string; fields: Fields } {
  const [line = "", ...rest] = head.split("\r\n");
  const fields: Fields = [];
  for (const l of rest) {
    const colon = l.indexOf(":");
    if (colon > 0) fields.push([l.slice(0, colon), l.slice(colon + 1).trim()]);
  }
  return { line, fields };
}

const mimeOf = (fields: Fields) => fieldValue(fields, "content-type")?.split(";")[0]?.trim() || "unk";
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

  /** A response (or revisit) and the request that got it, the request pointing at the response. The
   *  response names the address it came from, where known (on the response only, as Heritrix writes
   *  it: WARC-Concurrent-To ties the request to it). */
  const exchange = async (
    url: string,
    date: string,
    response: WARCRecord,
    sent: Record<string, string>,
    wire: RecordedWire | undefined,
  ) => {
    if (wire?.ip) response.warcHeaders.headers.set("WARC-IP-Address", wire.ip);
    const at = await put(response);
    // The head as undici wrote it (archive runs record it); from an older journal, the headers handed to
    // undici (recorded with `host` since the crawl kept them whole) or the fetcher's own with the
    // conditional ones it recorded.
    const head = wire?.requestHead ? parseRequestHead(wire.requestHead) : undefined;
    const request = WARCRecord.create(
      {
        url,
        date,
        type: "request",
        warcVersion: "WARC/1.1",
        statusline: head?.line ?? requestLine(url),
        httpHeaders:
          head?.fields ?? (sent.host !== undefined ? sent : requestHeaders(new URL(url).host, input.userAgent, sent)),
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
      // Redirect hops: each its own exchange, with the header fields and the body the server sent.
      for (const [i, hop] of rec.redirects.entries()) {
        const wire = rec.redirectWire?.[i];
        const bodySha = rec.redirectBodies?.[i];
        const body = bodySha ? store.readBody(bodySha) : new Uint8Array(0);
        const headers = archivedHeaders(
          wire?.responseHeaders ?? Object.entries(rec.redirectHeaders?.[i] ?? {}),
          body.length,
        );
        const response = WARCRecord.create(
          {
            url: hop.url,
            date,
            type: "response",
            warcVersion: "WARC/1.1",
            statusline: statusLine(hop.status),
            httpHeaders: headers,
          },
          body.length ? [body] : [],
        );
        const at = await exchange(hop.url, date, response, rec.redirectRequestHeaders?.[i] ?? {}, wire);
        counts.responses++;
        index(hop.url, date, {
          mime: mimeOf(headers),
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
    // A 304's own fields are in `wire` (as received) and `notModified`; a 200's in `wire` and `headers`.
    const received = rec.wire?.responseHeaders;
    const headers = archivedHeaders(received ?? Object.entries(rec.headers), rec.size);
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
        as304 ? archivedHeaders(received ?? Object.entries(rec.notModified?.headers ?? {}), null) : headers,
        before,
      );
      const at = await exchange(url, date, response, sent, rec.wire);
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
        // robots.txt read up to RFC 9309's limit: the record says its payload is not the whole body.
        ...(rec.truncated ? { warcHeaders: { "WARC-Truncated": rec.truncated } } : {}),
      },
      [store.readBody(sha)],
    );
    const at = await exchange(url, date, response, sent, rec.wire);
    counts.responses++;
    index(url, date, {
      mime: mimeOf(headers),
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

function revisit(
  url: string,
  date: string,
  profile: string,
  statusline: string,
  httpHeaders: Fields,
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
