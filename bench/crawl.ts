// Benchmark (issues 3, 20): crawl a generated 2,000-post replica on loopback with politeness off, next to
// GNU wget on the same server, interleaved (ours 16 in flight, ours 1 per host, wget; round after round).
// wget runs as it does by default: one connection, no --wait (no throttle to lift); ours with
// --host-gap 0. Both obey robots.txt. Prints each side's min and median wall time, the URLs each
// fetched (pages and files: the same site, counted), peak RSS, and the ratios to wget per round.
// Run: `npm run bench:crawl` (needs Debian's wget and GNU time; PAIRS=n for more rounds).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { START, unthrottled } from "./cli-args.js";
import { interleave, report, timed, type Side } from "./interleave.js";
import { startServerProcess } from "./server-process.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const POSTS = Number(process.env.BENCH_POSTS ?? 2000);
// Where both tools write: the system's temporary folder, or BENCH_DIR (e.g. /dev/shm, to take the disk's
// cost per file out of the comparison: wget writes a file per URL, the crawl one pack and a journal).
const WORK = process.env.BENCH_DIR ?? tmpdir();

for (const tool of ["/usr/bin/time", "/usr/bin/wget"]) {
  if (spawnSync("test", ["-x", tool]).status !== 0) {
    console.error(
      `bench: ${tool} is missing; install it with: apt-get install -y ${tool.endsWith("wget") ? "wget" : "time"}`,
    );
    process.exit(1);
  }
}

function countFiles(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    n += statSync(full).isDirectory() ? countFiles(full) : 1;
  }
  return n;
}

spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
const server = await startServerProcess(POSTS);
console.log(`bench: replica of ${POSTS} posts at ${server.url} (separate process); both write under ${WORK}`);

const ours = (perHost: number): Side => ({
  name: `mia-migrate crawl (gap 0, ${perHost === 1 ? "1 per host" : `16 in flight, ${perHost} per host`})`,
  run: async () => {
    const snap = mkdtempSync(join(WORK, "bench-snap-"));
    const r = await timed(
      process.execPath,
      ["dist/cli/main.js", "--quiet", "crawl", START, "--snapshot", snap, ...unthrottled(server.url, perHost)],
      ROOT,
    );
    // Every URL fetched (pages and files), robots.txt left out as wget does not save it.
    const count = readFileSync(join(snap, "manifest.jsonl"), "utf8")
      .split("\n")
      .filter((l) => l.includes('"type":"fetch"') && !l.includes('"kind":"robots"')).length;
    rmSync(snap, { recursive: true, force: true });
    return { seconds: r.seconds, rssMB: r.rssMB, count };
  },
});

const wget: Side = {
  name: "wget --recursive (1 connection, no --wait)",
  run: async () => {
    const dir = mkdtempSync(join(WORK, "bench-wget-"));
    const w = await timed(
      "/usr/bin/wget",
      ["--recursive", "--level=inf", "--no-verbose", "--quiet", "-P", dir, `${server.url}/aktuellt-39586750`],
      ROOT,
    );
    const count = countFiles(dir) - 1; // robots.txt, which wget saves
    rmSync(dir, { recursive: true, force: true });
    return { seconds: w.seconds, rssMB: w.rssMB, count };
  },
};

try {
  const measured = await interleave([ours(16), ours(1), wget]);
  const peer = measured[2];
  if (peer) report(measured, peer);
  console.log("(wall time includes process start; server in its own process; URLs: pages and files each fetched)");
} finally {
  await server.stop();
}
