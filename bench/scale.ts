// Scale (issue 8): `migrate` end to end, politeness off, on generated replicas of 1,000, 3,000 and
// 10,000 posts (BENCH_SIZES to change), with wall time and peak RSS of the process (GNU time); and in
// the same run the baseline a user might pick instead, a Crawlee CheerioCrawler + turndown script
// (bench/crawlee-baseline.ts), on the same server. Run: `npm run bench:scale`.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServerProcess } from "./server-process.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const SIZES = (process.env.BENCH_SIZES ?? "1000,3000,10000").split(",").map(Number);
if (spawnSync("sh", ["-c", "test -x /usr/bin/time"]).status !== 0) {
  console.error("bench: GNU time is missing; install it with: apt-get install -y time");
  process.exit(1);
}

/** Runs a command under GNU time: wall seconds and peak RSS (MiB) of the process. */
function measured(cmd: string, args: string[]): Promise<{ s: number; rssMiB: number; code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn("/usr/bin/time", ["-f", "TIME %e %M", cmd, ...args], {
      cwd: ROOT,
      env: { ...process.env, CRAWLEE_STORAGE_DIR: mkdtempSync(join(tmpdir(), "crawlee-")), CRAWLEE_LOG_LEVEL: "ERROR" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => {
      const m = /TIME ([\d.]+) (\d+)/.exec(stderr);
      resolve({ s: Number(m?.[1] ?? NaN), rssMiB: Math.round(Number(m?.[2] ?? NaN) / 1024), code: code ?? -1, stdout });
    });
  });
}

spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
const rows: Record<string, string | number>[] = [];
for (const n of SIZES) {
  const server = await startServerProcess(n);
  try {
    const out = mkdtempSync(join(tmpdir(), "bench-scale-"));
    const ours = await measured(process.execPath, [
      "dist/cli/main.js",
      "--quiet",
      "migrate",
      "https://www.miaprojektet.se/aktuellt-39586750",
      "--out",
      out,
      "--map-origin",
      `*=${server.url}`,
      "--host-gap",
      "0",
      "--host-concurrency",
      "16",
      "--concurrency",
      "16",
      "--no-cache",
    ]);
    const written = readdirSync(join(out, "posts"), { recursive: true }).filter((f) =>
      String(f).endsWith(".md"),
    ).length;
    rmSync(out, { recursive: true, force: true });
    const base = mkdtempSync(join(tmpdir(), "bench-crawlee-"));
    const crawlee = await measured(process.execPath, [
      "--import",
      "tsx",
      "bench/crawlee-baseline.ts",
      `${server.url}/aktuellt-39586750`,
      base,
    ]);
    const crawleePosts = readdirSync(base).length;
    rmSync(base, { recursive: true, force: true });
    rows.push({
      posts: n,
      "mia-migrate s": ours.s,
      "mia-migrate MiB": ours.rssMiB,
      "posts written": written,
      exit: ours.code,
      "Crawlee+turndown s": crawlee.s,
      "Crawlee MiB": crawlee.rssMiB,
      "Crawlee posts": crawleePosts,
      "ratio (Crawlee s / ours)": (crawlee.s / ours.s).toFixed(2),
    });
  } finally {
    await server.stop();
  }
}
console.table(rows);
const first = rows[0];
const last = rows[rows.length - 1];
if (first && last && first !== last)
  console.log(
    `growth: ${last.posts}/${first.posts} posts took ${(Number(last["mia-migrate s"]) / Number(first["mia-migrate s"])).toFixed(1)}× the time (goal ≤ 12× for 10× the posts); peak RSS at ${last.posts}: ${last["mia-migrate MiB"]} MiB (goal < 300)`,
  );
