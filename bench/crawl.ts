// Benchmark (issue 3): crawl a generated 2,000-post replica on loopback with politeness off, next to
// `wget --mirror` on the same server in the same run. Reports pages/s, wall time and peak RSS (median of
// alternating runs), and the ratio. Run: `npm run bench:crawl` (needs Debian's wget and GNU time).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServerProcess } from "./server-process.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const POSTS = Number(process.env.BENCH_POSTS ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

for (const tool of ["/usr/bin/time", "/usr/bin/wget"]) {
  if (spawnSync("test", ["-x", tool]).status !== 0) {
    console.error(
      `bench: ${tool} is missing; install it with: apt-get install -y ${tool.endsWith("wget") ? "wget" : "time"}`,
    );
    process.exit(1);
  }
}

interface Measure {
  wallS: number;
  rssMB: number;
  pages: number;
}

function timed(cmd: string, args: string[]): Promise<{ wallS: number; rssMB: number; stdout: string; code: number }> {
  return new Promise((resolve) => {
    const child = spawn("/usr/bin/time", ["-f", "%e %M", cmd, ...args], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => {
      const last = stderr.trim().split("\n").pop() ?? "";
      const [wall = "0", rss = "0"] = last.split(" ");
      resolve({ wallS: Number(wall), rssMB: Number(rss) / 1024, stdout, code: code ?? 1 });
    });
  });
}

function countFiles(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    n += statSync(full).isDirectory() ? countFiles(full) : 1;
  }
  return n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
const server = await startServerProcess(POSTS);
console.log(`bench: replica of ${POSTS} posts at ${server.url} (separate process)`);
// The configuration (gap 0, 16 at once), and one connection at a time as wget works.
const configs = [16, 1];
const ours: Measure[][] = configs.map(() => []);
const wget: Measure[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    for (const [c, perHost] of configs.entries()) {
      const snap = mkdtempSync(join(tmpdir(), "bench-snap-"));
      const r = await timed(process.execPath, [
        "dist/cli/main.js",
        "--json",
        "crawl",
        "https://www.miaprojektet.se/aktuellt-39586750",
        "--snapshot",
        snap,
        "--map-origin",
        `*=${server.url}`,
        "--host-gap",
        "0",
        "--host-concurrency",
        String(perHost),
        "--concurrency",
        "16",
      ]);
      const summary = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as { fetched?: number };
      ours[c]?.push({ wallS: r.wallS, rssMB: r.rssMB, pages: summary.fetched ?? 0 });
      rmSync(snap, { recursive: true, force: true });
    }

    const dir = mkdtempSync(join(tmpdir(), "bench-wget-"));
    const w = await timed("/usr/bin/wget", [
      "--mirror",
      "--no-verbose",
      "--quiet",
      "-P",
      dir,
      `${server.url}/aktuellt-39586750`,
    ]);
    wget.push({ wallS: w.wallS, rssMB: w.rssMB, pages: countFiles(dir) });
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  await server.stop();
}

const report = (name: string, m: Measure[]) => {
  const wall = median(m.map((x) => x.wallS));
  const pages = median(m.map((x) => x.pages));
  return {
    name,
    pages,
    wallS: wall,
    pagesPerS: Math.round(pages / wall),
    peakRssMB: Math.round(Math.max(...m.map((x) => x.rssMB))),
  };
};
const rows = configs.map((perHost, c) =>
  report(`mia-migrate crawl (journal on, gap 0, ${perHost} per host)`, ours[c] ?? []),
);
const w = report("wget --mirror", wget);
console.table([...rows, w]);
for (const r of rows) console.log(`ratio: ${r.name} takes ${(r.wallS / w.wallS).toFixed(2)}× wget's wall time`);
console.log(`(${RUNS} alternating runs each, medians; wall time includes process start; server in its own process)`);
