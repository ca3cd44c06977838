// Benchmark (issue 4): extract + normalise every post page of a generated 2,000-post replica, read from a
// snapshot on disk, next to cheerio.load alone on the same pages (the floor). Run: `npm run bench:extract`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load } from "cheerio";
import { generateContent } from "../fixtures/site/generate.js";
import { buildSite } from "../fixtures/site/render.js";
import { decodeBody } from "../src/crawl/charset.js";
import { extractPost } from "../src/extract/post.js";
import { loadProfile } from "../src/profiles/profile.js";
import { SnapshotStore, type FetchRecord } from "../src/store/snapshot.js";

const POSTS = Number(process.env.BENCH_POSTS ?? 2000);
const profile = loadProfile();
const site = buildSite(generateContent(POSTS));

// A snapshot on disk holding every post page, as a crawl leaves it.
const dir = mkdtempSync(join(tmpdir(), "bench-extract-"));
const store = new SnapshotStore(dir);
store.open({ startUrl: "bench", createdAt: new Date().toISOString(), tool: "bench" });
for (const [path, res] of site.resources) {
  if (!/^\/\d{4}\/\d{2}\/\d{2}\//.test(path) || res.status !== 200) continue;
  const url = new URL("https://www.miaprojektet.se" + path.split("/").map(encodeURIComponent).join("/")).href;
  store.append({
    type: "fetch",
    url,
    finalUrl: url,
    redirects: [],
    status: 200,
    headers: res.headers,
    sha256: store.putBody(res.body),
    size: res.body.length,
    fetchedAt: "",
    kind: "post",
    depth: 0,
    tries: 1,
  });
}
store.close();
const pages = store
  .records()
  .filter((r): r is FetchRecord => r.type === "fetch")
  .map((r) => ({ url: r.finalUrl, type: r.headers["content-type"], body: store.readBody(r.sha256 ?? "") }));

function measure(fn: (html: string, url: string) => unknown): number[] {
  const times: number[] = [];
  for (const p of pages) {
    const t = performance.now();
    fn(decodeBody(p.body, p.type).text, p.url);
    times.push(performance.now() - t);
  }
  return times;
}
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95), total: xs.reduce((a, b) => a + b, 0) };
};

// One warm-up pass each, so JIT compilation is not measured.
measure((h) => load(h));
measure((h, u) => extractPost(h, u, profile, { leadMaxChars: 300, typography: true }));
const parse = stats(measure((h) => load(h)));
let extracted = 0;
const full = stats(
  measure((h, u) => (extractPost(h, u, profile, { leadMaxChars: 300, typography: true }) ? extracted++ : 0)),
);
rmSync(dir, { recursive: true, force: true });

const row = (name: string, s: ReturnType<typeof stats>) => ({
  name,
  "median ms": s.median.toFixed(3),
  "p95 ms": s.p95.toFixed(3),
  "total s": (s.total / 1000).toFixed(2),
});
console.log(`bench: ${pages.length} post pages from a snapshot on disk, ${extracted} extracted`);
console.table([row("decode + cheerio.load (floor)", parse), row("decode + extract + normalise", full)]);
console.log(
  `ratio: extract + normalise takes ${(full.total / parse.total).toFixed(2)}× parsing alone (median ${(full.median / parse.median).toFixed(2)}×)`,
);
