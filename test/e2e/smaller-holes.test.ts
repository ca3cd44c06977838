// The smaller holes of the safety issue: a start URL that yields no post is an error of its own (exit
// 7, one line saying what was found); a snapshot manifest naming a body outside the snapshot is never
// read; a link cache that cannot be written is a warning, never a lost report; Ctrl-C in migrate says
// what to do next.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../fixtures/site/content.js";
import { buildSite } from "../../fixtures/site/render.js";
import { SnapshotStore } from "../../src/store/snapshot.js";
import { cli, cliProcess, listFiles, replicaFlags, ROOT, START, tempDir, useReplica } from "../helpers.js";

const replica = useReplica({ snapshot: true, reset: true });

const migrateArgs = (start: string, out: string, ...more: string[]) => [
  "migrate",
  start,
  "--out",
  out,
  ...replicaFlags(replica.server.url),
  "--no-check-links",
  ...more,
];

describe("a start URL that yields no post", () => {
  it("answering 404: exit 7, one line saying so, nothing converted", async () => {
    const out = tempDir();
    const r = await cli(["--quiet", ...migrateArgs("https://www.miaprojektet.se/finns-inte-12345678", out)]);
    expect(r.code).toBe(7);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(
      /no post found from https:\/\/www\.miaprojektet\.se\/finns-inte-12345678: it answered 404; give the blog's start page/,
    );
    expect(existsSync(join(out, "posts"))).toBe(false);
    expect(existsSync(join(out, "redirects"))).toBe(false);
  });

  it("forbidden by robots.txt (Disallow: /): exit 7, the line names robots.txt", async () => {
    replica.server.setSite(buildSite({ ...loadContent(), robots: "User-agent: *\nDisallow: /\n" }));
    const r = await cli(["--quiet", ...migrateArgs(START, tempDir())]);
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/robots\.txt disallows the start URL/);
  });

  it("convert of a snapshot without posts: exit 7", async () => {
    const empty = join(tempDir(), "snapshot");
    const store = new SnapshotStore(empty);
    store.open({ startUrl: START, createdAt: "x", tool: "test" });
    store.close();
    const r = await cli(["convert", "--from", empty, "--out", tempDir()]);
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/no post in/);
  });
});

describe("a snapshot manifest naming a body outside the snapshot", () => {
  it("is never read: the record is skipped as damaged", async () => {
    const copy = join(tempDir(), "snapshot");
    const store = new SnapshotStore(copy);
    store.open({ startUrl: START, createdAt: "x", tool: "test" });
    const original = new SnapshotStore(replica.snapshot);
    let poisoned = 0;
    for (const rec of original.records()) {
      if (rec.type === "fetch" && rec.sha256) store.putBody(original.readBody(rec.sha256));
      if (rec.type === "fetch" && rec.kind === "post" && poisoned === 0) {
        poisoned++;
        store.append({ ...rec, sha256: "../../../../../../etc/passwd" });
        continue;
      }
      store.append(rec);
    }
    store.close();
    const out = tempDir();
    const r = await cli(["--quiet", "convert", "--from", copy, "--out", out]);
    expect(r.code).toBe(0);
    const all = listFiles(out, ".md")
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
    expect(all).not.toMatch(/root:x?:0:0/);
    expect(listFiles(out, ".md")).toHaveLength(66);
  });
});

describe("a link cache that cannot be written", () => {
  it("is a warning; the report is written", async () => {
    const out = tempDir();
    expect((await cli(["--quiet", "convert", "--from", replica.snapshot, "--out", out])).code).toBe(0);
    // A folder where the cache file would go: the write fails (as on a read-only mount), whoever runs it.
    mkdirSync(join(out, ".mia-migrate/link-cache.json"), { recursive: true });
    const r = await cli([
      "--quiet",
      "check-links",
      "--from",
      replica.snapshot,
      "--out",
      out,
      ...replicaFlags(replica.server.url),
      "--link-timeout",
      "2",
    ]);
    expect([0, 2]).toContain(r.code);
    expect(r.stderr).toMatch(
      /^mia-migrate: warning: the link cache could not be written .*the next run checks every link again\n$/,
    );
    expect(existsSync(join(out, "report/report.json"))).toBe(true);
  });
});

describe("Ctrl-C in migrate", () => {
  it("says what is kept and to run the same command again; the rerun finishes", async () => {
    const out = tempDir();
    replica.server.faults.add({ action: { kind: "latency", ms: 20 } });
    const from = replica.server.log.length;
    const args = migrateArgs(START, out);
    const { argv, env } = cliProcess(["--quiet", ...args]);
    const child = spawn(process.execPath, argv, { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (replica.server.log.length - from > 20) {
          clearInterval(t);
          resolve();
        }
      }, 10);
    });
    child.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr).toMatch(/stopped by SIGINT; everything fetched is kept in .*snapshot.*run the same command again/);
    replica.server.faults.clear();
    const again = await cli(["--quiet", ...args]);
    expect(again.code).toBe(0);
    expect(listFiles(join(out, "posts"), ".md")).toHaveLength(67);
  });
});
