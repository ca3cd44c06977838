// Benchmark (issue 5): convert the generated 2,000-post replica from its snapshot. Reports the whole
// `mia-migrate convert` command's wall time (interleaved rounds, with and without the CLI's heap setting),
// ms per post for each phase, and the cost of parsing alone.
// Run: `npm run bench:convert`. Goal: the full convert of 2,000 posts in under 20 s on 2 cores.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { load } from "cheerio";
import TurndownService from "turndown";
import { parseOriginMap } from "../src/http/origin-map.js";
import { crawlToSnapshot } from "../src/crawl/to-snapshot.js";
import { postsFromSnapshot } from "../src/convert/from-snapshot.js";
import { htmlToMarkdown } from "../src/convert/markdown.js";
import { defaults } from "../src/config/defaults.js";
import { loadProfile } from "../src/profiles/profile.js";
import { SnapshotStore } from "../src/store/snapshot.js";
import { startServerProcess } from "./server-process.js";
import { interleave, report, timed, type Side } from "./interleave.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const POSTS = Number(process.env.BENCH_POSTS ?? 2000);
const profile = loadProfile();

spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
const server = await startServerProcess(POSTS);
const work = mkdtempSync(join(tmpdir(), "bench-convert-"));
const snapshot = join(work, "snapshot");
await crawlToSnapshot({
  startUrl: "https://www.miaprojektet.se/aktuellt-39586750",
  snapshotDir: snapshot,
  profile,
  originMap: parseOriginMap([`*=${server.url}`]),
  settings: {
    ...defaults.crawl,
    userAgent: defaults.userAgent,
    perHostGapMs: 0,
    perHostConcurrency: 8,
    concurrency: 8,
  },
});
await server.stop();

// The whole command, as a user runs it (process start included): with the heap setting the command
// line makes (cli/main.ts, defaults.memory) and with V8's own (--heap-growing-percent=0 given to node,
// which the command line then leaves alone), interleaved, to show what the setting costs and saves.
let commandS = 0;
let converted = 0;
const command = (name: string, nodeArgs: string[]): Side => ({
  name,
  run: async () => {
    const out = join(work, "out");
    const r = await timed(
      process.execPath,
      [...nodeArgs, join(ROOT, "dist/cli/main.js"), "--json", "convert", "--from", snapshot, "--out", out],
      ROOT,
    );
    converted = (JSON.parse(r.stdout.trim() || "{}") as { posts?: number }).posts ?? 0;
    rmSync(out, { recursive: true, force: true });
    return { seconds: r.seconds, rssMB: r.rssMB, count: converted };
  },
});
const commands = await interleave([
  command("mia-migrate convert (the CLI's heap setting)", []),
  command("mia-migrate convert (V8's own heap growing)", ["--heap-growing-percent=0"]),
]);
commandS = Math.min(...(commands[0]?.runs.map((r) => r.seconds) ?? [0]));

// Phases, in process.
let t = performance.now();
const { posts } = postsFromSnapshot(new SnapshotStore(snapshot), profile, { leadMaxChars: 300, typography: true });
const extractMs = performance.now() - t;
t = performance.now();
for (const p of posts) htmlToMarkdown(p.bodyHtml);
const markdownMs = performance.now() - t;
t = performance.now();
for (const p of posts) load(p.bodyHtml);
const cheerioBodiesMs = performance.now() - t;
const plain = new TurndownService();
t = performance.now();
for (const p of posts) plain.turndown(p.bodyHtml);
const turndownMs = performance.now() - t;
rmSync(work, { recursive: true, force: true });

const per = (ms: number) => (ms / posts.length).toFixed(2);
console.log(`bench: convert of ${converted} posts (URLs = posts converted)`);
const peer = commands[1];
if (peer) report(commands, peer);
console.log("where the time goes (one in-process run of each phase):");
console.table([
  {
    phase: "whole `mia-migrate convert` command (min)",
    "total s": commandS.toFixed(2),
    "ms/post": per(commandS * 1000),
  },
  { phase: "read + decode + extract + normalise", "total s": (extractMs / 1000).toFixed(2), "ms/post": per(extractMs) },
  { phase: "body HTML → Markdown (our rules)", "total s": (markdownMs / 1000).toFixed(2), "ms/post": per(markdownMs) },
  { phase: "  turndown with no rules of ours", "total s": (turndownMs / 1000).toFixed(2), "ms/post": per(turndownMs) },
  {
    phase: "  cheerio.load of the same bodies",
    "total s": (cheerioBodiesMs / 1000).toFixed(2),
    "ms/post": per(cheerioBodiesMs),
  },
]);
console.log(`goal: under 20 s for ${POSTS} posts → ${commandS < 20 ? "met" : "NOT met"} (${commandS.toFixed(1)} s)`);
