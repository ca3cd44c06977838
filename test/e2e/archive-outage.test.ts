// The night the site goes dark: a snapshot run that captures no post (the site is down, or answers 404
// everywhere) or far fewer than the last complete run is incomplete: kept apart, exit 6, never counted
// by --keep, never a reason to prune. A lock whose pid now belongs to another process is reclaimed.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bootId, processStart } from "../../src/archive/lock.js";
import { incompleteReason, INCOMPLETE_DIR, pruneRuns, type RunInfo } from "../../src/pipeline/snapshot.js";
import { listRunDirs } from "../../src/archive/warc-read.js";
import { cli, replicaFlags, START, tempDir, useReplica } from "../helpers.js";

const replica = useReplica({ reset: true });

const args = (archive: string, origin: string, ...more: string[]) => [
  "snapshot",
  START,
  "--archive",
  archive,
  ...replicaFlags(origin),
  "--retries",
  "1",
  ...more,
];
const runInfo = (dir: string) => JSON.parse(readFileSync(join(dir, "run.json"), "utf8")) as RunInfo;

describe("an outage night with --keep 1", () => {
  it("keeps the only real capture when the site answers 404 everywhere, then when it is down", async () => {
    const archive = tempDir();
    const good = await cli(["--quiet", ...args(archive, replica.server.url, "--keep", "1")]);
    expect(good.code).toBe(0);
    const [first] = listRunDirs(archive);
    expect(first).toBeDefined();

    replica.server.faults.add({ action: { kind: "status", status: 404 } });
    const notFound = await cli(["--quiet", ...args(archive, replica.server.url, "--keep", "1")]);
    expect(notFound.code).toBe(6);
    expect(notFound.stderr).toMatch(/incomplete: it captured no post.*kept apart in .*incomplete/);
    expect(notFound.stderr.trim().split("\n")).toHaveLength(1);
    expect(listRunDirs(archive)).toEqual([first]);

    // Nothing listens on port 1 of the loopback: connection refused, as for a host that is switched off.
    const down = await cli(["--quiet", ...args(archive, "http://127.0.0.1:1", "--keep", "1")]);
    expect(down.code).toBe(6);
    expect(listRunDirs(archive)).toEqual([first]);
    // Only the newest incomplete run is kept, apart from the runs.
    const apart = readdirSync(join(archive, INCOMPLETE_DIR));
    expect(apart).toHaveLength(1);
    expect(runInfo(join(archive, INCOMPLETE_DIR, apart[0]!)).incomplete).toMatch(/no post/);

    // The site is back: the next run compares with the last complete run, not with the outage.
    replica.server.faults.clear();
    const back = await cli(["--json", ...args(archive, replica.server.url, "--keep", "1")]);
    expect(back.code).toBe(0);
    const runs = listRunDirs(archive);
    expect(runs).toHaveLength(2);
    const info = runInfo(join(archive, runs[1]!));
    expect(info.previous).toBe(first);
    expect(info.diff).toMatchObject({ added: 0, removed: 0 });
  });

  it("a run with far fewer posts than the last is incomplete; --min-share 0 accepts it", async () => {
    const archive = tempDir();
    expect((await cli(["--quiet", ...args(archive, replica.server.url)])).code).toBe(0);
    // Most of the years' archive pages and posts answer 404: the site is half broken.
    replica.server.faults.add({ path: /^\/20(1[7-9]|20)\//, action: { kind: "status", status: 404 } });
    const half = await cli(["--quiet", ...args(archive, replica.server.url, "--keep", "1")]);
    expect(half.code).toBe(6);
    expect(half.stderr).toMatch(/captured \d+ posts, fewer than 50% of the 67/);
    expect(listRunDirs(archive)).toHaveLength(1);
    const accepted = await cli(["--quiet", ...args(archive, replica.server.url, "--min-share", "0")]);
    expect(accepted.code).toBe(0);
    expect(listRunDirs(archive)).toHaveLength(2);
  });

  it("says which threshold it used", () => {
    expect(incompleteReason(0, null, 0.5)).toMatch(/no post/);
    expect(incompleteReason(10, null, 0.5)).toBeNull();
    expect(incompleteReason(30, { runId: "20260101000000", posts: 65 }, 0.5)).toMatch(
      /30 posts, fewer than 50% of the 65 of run 20260101000000/,
    );
    expect(incompleteReason(33, { runId: "20260101000000", posts: 65 }, 0.5)).toBeNull();
  });
});

describe("--keep", () => {
  it("never removes the newest run that holds full responses", () => {
    const archive = tempDir();
    const fake = (id: string, responses: number, refersTo: string[]) => {
      mkdirSync(join(archive, id));
      writeFileSync(join(archive, id, "run.json"), JSON.stringify({ runId: id, counts: { responses }, refersTo }));
    };
    fake("20260101000000", 10, []);
    fake("20260102000000", 40, []); // the newest full capture
    fake("20260103000000", 0, []); // revisits only (their payloads: not referred, as an edited run.json would say)
    expect(pruneRuns(archive, 1)).toEqual(["20260101000000"]);
    expect(listRunDirs(archive)).toEqual(["20260102000000", "20260103000000"]);
  });
});

/** A lock file as a run on this host would leave it, with `over` on top. */
const writeLock = (archive: string, over: Record<string, unknown>) =>
  writeFileSync(
    join(archive, ".lock"),
    JSON.stringify({ pid: process.pid, host: hostname(), startedAt: "2026-01-01T00:00:00Z", ...over }),
  );

describe("a stale lock", () => {
  it("whose pid now belongs to another process (pid reuse after a reboot) is reclaimed", async () => {
    const archive = tempDir();
    // This test's own process is alive, but it is not the process that took the lock: another start time.
    const start = processStart(process.pid);
    expect(start, "/proc is readable on Linux").toBeDefined();
    writeLock(archive, { bootId: bootId(), processStart: String(Number(start) - 1) });
    const r = await cli(args(archive, replica.server.url));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/reclaimed a stale lock/);
  });

  it("from before a reboot (another boot id) is reclaimed", async () => {
    const archive = tempDir();
    writeLock(archive, { bootId: "00000000-0000-0000-0000-000000000000" });
    const r = await cli(args(archive, replica.server.url));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/reclaimed a stale lock/);
  });

  it("of a process that still runs is respected (exit 5)", async () => {
    const archive = tempDir();
    writeLock(archive, { bootId: bootId(), processStart: processStart(process.pid) });
    const r = await cli(args(archive, replica.server.url));
    expect(r.code).toBe(5);
  });
});
