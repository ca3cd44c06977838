// The crawl stage against the replica: completeness, robots.txt, politeness seen from the server's
// request log, every fault ending in a clear recorded failure, and charset decoding.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadContent } from "../fixtures/site/content.js";
import { buildSite } from "../fixtures/site/render.js";
import { startReplica, type ReplicaServer, type RequestLogEntry } from "../fixtures/server.js";
import { crawl, type CrawlSettings, type CrawlSummary } from "../src/crawl/crawler.js";
import { parseOriginMap } from "../src/http/origin-map.js";
import { loadProfile } from "../src/profiles/profile.js";
import { SnapshotStore, type FetchRecord } from "../src/store/snapshot.js";
import { expectedPosts, fastSettings, START, tempDir } from "./helpers.js";

const profile = loadProfile();
const ALL_IDS = expectedPosts()
  .map((p) => p.id)
  .sort();
let server: ReplicaServer;

beforeAll(async () => {
  server = await startReplica();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.faults.clear();
  server.log.length = 0;
  server.setSite(buildSite());
});

async function run(
  over: Partial<CrawlSettings> = {},
  startUrl = START,
): Promise<{ summary: CrawlSummary; records: FetchRecord[] }> {
  const store = new SnapshotStore(tempDir());
  store.open({ startUrl, createdAt: new Date().toISOString(), tool: "test" });
  const summary = await crawl({
    startUrl,
    profile,
    store,
    settings: fastSettings(over),
    originMap: parseOriginMap([`*=${server.url}`]),
  });
  store.close();
  return { summary, records: store.records().filter((r): r is FetchRecord => r.type === "fetch") };
}

const postIds = (records: FetchRecord[]) =>
  records.filter((r) => r.kind === "post" && r.status === 200).map((r) => r.postId ?? "");
const siteLog = () => server.log.filter((e) => e.host === "www.miaprojektet.se");
const GITA_PATH = "/2021/11/16/v%C3%A5rd-f%C3%B6r-sexualbrottsutsatta%C2%A0-45881233";

function maxOverlap(entries: RequestLogEntry[]): number {
  const points = entries.flatMap((e) => [
    { t: e.start, d: 1 },
    { t: e.end, d: -1 },
  ]);
  points.sort((a, b) => a.t - b.t || a.d - b.d);
  let cur = 0;
  let max = 0;
  for (const p of points) max = Math.max(max, (cur += p.d));
  return max;
}

describe("discovery", () => {
  it.each([
    ["the Aktuellt page", START],
    ["a month archive of the current blog id", "https://www.miaprojektet.se/i/a42007494/2018/11/"],
    ["a year archive of the older blog id", "http://miaprojektet.se/i/a39586750/2021/"],
    ["a tag page", "https://www.miaprojektet.se/i/t42007494/asf/"],
    ["a post", "https://www.miaprojektet.se" + GITA_PATH],
  ])("finds every post exactly once, starting from %s", async (_name, start) => {
    const { records } = await run({}, start);
    const ids = postIds(records);
    expect([...ids].sort()).toEqual(ALL_IDS);
    expect(ids.length).toBe(new Set(ids).size);
    // No page of any kind is fetched twice.
    const urls = records.map((r) => r.url);
    expect(urls.length).toBe(new Set(urls).size);
  });

  it("fetches the site's images and files, never an external page", async () => {
    const { records } = await run();
    const jpgs = new Set(expectedPosts().flatMap((p) => p.images.map((i) => i.src).filter((s) => s.endsWith(".jpg"))));
    expect(records.filter((r) => r.kind === "asset" && r.url.endsWith(".jpg")).length).toBe(jpgs.size);
    // Each file the posts link to, once (counted from the content's ground truth).
    const pdfs = new Set(
      expectedPosts().flatMap((p) => p.links.filter((l) => l.href.endsWith(".pdf")).map((l) => l.href)),
    );
    expect(records.filter((r) => r.url.endsWith(".pdf")).length).toBe(pdfs.size);
    expect(server.log.every((e) => e.host === "www.miaprojektet.se" || e.host === "miaprojektet.se")).toBe(true);
  });

  it("keeps within --max-pages, --max-depth and exclude patterns", async () => {
    expect((await run({ maxPages: 10 })).records.length).toBe(10);
    const shallow = await run({ maxDepth: 1 });
    expect(shallow.records.every((r) => r.depth <= 1)).toBe(true);
    const noTags = await run({ exclude: [/^\/i\/t/] });
    expect(noTags.records.some((r) => r.kind === "tag")).toBe(false);
    expect([...postIds(noTags.records)].sort()).toEqual(ALL_IDS);
  });

  it("records the redirect chain of an old slug and the other URLs that reached a post", async () => {
    const { records } = await run(
      {},
      "https://www.miaprojektet.se/2019/01/30/vad-h%C3%A4nder-i-stockholms-stad--41614257",
    );
    const first = records.find((r) => r.postId === "41614257");
    expect(first?.redirects).toEqual([
      { url: "https://www.miaprojektet.se/2019/01/30/vad-h%C3%A4nder-i-stockholms-stad--41614257", status: 301 },
    ]);
    expect(first?.finalUrl).toBe(
      "https://www.miaprojektet.se/2019/01/30/vad-h%C3%A4nder-i-mia-projektet-stockholms-stad--41614257",
    );
  });
});

