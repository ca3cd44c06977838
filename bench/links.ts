// Benchmark (issue 6): check the links of a generated 2,000-post replica on loopback, next to
// `linkchecker` (Debian) on the same server in the same run, and a cold versus warm link cache.
// Both tools crawl the site from the start page and check every URL of it; external hosts are left out
// because linkchecker would look them up on the real network. Run: `npm run bench:links`.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startReplica } from "../fixtures/server.js";
import { startServerProcess } from "./server-process.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const POSTS = Number(process.env.BENCH_POSTS ?? 2000);
if (spawnSync("sh", ["-c", "command -v linkchecker"]).status !== 0) {
  console.error("bench: linkchecker is missing; install it with: apt-get install -y linkchecker");
  process.exit(1);
}

function timed(cmd: string, args: string[]): Promise<{ s: number; stdout: string; code: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: ROOT });
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", () => {});
    child.on("close", (code) => resolve({ s: (performance.now() - t0) / 1000, stdout, code: code ?? 1 }));
  });
}

spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
const server = await startServerProcess(POSTS);
const CACHE = join(ROOT, ".mia-migrate/link-cache.json");
const rows: Record<string, string | number>[] = [];
const cacheRows: Record<string, string | number>[] = [];
try {
  const out = mkdtempSync(join(tmpdir(), "bench-links-"));
  const ours = await timed(process.execPath, [
    "dist/cli/main.js",
    "--json",
    "check-links",
    "https://www.miaprojektet.se/aktuellt-39586750",
    "--out",
    out,
    "--map-origin",
    `*=${server.url}`,
    "--host-gap",
    "0",
    "--host-concurrency",
    "8",
    "--concurrency",
    "16",
    "--no-cache",
  ]);
  const summary = JSON.parse(ours.stdout.trim().split("\n").pop() ?? "{}") as { links?: { unique: number } };
  // The crawl fetched (and so checked) every page and file of the site; then the posts' links were checked.
  const crawled = Number(
    spawnSync("sh", ["-c", `grep -c '"type":"fetch"' ${join(out, "snapshot/manifest.jsonl")}`], {
      encoding: "utf8",
    }).stdout.trim(),
  );
  rows.push({
    tool: "mia-migrate check-links <start-url>",
    "unique URLs": crawled + (summary.links?.unique ?? 0),
    "wall s": ours.s.toFixed(2),
    "URLs/s": Math.round((crawled + (summary.links?.unique ?? 0)) / ours.s),
  });
  // The cache on this site's own link set: its posts link only to images of the old site, which the
  // snapshot holds, so no link needs a request and cold and warm cost the same (extraction and report).
  rmSync(CACHE, { force: true });
  const check2k = () =>
    timed(process.execPath, [
      "dist/cli/main.js",
      "--json",
      "check-links",
      "--from",
      join(out, "snapshot"),
      "--out",
      out,
      "--map-origin",
      `*=${server.url}`,
      "--cache-age",
      "24",
    ]);
  const cold2k = await check2k();
  const warm2k = await check2k();
  const cached = Object.keys((JSON.parse(readFileSync(CACHE, "utf8")) as { entries: object }).entries).length;
  cacheRows.push(
    { run: `${POSTS}-post replica, cold cache`, "wall s": cold2k.s.toFixed(2), requests: `${cached} cached successes` },
    {
      run: `${POSTS}-post replica, warm cache`,
      "wall s": warm2k.s.toFixed(2),
      requests: "-",
      "× faster than cold": (cold2k.s / warm2k.s).toFixed(1),
    },
  );
  rmSync(out, { recursive: true, force: true });

  // linkchecker is slow on this machine (it did not finish 200 posts in 60 s): give it a time cap and
  // compare throughput. -v -o csv prints a row per checked URL, so a capped run still counts.
  const cap = Number(process.env.LINKCHECKER_CAP_S ?? 90);
  const lc = await timed("timeout", [
    String(cap),
    "linkchecker",
    "--no-status",
    "-v",
    "-t",
    "16",
    "-o",
    "csv",
    `${server.url}/aktuellt-39586750`,
  ]);
  const checked = new Set(
    lc.stdout
      .split("\n")
      .filter((l) => /^[^#].*;/.test(l) && !l.startsWith("urlname"))
      .map((l) => l.split(";")[0]),
  ).size;
  rows.push({
    tool: `linkchecker (16 threads${lc.code === 124 ? `, stopped at ${cap} s` : ""})`,
    "unique URLs": checked,
    "wall s": lc.s.toFixed(2),
    "URLs/s": Math.round(checked / lc.s),
  });
} finally {
  await server.stop();
}

// Cold versus warm cache, on the 67-post replica with its external hosts (all on loopback). On loopback
// a request costs about a millisecond, so a cache can save little: every request here is also given
// LATENCY_MS (default 150), about what a request to another site on the internet takes. Failures are
// always checked again, and one replica host never answers (a 2 s timeout each run); a third run skips
// that host (--skip-link, as a user would after the first report) to show what the rest costs.
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 150);
const replica = await startReplica();
const snapOut = mkdtempSync(join(tmpdir(), "bench-cache-"));
await timed(process.execPath, [
  "dist/cli/main.js",
  "--quiet",
  "migrate",
  "https://www.miaprojektet.se/aktuellt-39586750",
  "--out",
  snapOut,
  "--map-origin",
  `*=${replica.url}`,
  "--host-gap",
  "0",
  "--no-check-links",
]);
replica.faults.add({ action: { kind: "latency", ms: LATENCY_MS } });
const check = async (args: string[]) => {
  replica.log.length = 0;
  const r = await timed(process.execPath, [
    "dist/cli/main.js",
    "--json",
    "check-links",
    "--from",
    join(snapOut, "snapshot"),
    "--out",
    snapOut,
    "--map-origin",
    `*=${replica.url}`,
    "--link-timeout",
    "2",
    "--cache-age",
    "24",
    ...args,
  ]);
  return { ...r, requests: replica.log.length };
};
rmSync(CACHE, { force: true }); // cold means cold
const cold = await check([]);
const warm = await check([]);
const warmSkip = await check(["--skip-link", "^https://www\\.sweco\\.se/"]);
await replica.close();
rmSync(snapOut, { recursive: true, force: true });
console.table(rows);
const [a, b] = rows;
if (a && b)
  console.log(
    `ratio: mia-migrate checks ${(Number(a["URLs/s"]) / Math.max(1, Number(b["URLs/s"]))).toFixed(1)}× as many URLs per second as linkchecker`,
  );
console.table([
  ...cacheRows,
  { run: "67-post replica + external hosts, cold cache", "wall s": cold.s.toFixed(2), requests: cold.requests },
  {
    run: "67-post replica + external hosts, warm cache",
    "wall s": warm.s.toFixed(2),
    requests: warm.requests,
    "× faster than cold": (cold.s / warm.s).toFixed(1),
  },
  {
    run: "warm, never-answering host skipped",
    "wall s": warmSkip.s.toFixed(2),
    requests: warmSkip.requests,
    "× faster than cold": (cold.s / warmSkip.s).toFixed(1),
  },
]);
console.log(
  `link cache (every request ${LATENCY_MS} ms): the warm runs request only the failures again; what is left of their time is starting the process, reading the snapshot and writing the report`,
);
