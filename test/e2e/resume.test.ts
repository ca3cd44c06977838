// kill -9 at any moment, then the same command again: nothing already fetched is fetched again, nothing
// is lost, and the finished snapshot equals that of an uninterrupted run.
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReplica, type ReplicaServer } from "../../fixtures/server.js";
import { SnapshotStore, type FetchRecord } from "../../src/store/snapshot.js";
import { cliProcess, replicaFlags, ROOT, START, tempDir } from "../helpers.js";

let server: ReplicaServer;
beforeAll(async () => {
  server = await startReplica();
  // Slow the replica a little, so that a kill lands in the middle of the crawl.
  server.faults.add({ action: { kind: "latency", ms: 12 } });
});
afterAll(async () => {
  await server.close();
});

function crawlCommand(snapshot: string): ChildProcess {
  const args = [
    "--quiet",
    "crawl",
    START,
    "--snapshot",
    snapshot,
    ...replicaFlags(server.url),
    "--host-concurrency",
    "2",
  ];
  const { argv, env } = cliProcess(args);
  return spawn(process.execPath, argv, { cwd: ROOT, env, stdio: "ignore" });
}

function finished(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? -1 : 0))));
}

/** Fetch records in the journal so far (the store's own body lines not counted). */
function lines(file: string): number {
  return existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.includes('"type":"fetch"')).length
    : 0;
}

function fetches(dir: string): FetchRecord[] {
  return new SnapshotStore(dir).records().filter((r): r is FetchRecord => r.type === "fetch");
}

const bodiesByUrl = (records: FetchRecord[]) => new Map(records.map((r) => [r.url, r.sha256]));
const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};

let clean: Map<string, string | null>;

describe("resume after kill -9", () => {
  beforeAll(async () => {
    const dir = tempDir();
    expect(await finished(crawlCommand(dir))).toBe(0);
    clean = bodiesByUrl(fetches(dir));
    expect(clean.size).toBeGreaterThan(100);
  });

  it.each([
    ["early", 3, false],
    ["midway, with a torn last line", 60, true],
    ["late", 130, false],
  ])("killed %s: the rerun completes the same snapshot", async (_when, after, tear) => {
    const dir = tempDir();
    const manifest = join(dir, "manifest.jsonl");
    const child = crawlCommand(dir);
    const exit = finished(child);
    while (lines(manifest) < after) await new Promise((r) => setTimeout(r, 3));
    child.kill("SIGKILL");
    expect(await exit).toBe(-1);
    const doneBeforeKill = new Set(fetches(dir).map((r) => pathOf(r.url)));
    expect(doneBeforeKill.size).toBeGreaterThanOrEqual(after - 5);
    if (tear) appendFileSync(manifest, '{"type":"fetch","url":"https://www.miaprojektet.se/2021/1');
    const logFrom = server.log.length;

    expect(await finished(crawlCommand(dir))).toBe(0);

    const records = fetches(dir);
    expect(records.length).toBe(new Set(records.map((r) => r.url)).size); // each URL once
    expect(bodiesByUrl(records)).toEqual(clean);
    const refetched = server.log.slice(logFrom).filter((e) => e.path !== "/robots.txt" && doneBeforeKill.has(e.path));
    expect(refetched.map((e) => e.path)).toEqual([]);
  });
});