describe("robots.txt (RFC 9309)", () => {
  it("never fetches a disallowed path", async () => {
    server.setSite(
      buildSite({ ...loadContent(), robots: "User-agent: *\nDisallow: /i/t42007494/\nDisallow: /admin/\n" }),
    );
    const { summary } = await run();
    expect(siteLog().some((e) => e.path.startsWith("/i/t42007494/"))).toBe(false);
    expect(summary.disallowedByRobots).toBeGreaterThan(0);
  });

  it("fetches nothing from a host whose robots.txt answers 500 after its retries, and says why", async () => {
    server.faults.add({ path: "/robots.txt", action: { kind: "status", status: 500 } });
    const { summary, records } = await run();
    // Asked again before giving up (a 5xx may pass), then nothing else.
    expect(siteLog().map((e) => e.path)).toEqual(["/robots.txt", "/robots.txt", "/robots.txt"]);
    expect(records).toEqual([]);
    expect(summary.robotsBlocked).toEqual([
      {
        origin: "https://www.miaprojektet.se",
        reason: "robots.txt answered 500: RFC 9309 says crawl nothing until it answers",
      },
    ]);
  });

  it("crawls everything when robots.txt fails once and then answers", async () => {
    server.faults.add({ path: "/robots.txt", times: 1, action: { kind: "status", status: 503 } });
    const { summary, records } = await run();
    expect(summary.robotsBlocked).toEqual([]);
    expect([...postIds(records)].sort()).toEqual(ALL_IDS);
  });

  it("reads a robots.txt larger than its cap up to the cap (RFC 9309: at least 500 KiB), not as unreachable", async () => {
    const filler = "# " + "x".repeat(78) + "\n";
    const rules = "User-agent: *\nDisallow: /i/t42007494/\n";
    // 30 MB: more than the crawl's body cap too; the rules stand at the top, as in real files.
    server.setSite(
      buildSite({ ...loadContent(), robots: rules + filler.repeat(Math.ceil((30 * 1024 * 1024) / filler.length)) }),
    );
    const { summary, records } = await run();
    expect(summary.robotsBlocked).toEqual([]);
    expect(summary.disallowedByRobots).toBeGreaterThan(0);
    expect(siteLog().some((e) => e.path.startsWith("/i/t42007494/"))).toBe(false);
    expect([...postIds(records)].sort()).toEqual(ALL_IDS);
  });

  it("says so when robots.txt disallows the start URL (Disallow: /)", async () => {
    server.setSite(buildSite({ ...loadContent(), robots: "User-agent: *\nDisallow: /\n" }));
    const { summary, records } = await run();
    expect(records).toEqual([]);
    expect(summary.robotsBlocked[0]?.reason).toMatch(/robots\.txt disallows the start URL/);
  });

  it("crawls everything when robots.txt answers 404", async () => {
    server.faults.add({ path: "/robots.txt", action: { kind: "status", status: 404 } });
    const { records } = await run();
    expect([...postIds(records)].sort()).toEqual(ALL_IDS);
  });

  it("uses Crawl-delay as a floor for the gap", async () => {
    server.setSite(buildSite({ ...loadContent(), robots: "User-agent: *\nCrawl-delay: 0.15\n" }));
    await run({ maxPages: 6, perHostGapMs: 0, perHostConcurrency: 1 });
    const starts = siteLog()
      .slice(1)
      .map((e) => e.start);
    for (let i = 1; i < starts.length; i++) expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBeGreaterThanOrEqual(145);
  });
});

