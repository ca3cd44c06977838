// Benchmark (issue 4): extract + normalise every post page of a generated 2,000-post replica, read from a
// snapshot on disk, next to cheerio.load alone on the same pages (the floor), interleaved round after
// round (PAIRS, at least 3). Run: `npm run bench:extract`.
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
import { interleave, report, type Side } from "./interleave.js";

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

const floor: Side = {
  name: "decode + cheerio.load (floor)",
  run: async () => {
    const t = performance.now();
    for (const p of pages) load(decodeBody(p.body, p.type).text);
    return { seconds: (performance.now() - t) / 1000, count: pages.length };
  },
};
let extracted = 0;
const full: Side = {
  name: "decode + extract + normalise",
  run: async () => {
    extracted = 0;
    const t = performance.now();
    for (const p of pages)
      if (extractPost(decodeBody(p.body, p.type).text, p.url, profile, { leadMaxChars: 300, typography: true }))
        extracted++;
    return { seconds: (performance.now() - t) / 1000, count: pages.length };
  },
};
// A warm-up pass each, so JIT compilation is not measured; then interleaved rounds.
await floor.run();
await full.run();
const measured = await interleave([full, floor]);
rmSync(dir, { recursive: true, force: true });
console.log(`bench: ${pages.length} post pages from a snapshot on disk, ${extracted} extracted (URLs = pages)`);
const peer = measured[1];
if (peer) report(measured, peer);
console.log("goal (issue 4): extract + normalise within 3× of parsing alone");
