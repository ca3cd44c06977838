// Archive snapshots (`mia-migrate snapshot`): standard WARC/1.1 read back with warcio, incremental runs
// of revisits, the diff between runs, the lock, kill -9 and --time-limit, --keep, WACZ, and a migration
// from the archive equal to one from the live replica.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { WARCParser } from "warcio";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startReplica, type ReplicaServer } from "../../fixtures/server.js";
import { loadContent } from "../../fixtures/site/content.js";
import { buildSite } from "../../fixtures/site/render.js";
import { listRunDirs } from "../../src/archive/warc-read.js";
import type { RunDiff } from "../../src/archive/diff.js";
import type { RunInfo } from "../../src/pipeline/snapshot.js";
import { REVISIT_IDENTICAL, REVISIT_NOT_MODIFIED, writeWarc } from "../../src/archive/warc-write.js";
import { SnapshotStore, type FetchRecord } from "../../src/store/snapshot.js";
import { cli, cliProcess, listFiles, replicaFlags, ROOT, START, tempDir } from "../helpers.js";

let server: ReplicaServer;
beforeAll(async () => {
  server = await startReplica();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.faults.clear();
  server.setSite(buildSite());
});

const snapshotArgs = (archive: string, ...more: string[]) => [
  "snapshot",
  START,
  "--archive",
  archive,
  ...replicaFlags(server.url),
  ...more,
];
const snapshot = (archive: string, ...more: string[]) => cli(["--json", ...snapshotArgs(archive, ...more)]);
const runInfo = (archive: string, id: string) =>
  JSON.parse(readFileSync(join(archive, id, "run.json"), "utf8")) as RunInfo;
const sha256 = (b: Uint8Array) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

interface ReadRecord {
  type: string;
  id: string;
  /** WARC-Profile (revisits). */
  profile: string | null;
  warcinfoId: string | null;
  ip: string | null;
  truncated: string | null;
  /** WARC-Refers-To: the record id of the capture a revisit stands for. */
  refersToId: string | null;
  uri: string;
  date: string;
  concurrentTo: string[];
  refersTo: { uri: string; date: string } | null;
  payloadDigest: string | null;
  blockDigest: string | null;
  block: Buffer;
  offset: number;
  length: number;
}

/** Every record of a WARC as warcio reads it, with its raw block (for recomputing digests) and place. */
async function readWarc(file: string): Promise<ReadRecord[]> {
  const out: ReadRecord[] = [];
  const parser = new WARCParser(createReadStream(file), { parseHttp: false });
  for await (const r of parser) {
    const block = Buffer.from(await r.readFully(false));
    out.push({
      type: r.warcType,
      id: r.warcHeader("WARC-Record-ID") ?? "",
      profile: r.warcHeader("WARC-Profile") ?? null,
      warcinfoId: r.warcHeader("WARC-Warcinfo-ID") ?? null,
      ip: r.warcHeader("WARC-IP-Address") ?? null,
      truncated: r.warcHeader("WARC-Truncated") ?? null,
      refersToId: r.warcHeader("WARC-Refers-To") ?? null,
      uri: r.warcTargetURI ?? "",
      date: r.warcDate ?? "",
      concurrentTo: r.warcConcurrentTo ?? [],
      refersTo: r.warcRefersToTargetURI ? { uri: r.warcRefersToTargetURI, date: r.warcRefersToDate ?? "" } : null,
      payloadDigest: r.warcPayloadDigest ?? null,
      blockDigest: r.warcBlockDigest ?? null,
      block,
      offset: parser.offset,
      length: parser.recordLength,
    });
  }
  return out;
}

const payloadOf = (block: Buffer) => block.subarray(block.indexOf("\r\n\r\n") + 4);
const warcOf = (archive: string, id: string) => join(archive, id, `mia-${id}.warc.gz`);

