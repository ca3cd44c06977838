// Benchmark (issues 6, 20): check every link of a generated 2,000-post replica on loopback, next to
// linkchecker (Debian) on the same server, interleaved round after round. Both start from the blog's
// start page, crawl the site and check every URL of it; both leave links off the site unchecked (our
// --skip-link, its --ignore-url), as linkchecker would otherwise look them up on the real network.
// Throttles are lifted on both sides: ours with --host-gap 0, linkchecker's per-host wait (0.1–0.6 s by
// default) with maxrequestspersecond=1000000 and the "LinkChecker" header the replica then sends, the
// only way it allows more than 10 requests a second. Each side's count is its set of distinct URLs
// requested or checked (ours: the crawl's and the link check's, each URL once).
// Then the link cache, cold against warm, interleaved the same way. Run: `npm run bench:links`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startReplica } from "../fixtures/server.js";
import { START, unthrottled } from "./cli-args.js";
import { interleave, report, timed, type Side } from "./interleave.js";
import { startServerProcess } from "./server-process.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const POSTS = Number(process.env.BENCH_POSTS ?? 2000);
for (const tool of ["linkchecker", "/usr/bin/time"])
  if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0) {
    console.error(
      `bench: ${tool} is missing; install it with: apt-get install -y ${tool === "linkchecker" ? "linkchecker" : "time"}`,
    );
    process.exit(1);
  }

/** The column `name` of a CSV file we wrote (RFC 4180 quoting). */
function csvColumn(text: string, name: string): string[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === "," || c === "\n") {
      row.push(field);
      field = "";
      if (c === "\n") {
        rows.push(row);
        row = [];
      }
    } else if (c !== "\r") field += c;
  }
  const col = rows[0]?.indexOf(name) ?? -1;
  return rows.slice(1).map((r) => r[col] ?? "");
}

spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
const server = await startServerProcess(POSTS, { REPLICA_LINKCHECKER_UNTHROTTLED: "1" });
const site = new URL(server.url);
const lcConfig = join(mkdtempSync(join(tmpdir(), "bench-lc-")), "linkcheckerrc");
writeFileSync(lcConfig, "[checking]\nmaxrequestspersecond=1000000\nthreads=16\n");

const ours: Side = {
  name: "mia-migrate check-links <start-url> (gap 0, 8 per host)",
  run: async () => {
    const out = mkdtempSync(join(tmpdir(), "bench-links-"));
    const r = await timed(
      process.execPath,
      [
        "dist/cli/main.js",
        "--quiet",
        "check-links",
        START,
        "--out",
        out,
        ...unthrottled(server.url, 8),
        "--no-cache",
        "--skip-link",
        "^https?://(?!www\\.miaprojektet\\.se/)",
      ],
      ROOT,
    );
    const urls = new Set<string>();
    for (const line of readFileSync(join(out, "snapshot/manifest.jsonl"), "utf8").split("\n"))
      if (line.includes('"type":"fetch"') && !line.includes('"kind":"robots"'))
        urls.add((JSON.parse(line) as { url: string }).url);
    const csv = readFileSync(join(out, "report/links.csv"), "utf8");
    const verdicts = csvColumn(csv, "verdict");
    csvColumn(csv, "url").forEach((u, i) => {
      if (verdicts[i] !== "skipped" && /^https?:/.test(u)) urls.add(new URL(u).href);
    });
    rmSync(out, { recursive: true, force: true });
    return { seconds: r.seconds, rssMB: r.rssMB, count: urls.size };
  },
};

const linkchecker: Side = {
  name: "linkchecker (16 threads, throttle lifted)",
  run: async () => {
    const r = await timed(
      "linkchecker",
      [
        "--config",
        lcConfig,
        "--no-status",
        "-v",
        "-o",
        "csv",
        "--ignore-url",
        `^(?!https?://${site.host.replace(/\./g, "\\.")}/)`,
        `${server.url}/aktuellt-39586750`,
      ],
      ROOT,
    );
    // -o csv: ";"-separated, a header row naming the columns; "url" is the absolute URL checked.
    const rows = r.stdout.split("\n").filter((l) => l !== "" && !l.startsWith("#"));
    const col = (rows[0] ?? "").split(";").indexOf("url");
    const checked = new Set(
      rows
        .slice(1)
        .map((l) => l.split(";")[col] ?? "")
        .filter((u) => u.startsWith(server.url)),
    );
    return { seconds: r.seconds, rssMB: r.rssMB, count: checked.size };
  },
};

try {
  console.log(`bench: ${POSTS}-post replica at ${server.url} (separate process)`);
  const measured = await interleave([ours, linkchecker]);
  const peer = measured[1];
  if (peer) report(measured, peer);
} finally {
  await server.stop();
}

// The link cache, cold against warm, on the 67-post replica with its external hosts (all on loopback).
// On loopback a request costs about a millisecond, so each request is also given LATENCY_MS (default
// 150), about what a request to another site on the internet takes. Failures are always checked again,
// and one replica host never answers (a 2 s timeout each run).
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 150);
const replica = await startReplica();
const snapOut = mkdtempSync(join(tmpdir(), "bench-cache-"));
const CACHE = join(snapOut, ".mia-migrate/link-cache.json");
await timed(
  process.execPath,
  [
    "dist/cli/main.js",
    "--quiet",
    "migrate",
    START,
    "--out",
    snapOut,
    "--map-origin",
    `*=${replica.url}`,
    "--host-gap",
    "0",
    "--no-check-links",
  ],
  ROOT,
);
replica.faults.add({ action: { kind: "latency", ms: LATENCY_MS } });
const check = (name: string, cold: boolean): Side => ({
  name,
  run: async () => {
    if (cold) rmSync(CACHE, { force: true });
    replica.log.length = 0;
    const r = await timed(
      process.execPath,
      [
        "dist/cli/main.js",
        "--quiet",
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
      ],
      ROOT,
    );
    return { seconds: r.seconds, count: replica.log.length };
  },
});
try {
  console.log(
    `\nlink cache: 67-post replica and its external hosts, every request ${LATENCY_MS} ms (URLs = requests made)`,
  );
  const measured = await interleave([check("cold cache", true), check("warm cache", false)]);
  const peer = measured[0];
  if (peer) report(measured, peer);
} finally {
  await replica.close();
  rmSync(snapOut, { recursive: true, force: true });
}
