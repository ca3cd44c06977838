// Scale (issues 8, 20): `migrate` end to end, politeness off, on generated replicas of 1,000, 3,000 and
// 10,000 posts (BENCH_SIZES), interleaved round after round (every size each round), with wall time and
// peak RSS of the process (GNU time); and, at the sizes in BENCH_CRAWLEE (default the first), the
// baseline a user might pick instead, a Crawlee CheerioCrawler + turndown script (bench/crawlee-
// baseline.ts), in the same rounds on the same server. Prints min and median of each, the ratio to
// Crawlee per round, and the growth (largest size / smallest) per round. Run: `npm run bench:scale`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { START, unthrottled } from "./cli-args.js";
import { interleave, median, min, report, timed, type Side } from "./interleave.js";
import { startServerProcess } from "./server-process.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const SIZES = (process.env.BENCH_SIZES ?? "1000,3000,10000").split(",").map(Number);
const CRAWLEE = (process.env.BENCH_CRAWLEE ?? String(SIZES[0])).split(",").filter(Boolean).map(Number);
if (spawnSync("sh", ["-c", "test -x /usr/bin/time"]).status !== 0) {
  console.error("bench: GNU time is missing; install it with: apt-get install -y time");
  process.exit(1);
}

spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
const servers = new Map<number, Awaited<ReturnType<typeof startServerProcess>>>();
try {
  for (const n of SIZES) servers.set(n, await startServerProcess(n));
  const ours = (n: number): Side => ({
    name: `mia-migrate migrate, ${n} posts`,
    run: async () => {
      const out = mkdtempSync(join(tmpdir(), "bench-scale-"));
      const r = await timed(
        process.execPath,
        [
          "dist/cli/main.js",
          "--quiet",
          "migrate",
          START,
          "--out",
          out,
          ...unthrottled(servers.get(n)?.url ?? ""),
          "--no-cache",
        ],
        ROOT,
      );
      const count = readdirSync(join(out, "posts"), { recursive: true }).filter((f) =>
        String(f).endsWith(".md"),
      ).length;
      rmSync(out, { recursive: true, force: true });
      return { seconds: r.seconds, rssMB: r.rssMB, count };
    },
  });
  const crawlee = (n: number): Side => ({
    name: `Crawlee CheerioCrawler + turndown, ${n} posts (16 in flight)`,
    run: async () => {
      const base = mkdtempSync(join(tmpdir(), "bench-crawlee-"));
      process.env.CRAWLEE_STORAGE_DIR = mkdtempSync(join(tmpdir(), "crawlee-"));
      process.env.CRAWLEE_LOG_LEVEL = "ERROR";
      const r = await timed(
        process.execPath,
        ["--import", "tsx", "bench/crawlee-baseline.ts", `${servers.get(n)?.url}/aktuellt-39586750`, base],
        ROOT,
      );
      const count = readdirSync(base).length;
      rmSync(base, { recursive: true, force: true });
      rmSync(process.env.CRAWLEE_STORAGE_DIR, { recursive: true, force: true });
      return { seconds: r.seconds, rssMB: r.rssMB, count };
    },
  });
  const sides = SIZES.flatMap((n) => [ours(n), ...(CRAWLEE.includes(n) ? [crawlee(n)] : [])]);
  const measured = await interleave(sides);
  console.log("(URLs = posts written; every run politeness off, server in its own process)");
  for (const n of CRAWLEE) {
    const a = measured.find((m) => m.side.name === ours(n).name);
    const b = measured.find((m) => m.side.name === crawlee(n).name);
    if (a && b) report([a, b], b);
  }
  const small = measured.find((m) => m.side.name === ours(SIZES[0] ?? 0).name);
  const large = measured.find((m) => m.side.name === ours(SIZES[SIZES.length - 1] ?? 0).name);
  if (small && large && small !== large) {
    report(
      measured.filter((m) => !m.side.name.startsWith("Crawlee")),
      small,
    );
    const growth = large.runs.map((r, i) => r.seconds / (small.runs[i]?.seconds ?? NaN));
    const rss = Math.max(...large.runs.map((r) => r.rssMB ?? 0));
    console.log(
      `growth: ${SIZES[SIZES.length - 1]}/${SIZES[0]} posts took min ${min(growth).toFixed(1)}×, median ${median(growth).toFixed(1)}× the time (goal ≤ 12× for 10× the posts); peak RSS at ${SIZES[SIZES.length - 1]}: ${Math.round(rss)} MiB (goal < 300)`,
    );
  }
} finally {
  for (const s of servers.values()) await s.stop();
}
