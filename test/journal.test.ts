// The journal a WARC carries (archive/journal.ts): slim lines, made whole again from the WARC's records.
import { describe, expect, it } from "vitest";
import { journalLine, restoreJournal, type CaptureRef } from "../src/archive/journal.js";
import type { FetchRecord, ManifestRecord } from "../src/store/snapshot.js";

const sha = (c: string) => c.repeat(64);
const fetch = (over: Partial<FetchRecord>): FetchRecord => ({
  type: "fetch",
  url: "https://www.miaprojektet.se/a",
  finalUrl: "https://www.miaprojektet.se/a",
  redirects: [],
  status: 200,
  headers: { "content-type": "text/html; charset=utf-8", etag: '"x"' },
  sha256: sha("a"),
  size: 10,
  fetchedAt: "2026-12-03T03:00:00.123Z",
  kind: "page",
  depth: 1,
  tries: 1,
  ...over,
});

const records: ManifestRecord[] = [
  fetch({ requestHeaders: { host: "www.miaprojektet.se" }, wire: { ip: "127.0.0.1" } }),
  fetch({
    url: "https://www.miaprojektet.se/old",
    finalUrl: "https://www.miaprojektet.se/new",
    redirects: [{ url: "https://www.miaprojektet.se/old", status: 301 }],
    sha256: sha("b"),
    size: 20,
    kind: "post",
    postId: "42",
    tries: 3,
  }),
  { type: "alias", url: "https://www.miaprojektet.se/42/x", postId: "42" },
  fetch({
    url: "https://www.miaprojektet.se/gone",
    finalUrl: "https://www.miaprojektet.se/gone",
    status: 0,
    headers: {},
    sha256: null,
    size: 0,
    error: { reason: "timeout", message: "timed out" },
  }),
  fetch({ url: "https://www.miaprojektet.se/same", finalUrl: "https://www.miaprojektet.se/same", sha256: sha("a") }),
];
// What the writer puts in the WARC, in this order: each fetch's hops, then its final capture.
const captures: CaptureRef[] = [
  { uri: "https://www.miaprojektet.se/a", sha256: sha("a") },
  { uri: "https://www.miaprojektet.se/old", sha256: sha("0") },
  { uri: "https://www.miaprojektet.se/new", sha256: sha("b") },
  { uri: "https://www.miaprojektet.se/same", sha256: sha("a") },
];
const sizes: Record<string, number> = { [sha("a")]: 10, [sha("b")]: 20 };

describe("the journal in a WARC", () => {
  it("leaves out what the records say, and is made whole from them", () => {
    const lines = records.map(journalLine);
    const text = lines.map((l) => JSON.stringify(l)).join("\n");
    expect(text).not.toContain(sha("a"));
    expect(text).not.toContain("requestHeaders");
    expect(text).not.toContain("etag");
    const restored = restoreJournal(lines, captures, (s) => sizes[s] ?? -1);
    // Everything but the HTTP details (which the records hold) comes back as it was.
    expect(restored).toEqual(
      records
        .map((r) =>
          r.type === "fetch"
            ? {
                ...r,
                requestHeaders: undefined,
                wire: undefined,
                headers: r.headers["content-type"] ? { "content-type": r.headers["content-type"] } : {},
              }
            : r,
        )
        .map((r) => JSON.parse(JSON.stringify(r)) as ManifestRecord),
    );
  });

  it("reads lines written whole, as older runs wrote them", () => {
    const old = records.map((r) => (r.type === "fetch" ? { ...r, headers: {} } : r));
    expect(restoreJournal(old, captures, () => -1)).toEqual(old);
  });

  it("refuses a WARC whose records are not where its journal says", () => {
    const swapped = [captures[0]!, captures[2]!, captures[1]!, captures[3]!];
    expect(() => restoreJournal(records.map(journalLine), swapped, () => 0)).toThrow(
      /record 2 is for https:\/\/www\.miaprojektet\.se\/new, where its journal expects https:\/\/www\.miaprojektet\.se\/old/,
    );
    expect(() => restoreJournal(records.map(journalLine), captures.slice(0, 2), () => 0)).toThrow(
      /record 3 is for nothing/,
    );
  });
});
