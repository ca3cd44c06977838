// Benchmark (issue 7): the size of an incremental archive run on an unchanged site, next to GNU wget
// on the same replica in the same run. Each tool archives the site twice; the second run's WARC is
// compared with the first's in bytes. wget's second run uses --warc-dedup with the first run's CDX
// (it writes a `revisit` record for a payload it has stored before; it cannot send conditional
// requests while writing WARC); ours, by default, the same: every page asked for in full, an unchanged
// payload an identical-payload-digest revisit (BENCH_CONDITIONAL=1 measures --conditional, 304s as
// server-not-modified revisits). Both write a `request` record and a revisit record per unchanged fetch,
// each its own gzip member, so what is left of the second WARC is about a kilobyte of record headers per fetch.
// Run: `npm run bench:archive` (BENCH_POSTS=2000 for the generated replica; default the 67-post one).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { startServerProcess } from "./server-process.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const POSTS = process.env.BENCH_POSTS ? Number(process.env.BENCH_POSTS) : undefined;
if (spawnSync("sh", ["-c", "command -v wget"]).status !== 0) {
  console.error("bench: wget is missing; install it with: apt-get install -y wget");
  process.exit(1);
}

function timed(cmd: string, args: string[], cwd = ROOT): Promise<{ s: number; code: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd, stdio: ["ignore", "ignore", "inherit"] });
    child.on("close", (code) => resolve({ s: (performance.now() - t0) / 1000, code: code ?? 1 }));
  });
}

/** Record types in a .warc.gz (a concatenation of gzip members; gunzip reads them all). */
function recordTypes(file: string): Map<string, number> {
  const types = new Map<string, number>();
  for (const m of gunzipSync(readFileSync(file))
    .toString("latin1")
    .matchAll(/^WARC-Type: (\S+)\r?$/gm))
    types.set(m[1] ?? "", (types.get(m[1] ?? "") ?? 0) + 1);
  return types;
}
const describe = (t: Map<string, number>) =>
  [...t]
    .sort()
    .map(([k, n]) => `${n} ${k}`)
    .join(", ");

spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
const server = await startServerProcess(POSTS);
const work = mkdtempSync(join(tmpdir(), "bench-archive-"));
const rows: Record<string, string | number>[] = [];
try {
  // mia-migrate: two runs of `snapshot` into one archive directory (politeness off for loopback).
  const archive = join(work, "ours");
  const oursRuns: { file: string; s: number }[] = [];
  for (let i = 0; i < 2; i++) {
    const r = await timed(process.execPath, [
      "dist/cli/main.js",
      "--quiet",
      "snapshot",
      "https://www.miaprojektet.se/aktuellt-39586750",
      "--archive",
      archive,
      "--map-origin",
      `*=${server.url}`,
      "--host-gap",
      "0",
      ...(process.env.BENCH_CONDITIONAL ? ["--conditional"] : []),
    ]);
    if (r.code !== 0) throw new Error(`mia-migrate snapshot exited ${r.code}`);
    const runs = readdirSync(archive)
      .filter((d) => /^\d{14}$/.test(d))
      .sort();
    const dir = join(archive, runs[runs.length - 1] ?? "");
    oursRuns.push({ file: join(dir, readdirSync(dir).find((f) => f.endsWith(".warc.gz")) ?? ""), s: r.s });
    await new Promise((r) => setTimeout(r, 1100)); // run ids are to the second
  }
  // wget: the first run records a CDX; the second writes revisits for payloads listed in it.
  const start = `${server.url}/aktuellt-39586750`;
  const w1 = await timed(
    "wget",
    ["-q", "-r", "-l", "inf", "-e", "robots=on", "--warc-file=first", "--warc-cdx", "-P", "site1", start],
    work,
  );
  const w2 = await timed(
    "wget",
    ["-q", "-r", "-l", "inf", "-e", "robots=on", "--warc-file=second", "--warc-dedup=first.cdx", "-P", "site2", start],
    work,
  );
  const wgetRuns = [
    { file: join(work, "first.warc.gz"), s: w1.s },
    { file: join(work, "second.warc.gz"), s: w2.s },
  ];
  for (const [tool, [first, second]] of [
    ["mia-migrate snapshot", oursRuns],
    ["wget --warc-dedup", wgetRuns],
  ] as const) {
    if (!first || !second) continue;
    const a = statSync(first.file).size;
    const b = statSync(second.file).size;
    const t2 = recordTypes(second.file);
    const fetches = t2.get("request") ?? 0;
    rows.push({
      tool,
      "first run bytes": a,
      "second run bytes": b,
      "second ÷ first": `${((100 * b) / a).toFixed(1)}%`,
      "revisits / requests": `${t2.get("revisit") ?? 0} / ${fetches}`,
      "bytes per unchanged fetch": Math.round(b / Math.max(1, fetches)),
      "wall s (1st, 2nd)": `${first.s.toFixed(2)}, ${second.s.toFixed(2)}`,
    });
    console.log(`${tool}, second run's records: ${describe(t2)}`);
  }
} finally {
  await server.stop();
  // BENCH_KEEP=1 leaves both tools' WARCs for a look at their records.
  if (process.env.BENCH_KEEP) console.log(`kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
console.table(rows);
const [ours, wget] = rows;
if (ours && wget)
  console.log(
    `ratio: mia-migrate's second run is ${(Number(ours["second run bytes"]) / Number(wget["second run bytes"])).toFixed(2)}× the size of wget's, its first ${(Number(ours["first run bytes"]) / Number(wget["first run bytes"])).toFixed(2)}×`,
  );
