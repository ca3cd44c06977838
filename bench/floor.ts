// Benchmark (issue 20): the whole `migrate` of a generated 2,000-post replica (crawl, extract, convert,
// verify, link check and report; politeness off) against the floor measured in the same rounds: GNU
// wget's fetch of the site (one connection, no --wait) plus `cheerio.load` of every page it saved
// (bench/load-all.ts), the least any migration of this site must do; and the same floor parsing with
// htmlparser2, as mia-migrate does. Interleaved, PAIRS rounds (≥ 3).
// Goal: migrate within 1.5× of the floor. Run: `npm run bench:floor` (needs wget and GNU time).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { START, unthrottled } from "./cli-args.js";
import { interleave, printRatio, report, timed, type Side } from "./interleave.js";
import { startServerProcess } from "./server-process.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const POSTS = Number(process.env.BENCH_POSTS ?? 2000);
// Where both write: the system's temporary folder, or BENCH_DIR (e.g. /dev/shm: no disk cost per file).
const WORK = process.env.BENCH_DIR ?? tmpdir();
for (const tool of ["/usr/bin/time", "/usr/bin/wget"])
  if (spawnSync("test", ["-x", tool]).status !== 0) {
    console.error(
      `bench: ${tool} is missing; install it with: apt-get install -y ${tool.endsWith("wget") ? "wget" : "time"}`,
    );
    process.exit(1);
  }

spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
const server = await startServerProcess(POSTS);
const migrate: Side = {
  name: "mia-migrate migrate (links and report included, gap 0, 16 in flight)",
  run: async () => {
    const out = mkdtempSync(join(WORK, "bench-floor-"));
    const r = await timed(
      process.execPath,
      ["dist/cli/main.js", "--quiet", "migrate", START, "--out", out, ...unthrottled(server.url), "--no-cache"],
      ROOT,
    );
    const count = readdirSync(join(out, "posts"), { recursive: true }).filter((f) => String(f).endsWith(".md")).length;
    rmSync(out, { recursive: true, force: true });
    return { seconds: r.seconds, rssMB: r.rssMB, count };
  },
};
/** wget's fetch, then every saved page parsed with `parser` (bench/load-all.ts). */
const floor = (parser: "parse5" | "htmlparser2"): Side => ({
  name: `floor: wget --recursive + cheerio.load (${parser}) of every page saved`,
  run: async () => {
    const dir = mkdtempSync(join(WORK, "bench-floor-wget-"));
    const w = await timed(
      "/usr/bin/wget",
      ["--recursive", "--level=inf", "--quiet", "-P", dir, `${server.url}/aktuellt-39586750`],
      ROOT,
    );
    const l = await timed(process.execPath, ["--import", "tsx", "bench/load-all.ts", dir, parser], ROOT);
    rmSync(dir, { recursive: true, force: true });
    const { pages, seconds } = JSON.parse(l.stdout.trim() || "{}") as { pages?: number; seconds?: number };
    // wget's whole run, plus the reading and parsing alone (not node's start-up: ours pays its own).
    return {
      seconds: w.seconds + (seconds ?? NaN),
      rssMB: Math.max(w.rssMB, l.rssMB),
      ...(pages ? { count: pages } : {}),
    };
  },
});
try {
  console.log(`bench: ${POSTS}-post replica at ${server.url} (separate process); all write under ${WORK}`);
  const [ours, parse5, htmlparser2] = await interleave([migrate, floor("parse5"), floor("htmlparser2")]);
  if (ours && parse5 && htmlparser2) {
    report([ours, parse5, htmlparser2], parse5);
    // The floor the goal names parses with parse5; ours parses pages with htmlparser2, so the same
    // ratio against a floor that does too is printed as well.
    printRatio(ours, htmlparser2);
  }
  console.log(
    "(URLs: posts written by migrate; HTML pages parsed by the floor; goal: ratio to the parse5 floor ≤ 1.5)",
  );
} finally {
  await server.stop();
}