describe("one archive run", () => {
  let archive: string;
  let id: string;
  let records: ReadRecord[];
  beforeAll(async () => {
    archive = tempDir();
    const r = await snapshot(archive, "--wacz");
    expect(r.code).toBe(0);
    id = (JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as { runId: string }).runId;
    records = await readWarc(warcOf(archive, id));
  });

  it("is a WARC/1.1 file whose records all parse, one gzip member each, with digests that recompute", () => {
    const raw = readFileSync(warcOf(archive, id));
    expect(raw.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(records[0]?.type).toBe("warcinfo");
    expect(records[0]?.block.toString()).toMatch(/software: mia-migrate\/\d/);
    for (const r of records) {
      // Each record starts a gzip member at its offset.
      expect(raw.subarray(r.offset, r.offset + 2)).toEqual(Buffer.from([0x1f, 0x8b]));
      if (r.blockDigest) expect(sha256(r.block), `${r.type} ${r.uri}`).toBe(r.blockDigest);
      if (r.type === "response") expect(sha256(payloadOf(r.block)), r.uri).toBe(r.payloadDigest);
    }
    expect(readFileSync(warcOf(archive, id)).length).toBe(records.at(-1)!.offset + records.at(-1)!.length);
  });

  it("has a request for every response, linked by WARC-Concurrent-To", () => {
    const responses = new Map(records.filter((r) => r.type === "response").map((r) => [r.id, r]));
    const requests = records.filter((r) => r.type === "request");
    expect(requests.length).toBe(responses.size);
    for (const q of requests) {
      const target = responses.get(q.concurrentTo[0] ?? "");
      expect(target?.uri, q.uri).toBe(q.uri);
      expect(q.block.toString()).toMatch(
        new RegExp(`^GET ${new URL(q.uri).pathname.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`),
      );
      expect(q.block.toString()).toMatch(/\r\nuser-agent: mia-migrate\//i);
    }
    // Every page and file of the replica that answered is there.
    const uris = new Set([...responses.values()].map((r) => r.uri));
    expect(uris.has(START)).toBe(true);
    expect([...uris].filter((u) => /\/\d{4}\/\d{2}\/\d{2}\//.test(u)).length).toBeGreaterThanOrEqual(67);
    // And the robots.txt the crawl obeyed, as the server sent it.
    const robots = [...responses.values()].find((r) => r.uri === "https://www.miaprojektet.se/robots.txt");
    expect(payloadOf(robots?.block ?? Buffer.alloc(0)).toString()).toBe(loadContent().robots);
  });

  it("has a CDXJ index, sorted bytewise, whose offsets point at the records it names", () => {
    const lines = readFileSync(join(archive, id, "index.cdxj"), "utf8")
      .split("\n")
      .filter(Boolean);
    const sorted = [...lines].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(lines).toEqual(sorted);
    const byOffset = new Map(records.map((r) => [r.offset, r]));
    expect(lines.length).toBe(records.filter((r) => r.type === "response" || r.type === "revisit").length);
    for (const line of lines) {
      const [, , ts, json] = /^(\S+) (\d{14}) (\{.*\})$/.exec(line) ?? [];
      const entry = JSON.parse(json ?? "{}") as {
        url: string;
        offset: number;
        length: number;
        filename: string;
        digest: string;
      };
      const rec = byOffset.get(entry.offset);
      expect(rec?.uri).toBe(entry.url);
      expect(rec?.length).toBe(entry.length);
      expect(rec?.date.replace(/\D/g, "").slice(0, 14)).toBe(ts);
      expect(entry.filename).toBe(`mia-${id}.warc.gz`);
    }
  });

  it("holds what the pages need to render: the site's stylesheet and script, once each", () => {
    const lines = readFileSync(join(archive, id, "index.cdxj"), "utf8")
      .trim()
      .split("\n");
    for (const path of ["/css/site-39586750.css", "/js/site.js"]) {
      const found = lines.filter((l) => l.includes(`"url":"https://www.miaprojektet.se${path}"`));
      expect(found, path).toHaveLength(1);
      expect(found[0], path).toContain('"status":200');
    }
  });

  it("packages a WACZ whose datapackage.json hashes verify", () => {
    const entries = readZip(readFileSync(join(archive, id, `mia-${id}.wacz`)));
    const dp = JSON.parse(entries.get("datapackage.json")?.toString() ?? "{}") as {
      resources: { path: string; hash: string; bytes: number }[];
    };
    expect(dp.resources.map((r) => r.path).sort()).toEqual([
      `archive/mia-${id}.warc.gz`,
      "indexes/index.cdxj",
      "pages/pages.jsonl",
    ]);
    for (const r of dp.resources) {
      const data = entries.get(r.path);
      expect(data?.length, r.path).toBe(r.bytes);
      expect(sha256(data ?? Buffer.alloc(0)), r.path).toBe(r.hash);
    }
    expect(JSON.parse(entries.get("datapackage-digest.json")?.toString() ?? "{}")).toMatchObject({
      path: "datapackage.json",
      hash: sha256(entries.get("datapackage.json") ?? Buffer.alloc(0)),
    });
    expect(entries.get(`archive/mia-${id}.warc.gz`)).toEqual(readFileSync(warcOf(archive, id)));
    // Pages listed with their titles (no stylesheet or image among them); the main page dated by its capture.
    const pages = (entries.get("pages/pages.jsonl")?.toString() ?? "")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => JSON.parse(l) as { url: string; ts: string; title?: string });
    const start = pages.find((p) => p.url === START);
    expect(start?.title).toMatch(/Aktuellt/);
    expect(pages.filter((p) => !p.title)).toEqual([]);
    expect(pages.filter((p) => /\.(css|js|jpe?g|png)$/.test(p.url))).toEqual([]);
    expect(
      (JSON.parse(entries.get("datapackage.json")?.toString() ?? "{}") as { mainPageDate: string }).mainPageDate,
    ).toBe(start?.ts);
  });
});

/** The entries of a zip of stored files (what writeZip makes), read by the central directory. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString();
    const localName = zip.readUInt16LE(local + 26);
    const localExtra = zip.readUInt16LE(local + 28);
    out.set(name, zip.subarray(local + 30 + localName + localExtra, local + 30 + localName + localExtra + size));
    at += 46 + nameLength;
  }
  return out;
}

describe("incremental runs", () => {
  it("records each request's head as the server received it, redirects with their bodies, and the address", async () => {
    const archive = tempDir();
    server.log.length = 0;
    // Started from the start page with a trailing slash, which the server redirects to the page.
    const [, , ...rest] = snapshotArgs(archive);
    expect((await cli(["snapshot", `${START}/`, ...rest])).code).toBe(0);
    const [run] = listRunDirs(archive);
    const records = await readWarc(warcOf(archive, run!));
    const requests = records.filter((r) => r.type === "request");
    expect(requests.length).toBeGreaterThan(100);
    for (const r of requests) {
      const [line = "", ...headerLines] = r.block.toString("latin1").split("\r\n\r\n")[0]!.split("\r\n");
      const path = line.split(" ")[1];
      const received = server.log.find((e) => e.path === path && e.host === new URL(r.uri).host);
      expect(received, r.uri).toBeDefined();
      // Names in their case, in their order, undici's own Connection included.
      const raw = received?.rawHeaders ?? [];
      expect(headerLines, r.uri).toEqual(
        Array.from({ length: raw.length / 2 }, (_, i) => `${raw[2 * i] ?? ""}: ${raw[2 * i + 1] ?? ""}`),
      );
    }
    expect(requests.some((r) => r.block.toString("latin1").includes("x-forwarded-proto: https"))).toBe(true);
    // Every response names the address it came from: the loopback server behind --map-origin.
    for (const r of records.filter((x) => x.type === "response")) expect(r.ip, r.uri).toBe("127.0.0.1");
    // A redirect is stored with the body the server sent with it.
    const redirects = records.filter(
      (r) => r.type === "response" && /^HTTP\/1\.1 30[12] /.test(r.block.toString("latin1")),
    );
    expect(redirects.length).toBeGreaterThan(0);
    for (const r of redirects) {
      const head = r.block.toString("latin1").split("\r\n\r\n")[0] ?? "";
      const location = /\r\nlocation: (.*)/i.exec(head)?.[1] ?? "";
      expect(payloadOf(r.block).toString(), r.uri).toBe(`<a href="${location}">Moved</a>`);
    }
  });

  it("keeps a robots.txt read only up to RFC 9309's limit, marked WARC-Truncated", async () => {
    const archive = tempDir();
    server.faults.add({ path: /^\/robots\.txt$/, action: { kind: "huge", bytes: 640 * 1024 } });
    try {
      expect((await snapshot(archive)).code).toBe(0);
    } finally {
      server.faults.clear();
    }
    const [run] = listRunDirs(archive);
    const robots = (await readWarc(warcOf(archive, run!))).find(
      (r) => r.type === "response" && r.uri.endsWith("/robots.txt"),
    );
    expect(robots?.truncated).toBe("length");
    expect(payloadOf(robots?.block ?? Buffer.alloc(0)).length).toBe(512 * 1024);
    // The stored bytes are what Content-Length says; the server's chunked framing is kept aside.
    expect(robots?.block.toString("latin1").split("\r\n\r\n")[0]).toMatch(
      /\r\nX-Archive-Orig-Transfer-Encoding: chunked\r\n[^]*Content-Length: 524288$/,
    );
  });

  it("makes an unchanged site's second run revisits that point at the first run's records", async () => {
    const archive = tempDir();
    expect((await snapshot(archive)).code).toBe(0);
    server.log.length = 0;
    expect((await snapshot(archive)).code).toBe(0);
    const [first, second] = listRunDirs(archive);
    const a = runInfo(archive, first!);
    const b = runInfo(archive, second!);
    expect(b.counts.fetches).toBe(a.counts.fetches);
    expect(b.counts.revisits / b.counts.fetches).toBeGreaterThanOrEqual(0.95);
    // By default every page is asked for in full (no 304s) and an unchanged payload is an
    // identical-payload-digest revisit: the form ReplayWeb.page replays (test/archive-replay.test.ts).
    expect(server.log.filter((e) => e.status === 304)).toEqual([]);
    const firstRecords = await readWarc(warcOf(archive, first!));
    const originals = new Map(firstRecords.filter((r) => r.type === "response").map((r) => [`${r.uri} ${r.date}`, r]));
    const revisits = (await readWarc(warcOf(archive, second!))).filter((r) => r.type === "revisit");
    expect(revisits.length).toBe(b.counts.revisits);
    for (const r of revisits) {
      const original = originals.get(`${r.refersTo?.uri ?? ""} ${r.refersTo?.date ?? ""}`);
      expect(original, r.uri).toBeDefined();
      expect(r.payloadDigest).toBe(original?.payloadDigest);
      expect(r.refersToId, r.uri).toBe(original?.id); // WARC-Refers-To names the record itself
      expect(r.profile, r.uri).toBe(REVISIT_IDENTICAL);
    }
    // Every record names the warcinfo record of its run.
    for (const file of [warcOf(archive, first!), warcOf(archive, second!)]) {
      const records = await readWarc(file);
      const info = records[0];
      expect(info?.type).toBe("warcinfo");
      expect(records.slice(1).filter((r) => r.warcinfoId !== info?.id)).toEqual([]);
    }
    // No payload is stored twice: the second WARC holds no response bodies.
    expect((await readWarc(warcOf(archive, second!))).filter((r) => r.type === "response")).toHaveLength(0);
    expect(b.bytes).toBeLessThan(a.bytes * 0.4);
    expect(b.refersTo).toEqual([first]);
    // The first run's files were not touched.
    expect(runInfo(archive, first!)).toEqual(a);
  });

  it("with --conditional, asks with the last run's validators and keeps the 304s as server-not-modified revisits", async () => {
    const archive = tempDir();
    expect((await snapshot(archive)).code).toBe(0);
    server.log.length = 0;
    expect((await snapshot(archive, "--conditional")).code).toBe(0);
    const [first, second] = listRunDirs(archive);
    const b = runInfo(archive, second!);
    expect(server.log.filter((e) => e.status === 304).length).toBeGreaterThanOrEqual(0.95 * b.counts.fetches);
    const revisits = (await readWarc(warcOf(archive, second!))).filter((r) => r.type === "revisit");
    expect(revisits.length).toBeGreaterThanOrEqual(0.95 * b.counts.fetches);
    expect(revisits.filter((r) => r.profile === REVISIT_NOT_MODIFIED).length).toBeGreaterThanOrEqual(
      0.9 * b.counts.fetches,
    );
    expect(b.refersTo).toEqual([first]);
  });

  it("names exactly the post changed and the post removed, and writes diff.md and diff.json", async () => {
    const archive = tempDir();
    expect((await snapshot(archive)).code).toBe(0);
    const content = loadContent();
    const [changed, removed] = [content.posts[5]!, content.posts[12]!];
    const block = changed.blocks.find((b) => b.kind === "p");
    if (block?.kind !== "p") throw new Error("the post has no paragraph");
    block.html = `${block.html} Tillägg i efterhand.`;
    server.setSite(buildSite({ ...content, posts: content.posts.filter((p) => p !== removed) }));
    const r = await cli(snapshotArgs(archive));
    expect(r.code).toBe(0);
    const runs = listRunDirs(archive);
    const diff = JSON.parse(readFileSync(join(archive, runs[1]!, "diff.json"), "utf8")) as RunDiff;
    expect(diff.added).toEqual([]);
    expect(diff.removed.map((p) => p.id)).toEqual([removed.id]);
    expect(diff.changed.map((c) => [c.id, c.fields])).toEqual([[changed.id, ["text"]]]);
    expect(diff.changed[0]?.textDiff.some((l) => l.startsWith("+ ") && l.includes("Tillägg i efterhand."))).toBe(true);
    expect(r.stdout).toMatch(/0 posts added, 1 removed, 1 changed/);
    const md = readFileSync(join(archive, runs[1]!, "diff.md"), "utf8");
    expect(md).toContain("## Removed (1)");
    expect(md).toContain("Tillägg i efterhand.");
    // The changed pages are archived in full again (the sidebars of every page list the removed post, so
    // most pages changed); the images did not change and are revisits.
    const info = runInfo(archive, runs[1]!);
    expect(info.counts.responses).toBeGreaterThan(0);
    expect(info.counts.revisits).toBeGreaterThan(0);
  });
});

describe("cron-safe", () => {
  const start = (archive: string, ...more: string[]): ChildProcess =>
    (({ argv, env }) => spawn(process.execPath, argv, { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] }))(
      cliProcess(["--quiet", ...snapshotArgs(archive, ...more)]),
    );
  const exited = (child: ChildProcess) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      let stderr = "";
      child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("exit", (code) => resolve({ code, stderr }));
    });

  it("lets one of two runs started together work; the other exits 5 at once", async () => {
    const archive = tempDir();
    server.faults.add({ action: { kind: "latency", ms: 5 } });
    const [a, b] = await Promise.all([exited(start(archive)), exited(start(archive))]);
    const codes = [a.code, b.code].sort();
    expect(codes).toEqual([0, 5]);
    expect([a, b].find((x) => x.code === 5)?.stderr).toMatch(/another run \(pid \d+.*holds the archive/);
    expect(listRunDirs(archive)).toHaveLength(1);
    expect(existsSync(join(archive, ".lock"))).toBe(false);
  });

  it("reclaims a lock left by a process that is gone, and says so", async () => {
    const archive = tempDir();
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((r) => dead.on("exit", r));
    writeFileSync(
      join(archive, ".lock"),
      JSON.stringify({ pid: dead.pid, host: hostname(), startedAt: "2026-01-01T00:00:00Z" }),
    );
    const r = await cli(snapshotArgs(archive));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/reclaimed a stale lock left by pid \d+/);
    expect(listRunDirs(archive)).toHaveLength(1);
  });

  it("after kill -9 keeps only complete runs, and the rerun resumes and completes", async () => {
    const archive = tempDir();
    expect((await snapshot(archive)).code).toBe(0);
    server.faults.add({ action: { kind: "latency", ms: 15 } });
    server.log.length = 0;
    const child = start(archive);
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (server.log.length >= 40) {
          clearInterval(t);
          resolve();
        }
      }, 5);
    });
    child.kill("SIGKILL");
    await exited(child);
    const afterKill = listRunDirs(archive);
    expect(afterKill).toHaveLength(1);
    expect(readdirSync(archive).filter((n) => /^\d{14}$/.test(n))).toEqual(afterKill); // nothing half-made looks like a run
    const r = await snapshot(archive);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout.trim()) as { resumed: boolean; runId: string };
    expect(summary.resumed).toBe(true);
    const runs = listRunDirs(archive);
    expect(runs).toHaveLength(2);
    const info = runInfo(archive, runs[1]!);
    expect(info.counts.fetches).toBe(runInfo(archive, runs[0]!).counts.fetches);
    expect(info.crawl.resumed).toBeGreaterThan(0);
    await readWarc(warcOf(archive, runs[1]!)); // parses whole
    expect(existsSync(join(archive, ".partial"))).toBe(false);
  });

  it("stops at --time-limit with exit 4 and no run, and the next run resumes it", async () => {
    const archive = tempDir();
    server.faults.add({ action: { kind: "latency", ms: 30 } });
    const r = await cli(["--quiet", ...snapshotArgs(archive, "--time-limit", "1")]);
    expect(r.code).toBe(4);
    expect(listRunDirs(archive)).toHaveLength(0);
    server.faults.clear();
    const again = await snapshot(archive);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout.trim()) as { resumed: boolean }).resumed).toBe(true);
    expect(listRunDirs(archive)).toHaveLength(1);
  });

  it("--keep 1 keeps the newest run and the full run its revisits refer to", async () => {
    const archive = tempDir();
    for (let i = 0; i < 3; i++) expect((await snapshot(archive, "--keep", "1")).code).toBe(0);
    const runs = listRunDirs(archive);
    expect(runs).toHaveLength(2);
    expect(runInfo(archive, runs[1]!).refersTo).toEqual([runs[0]]);
    expect(runInfo(archive, runs[0]!).previous).toBeNull(); // the first, full run
  });
});

describe("convert --from an archive", () => {
  it("gives the same Markdown tree as migrate on the live replica", async () => {
    const archive = tempDir();
    expect((await snapshot(archive)).code).toBe(0);
    expect((await snapshot(archive)).code).toBe(0); // the newest run is all revisits: payloads come from the first
    const live = tempDir();
    expect(
      (await cli(["--quiet", "migrate", START, "--out", live, ...replicaFlags(server.url), "--no-check-links"])).code,
    ).toBe(0);
    const fromArchive = tempDir();
    const r = await cli(["--quiet", "convert", "--from", archive, "--out", fromArchive]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const tree = (dir: string) =>
      new Map(
        listFiles(dir, "")
          .filter((f) => !f.includes("/snapshot/"))
          .map((f) => [f.slice(dir.length), readFileSync(f, "utf8")]),
      );
    const want = tree(live);
    expect(want.size).toBeGreaterThan(67);
    expect(tree(fromArchive)).toEqual(want);
    // One run's WARC given alone finds the payloads of its revisits in the runs beside it.
    const runs = listRunDirs(archive);
    const single = tempDir();
    expect((await cli(["--quiet", "convert", "--from", warcOf(archive, runs[1]!), "--out", single])).code).toBe(0);
    expect(tree(single)).toEqual(want);
    // And the QA report made from the archive is the one made from the live crawl's snapshot.
    const check = (from: string, out: string) =>
      cli([
        "--quiet",
        "check-links",
        "--from",
        from,
        "--out",
        out,
        "--map-origin",
        `*=${server.url}`,
        "--link-timeout",
        "1",
        "--no-cache",
      ]);
    expect((await check(join(live, "snapshot"), live)).code).toBe(2);
    expect((await check(archive, fromArchive)).code).toBe(2);
    expect(readFileSync(join(fromArchive, "report/report.json"), "utf8")).toBe(
      readFileSync(join(live, "report/report.json"), "utf8"),
    );
    // A crawl never writes into an archive.
    const clash = await cli([
      "check-links",
      START,
      "--from",
      archive,
      "--out",
      tempDir(),
      "--map-origin",
      `*=${server.url}`,
    ]);
    expect([clash.code, clash.stderr]).toEqual([3, expect.stringMatching(/^mia-migrate: --from .* is an archive: /)]);
    expect(existsSync(join(archive, "manifest.jsonl"))).toBe(false);
    const verified = await cli(["--json", "verify", "--from", archive, "--out", fromArchive]);
    expect([verified.code, (JSON.parse(verified.stdout.trim()) as { posts: number }).posts]).toEqual([0, 67]);
  });
});

describe("a 200 that repeats the last payload", () => {
  it("becomes an identical-payload-digest revisit; a new payload a full response", async () => {
    const dir = tempDir();
    const store = new SnapshotStore(join(dir, "snapshot"));
    store.open({ startUrl: START, createdAt: "2026-12-01T00:00:00Z", tool: "test" });
    const body = Buffer.from("<html><body>Hej</body></html>");
    const sha = store.putBody(body);
    const rec = (url: string, sha256: string): FetchRecord => ({
      type: "fetch",
      url,
      finalUrl: url,
      redirects: [],
      status: 200,
      headers: { "content-type": "text/html" },
      sha256,
      size: body.length,
      fetchedAt: "2026-12-02T03:00:00.000Z",
      kind: "page",
      depth: 0,
      tries: 1,
    });
    store.append(rec("https://www.miaprojektet.se/a", sha));
    store.append(rec("https://www.miaprojektet.se/b", sha));
    const original = {
      runId: "20261201030000",
      file: "mia-20261201030000.warc.gz",
      offset: 0,
      length: 1,
      date: "2026-12-01T03:00:00Z",
      uri: "https://www.miaprojektet.se/a",
    };
    const previous = {
      "https://www.miaprojektet.se/a": { status: 200, sha256: sha, headers: {}, original },
      "https://www.miaprojektet.se/b": {
        status: 200,
        sha256: "0".repeat(64),
        headers: {},
        original: { ...original, uri: "https://www.miaprojektet.se/b" },
      },
    };
    const path = join(dir, "x.warc.gz");
    const w = await writeWarc({
      store,
      runId: "20261202030000",
      filename: "x.warc.gz",
      path,
      previous,
      userAgent: "test",
      software: "test",
      settings: {},
    });
    expect(w.counts).toMatchObject({ revisits: 1, responses: 1, unchanged: 1 });
    const revisit = (await readWarc(path)).find((r) => r.type === "revisit");
    expect(revisit?.uri).toBe("https://www.miaprojektet.se/a");
    expect(revisit?.refersTo).toEqual({ uri: original.uri, date: original.date });
    expect(revisit?.payloadDigest).toBe(`sha256:${sha}`);
    const parser = new WARCParser(createReadStream(path));
    for await (const r of parser)
      if (r.warcType === "revisit") expect(r.warcHeader("WARC-Profile")).toBe(REVISIT_IDENTICAL);
    expect(w.state["https://www.miaprojektet.se/a"]?.original).toEqual(original);
    expect(w.state["https://www.miaprojektet.se/b"]?.original.runId).toBe("20261202030000");
  });
});