describe("politeness, from the server's request log", () => {
  it("never has more than the per-host limit in flight", async () => {
    server.faults.add({ action: { kind: "latency", ms: 15 } });
    await run({ perHostConcurrency: 2, concurrency: 8, maxPages: 40 });
    expect(maxOverlap(siteLog())).toBe(2);
  });

  it("never starts two requests to a host closer than the minimum gap", async () => {
    await run({ perHostGapMs: 80, jitter: 0.5, perHostConcurrency: 2, maxPages: 12 });
    const starts = siteLog().map((e) => e.start);
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] ?? 0));
    // 80 ms × (1 − 0.5) = 40 ms at least, less a little for the loopback's own timing.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(37);
  });

  it("pauses the whole host until a Retry-After in seconds has passed", async () => {
    server.faults.add({ path: GITA_PATH, times: 1, action: { kind: "status", status: 429, retryAfter: "1" } });
    // One request at a time, so no other request was already on its way when the 429 came.
    const { records } = await run({ perHostConcurrency: 1 });
    const limited = server.log.find((e) => e.status === 429);
    expect(limited).toBeDefined();
    const after = siteLog().filter((e) => e.start > (limited?.end ?? 0));
    expect(after.length).toBeGreaterThan(0);
    expect(Math.min(...after.map((e) => e.start)) - (limited?.end ?? 0)).toBeGreaterThanOrEqual(990);
    expect(records.find((r) => r.postId === "45881233")).toMatchObject({ status: 200, tries: 2 });
  });

  it("with several requests in flight, only those already sent arrive during the pause", async () => {
    server.faults.add({ path: GITA_PATH, times: 1, action: { kind: "status", status: 429, retryAfter: "1" } });
    await run({ perHostConcurrency: 3 });
    const limited = server.log.find((e) => e.status === 429);
    const during = siteLog().filter((e) => e.start > (limited?.end ?? 0) && e.start < (limited?.end ?? 0) + 990);
    // At most the two other slots' requests, sent before the 429 reached the crawler. (No bound on when
    // they arrive: tests do not assert how fast a machine is.)
    expect(during.length).toBeLessThanOrEqual(2);
  });

  it("honours Retry-After as an HTTP date", async () => {
    const until = new Date(Date.now() + 2000);
    const date = until.toUTCString(); // whole seconds: the host waits until then
    server.faults.add({ path: GITA_PATH, times: 1, action: { kind: "status", status: 503, retryAfter: date } });
    await run({ perHostConcurrency: 1 });
    const limited = server.log.find((e) => e.status === 503);
    const after = siteLog().filter((e) => e.at > (limited?.at ?? 0));
    expect(Math.min(...after.map((e) => e.at))).toBeGreaterThanOrEqual(Date.parse(date) - 5);
  });
});

describe("faults end in clear recorded failures, and the crawl goes on", () => {
  it("retries 503 twice, then succeeds", async () => {
    server.faults.add({ path: GITA_PATH, times: 2, action: { kind: "status", status: 503 } });
    const { records, summary } = await run();
    expect(records.find((r) => r.postId === "45881233")).toMatchObject({ status: 200, tries: 3 });
    expect(summary.failed).toBe(0);
  });

  it("records each failure with its reason and fetches every other post", async () => {
    const paths: Record<string, string> = {
      http500: "/2021/11/11/ring-innan-v%C3%A5ldet-eskalerar-45850120",
      reset: "/2021/11/23/husdjur-som-gisslan-45902011",
      truncated: "/2021/11/10/v%C3%A5ld-kan-vara-en-dold-orsak-till-arbetsl%C3%B6shet-45846002",
      endless: "/2021/11/03/nio-av-tio-har-erfarenhet-av-v%C3%A5ld-45811875",
      huge: "/2021/10/28/en-m%C3%A5nad-fri-fr%C3%A5n-v%C3%A5ld-45790431",
      bomb: "/2021/10/20/nu-kommer-h%C3%A4nt-i-mia-45757820",
      loop: "/2021/10/06/ny-projektledare-i-mia-v%C3%A4rna-45702213",
    };
    server.faults.add({ path: paths.http500, action: { kind: "status", status: 500 } });
    server.faults.add({ path: paths.reset, action: { kind: "reset" } });
    server.faults.add({ path: paths.truncated, action: { kind: "truncate" } });
    server.faults.add({ path: paths.endless, action: { kind: "endless" } });
    server.faults.add({ path: paths.huge, action: { kind: "huge", bytes: 3 * 1024 * 1024 } });
    server.faults.add({ path: paths.bomb, action: { kind: "gzip-bomb", bytes: 3 * 1024 * 1024 } });
    server.faults.add({
      path: new RegExp("^" + (paths.loop ?? "").replace(/[.?]/g, "\\$&")),
      action: { kind: "redirect-loop" },
    });
    const { records, summary } = await run({
      maxBodyBytes: 1024 * 1024,
      bodyTimeoutMs: 400,
      totalTimeoutMs: 800,
      retries: 2,
    });
    const reason = (path: string) => records.find((r) => r.url === "https://www.miaprojektet.se" + path)?.error?.reason;
    expect(reason(paths.http500 ?? "")).toBe("http-500");
    expect(reason(paths.reset ?? "")).toBe("connection-reset");
    expect(reason(paths.truncated ?? "")).toBe("truncated");
    expect(reason(paths.endless ?? "")).toBe("timeout");
    expect(reason(paths.huge ?? "")).toBe("too-large");
    expect(reason(paths.bomb ?? "")).toBe("too-large");
    expect(reason(paths.loop ?? "")).toBe("redirect-loop");
    expect(summary.failed).toBe(7);
    expect(postIds(records).length).toBe(ALL_IDS.length - 7);
    // The permanent 500 was tried as often as allowed, no more.
    expect(server.log.filter((e) => e.path === paths.http500).length).toBe(2);
  });
});

describe("--time-limit", () => {
  it("stops cleanly, keeps what was fetched, and says it stopped", async () => {
    server.faults.add({ action: { kind: "latency", ms: 40 } });
    const { summary, records } = await run({ timeLimitMs: 500, perHostConcurrency: 1 });
    expect(summary.stoppedBy).toBe("time-limit");
    expect(records.length).toBeGreaterThan(2);
    expect(records.length).toBeLessThan(40);
    expect(records.every((r) => !r.error)).toBe(true); // requests cut short by the limit are not recorded as failures
  });
});
