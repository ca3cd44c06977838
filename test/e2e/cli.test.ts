// The command line as a user meets it: help, version, exit codes, one-line errors, --json.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReplica, type ReplicaServer } from "../../fixtures/server.js";
import { cli, replicaFlags, START, tempDir } from "../helpers.js";

let server: ReplicaServer;
beforeAll(async () => {
  server = await startReplica();
});
afterAll(async () => {
  await server.close();
});

describe("mia-migrate", () => {
  it("shows help for each command and its version", async () => {
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    for (const cmd of ["migrate", "crawl", "convert"]) expect(help.stdout).toContain(cmd);
    const migrateHelp = await cli(["migrate", "--help"]);
    expect(migrateHelp.stdout).toContain("--map-origin");
    expect(migrateHelp.stdout).toContain("Example:");
    expect((await cli(["--version"])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("answers a bad start URL with one line and exit 3", async () => {
    const r = await cli(["migrate", "not a url", "--out", tempDir()]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/start URL "not a url" is not a URL/);
  });

  it("answers a malformed --map-origin, an unknown flag and a bad number with exit 3", async () => {
    expect((await cli(["migrate", START, "--map-origin", "nonsense"])).code).toBe(3);
    expect((await cli(["migrate", START, "--no-such-flag"])).code).toBe(3);
    const n = await cli(["migrate", START, "--concurrency", "many"]);
    expect([n.code, n.stderr.trim()]).toEqual([3, 'mia-migrate: --concurrency "many": expected a whole number ≥ 1']);
  });

  it("answers an unwritable output directory with one line naming it, exit 1, no stack", async () => {
    const file = join(tempDir(), "a-file");
    writeFileSync(file, "x");
    const r = await cli(["migrate", START, "--out", join(file, "out"), "--map-origin", `*=${server.url}`]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(join(file, "out"));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("runs a migration with --json: a summary line on stdout, exit 0", async () => {
    const out = tempDir();
    const r = await cli([
      "--json",
      "migrate",
      START,
      "--out",
      out,
      ...replicaFlags(server.url),
      "--host-concurrency",
      "4",
      "--link-timeout",
      "1",
      "--no-cache",
    ]);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout.trim()) as {
      crawl: { posts: number; failed: number };
      convert: { posts: number };
      report: { links: { broken: number } };
    };
    expect(summary.crawl.posts).toBe(67);
    expect(summary.convert.posts).toBe(67);
    expect(summary.report.links.broken).toBe(9);
    // --strict: broken links make the run's exit code 2, as check-links does.
    const strict = await cli([
      "--quiet",
      "migrate",
      START,
      "--out",
      tempDir(),
      ...replicaFlags(server.url),
      "--link-timeout",
      "1",
      "--no-cache",
      "--strict",
    ]);
    expect(strict.code).toBe(2);
  });

  it("checks the links of a live site from its start URL: exit 2 when links are broken", async () => {
    const out = tempDir();
    const r = await cli([
      "--json",
      "check-links",
      START,
      "--out",
      out,
      ...replicaFlags(server.url),
      "--link-timeout",
      "1",
      "--no-cache",
    ]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ posts: 67, links: { broken: 9 } });
    const empty = tempDir();
    const none = await cli(["check-links", "--out", empty]);
    expect([none.code, none.stderr.trim()]).toEqual([
      3,
      `mia-migrate: check-links: no snapshot (--from) or start URL given, and no Markdown posts in ${empty}`,
    ]);
  });

  it("checks an output folder of Markdown on its own, without its snapshot", async () => {
    const out = tempDir();
    await cli(["--quiet", "migrate", START, "--out", out, ...replicaFlags(server.url), "--no-check-links"]);
    const alone = tempDir();
    cpSync(join(out, "posts"), join(alone, "posts"), { recursive: true });
    cpSync(join(out, "assets"), join(alone, "assets"), { recursive: true });
    const r = await cli([
      "--json",
      "check-links",
      "--out",
      alone,
      "--map-origin",
      `*=${server.url}`,
      "--link-timeout",
      "1",
      "--no-cache",
    ]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ posts: 67, links: { broken: 9 } });
    const report = JSON.parse(readFileSync(join(alone, "report/report.json"), "utf8")) as {
      findings: { rule: string }[];
    };
    expect(report.findings.filter((f) => f.rule === "missing-target")).toEqual([]);
  });

  it("converts a snapshot offline, and says so when there is none", async () => {
    const out = tempDir();
    await cli(["--quiet", "migrate", START, "--out", out, ...replicaFlags(server.url), "--no-check-links"]);
    const again = tempDir();
    const r = await cli(["--json", "convert", "--from", join(out, "snapshot"), "--out", again]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ posts: 67 });
    const none = await cli(["convert", "--from", tempDir(), "--out", again]);
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/no snapshot \(manifest.jsonl\) and no archive/);
  });
});
