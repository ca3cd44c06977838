// `npm run demo`: the whole migration against the replica, as a user would run it. Starts the loopback
// server, runs the built CLI with the real origin mapped onto it, prints a short summary, stops.
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startReplica } from "../fixtures/server.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const out = root + "output/demo";
const server = await startReplica();
const started = Date.now();
rmSync(out, { recursive: true, force: true });

const args = [
  root + "dist/cli/main.js",
  "migrate",
  "https://www.miaprojektet.se/aktuellt-39586750",
  "--out",
  out,
  // Every origin (the site's aliases too) goes to the loopback replica; URLs in the output stay real.
  "--map-origin",
  `*=${server.url}`,
  // Politeness loosened on purpose: this is our own server on 127.0.0.1, not the real site.
  "--host-gap",
  "10",
  "--host-concurrency",
  "4",
  // The replica plays one external host that never answers: 2 s is enough to call it a timeout here.
  "--link-timeout",
  "2",
  "--no-cache",
  "--json",
];
const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
let stdout = "";
child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
const code: number = await new Promise((resolve) => child.on("close", (c) => resolve(c ?? 1)));

// Two nightly archive snapshots of the same site: the first full, the second all revisits.
const archive = out + "/archive";
const snapshots: { runId: string; bytes: number; counts: { responses: number; revisits: number } }[] = [];
for (let night = 0; night < 2; night++) {
  const run = spawn(
    process.execPath,
    [
      root + "dist/cli/main.js",
      "--json",
      "snapshot",
      "https://www.miaprojektet.se/aktuellt-39586750",
      "--archive",
      archive,
      "--map-origin",
      `*=${server.url}`,
      "--host-gap",
      "0",
      "--wacz",
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let line = "";
  run.stdout.on("data", (d: Buffer) => (line += d.toString()));
  await new Promise((resolve) => run.on("close", resolve));
  snapshots.push(JSON.parse(line.trim().split("\n").pop() ?? "{}") as (typeof snapshots)[number]);
}
await server.close();

const secs = ((Date.now() - started) / 1000).toFixed(1);
const summary = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as {
  crawl?: { fetched: number; posts: number; failed: number; notFound: { url: string }[] };
  convert?: { posts: number; problems: number };
  report?: {
    links: { unique: number; ok: number; redirected: number; broken: number; unverifiable: number };
    findings: { error: number; warning: number; info: number };
  };
};
if (!summary.crawl || !summary.convert) {
  console.error(`demo: the migration did not finish (exit ${code})`);
  process.exit(1);
}
const problems = JSON.parse(readFileSync(out + "/report/problems.json", "utf8")) as { rule: string; url: string }[];
console.log(`demo: migrated the replica of www.miaprojektet.se in ${secs} s`);
console.log(`  pages fetched   ${summary.crawl.fetched}`);
console.log(`  posts written   ${summary.convert.posts}  (output/demo/posts/)`);
console.log(`  failed pages    ${summary.crawl.failed}`);
const links = summary.report?.links;
if (links)
  console.log(
    `  links checked   ${links.unique}: ${links.ok} ok, ${links.redirected} redirected, ${links.broken} broken, ${links.unverifiable} unverifiable`,
  );
const f = summary.report?.findings;
if (f)
  console.log(
    `  findings        ${f.error} errors, ${f.warning} warnings, ${f.info} info  (output/demo/report/report.md)`,
  );
console.log(`  conversion      ${problems.length} notes in output/demo/report/problems.json`);
for (const [i, r] of snapshots.entries())
  if (r.counts)
    console.log(
      `  archive run ${i + 1}   ${r.runId}: ${r.counts.responses} responses, ${r.counts.revisits} revisits, ${(r.bytes / 1024).toFixed(0)} KiB  (output/demo/archive/${r.runId}/)`,
    );
// Exit 2 (pages failed) would be a real failure here: the replica serves every post.
process.exit(code === 0 ? 0 : 1);
