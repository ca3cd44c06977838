// The config file: `init` writes every option, the file fills in what the flags leave out, flags win,
// and a mistake in the file is one line naming the file and the key, with exit code 3.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReplica, type ReplicaServer } from "../../fixtures/server.js";
import { applyConfig, validateConfig } from "../../src/cli/config-file.js";
import { parseConfig } from "../../src/config/config-file.js";
import { cli, listFiles, replicaSnapshot, tempDir } from "../helpers.js";

let server: ReplicaServer;
let snapshot: string;
beforeAll(async () => {
  server = await startReplica();
  snapshot = await replicaSnapshot(server.url);
});
afterAll(async () => {
  await server.close();
});

describe("mia-migrate init", () => {
  it("writes a file whose every key, uncommented, is a valid setting, and never overwrites one without --force", async () => {
    const dir = tempDir();
    expect((await cli(["init"], dir)).code).toBe(0);
    const text = readFileSync(join(dir, "mia-migrate.config.yaml"), "utf8");
    const keys = [...text.matchAll(/^# ([a-z-]+):/gm)].map((m) => m[1]);
    for (const k of [
      "map-origin",
      "host-gap",
      "layout",
      "link-timeout",
      "status-verdict",
      "cache",
      "check-links",
      "out",
    ])
      expect(keys).toContain(k);
    // As written (all commented out) it sets nothing; with every key set to its shown default, it still runs.
    const uncommented = text.replace(/^# ([a-z-]+): (?!\(built in\))(.+)$/gm, "$1: $2").replace(/^# ([a-z-]+):$/gm, "");
    writeFileSync(join(dir, "mia-migrate.config.yaml"), uncommented);
    const out = join(dir, "site");
    const r = await cli(["--quiet", "convert", "--from", snapshot, "--out", out], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(listFiles(out, ".md").length).toBeGreaterThan(60);
    const again = await cli(["init"], dir);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/exists already.*--force/);
    expect((await cli(["init", "--force"], dir)).code).toBe(0);
  });
});

describe("the config file", () => {
  it("fills in options, per command or for all, and the command line wins", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "mia-migrate.config.yaml"),
      "layout: hugo\nconvert:\n  out: from-file\n  frontmatter-drop: [lead]\n",
    );
    expect((await cli(["--quiet", "convert", "--from", snapshot], dir)).code).toBe(0);
    expect(existsSync(join(dir, "from-file/content/posts"))).toBe(true); // hugo layout, from the file
    expect(listFiles(join(dir, "from-file"), ".md").some((f) => /^lead:/m.test(readFileSync(f, "utf8")))).toBe(false);
    expect(
      (await cli(["--quiet", "convert", "--from", snapshot, "--out", "from-flag", "--layout", "plain"], dir)).code,
    ).toBe(0);
    expect(existsSync(join(dir, "from-flag/content/posts"))).toBe(false);
    expect(listFiles(join(dir, "from-flag"), ".md").length).toBeGreaterThan(60);
  });

  it("can give the options a command needs (--from), and says so when neither it nor a flag does", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "mia-migrate.config.yaml"), `convert:\n  from: ${JSON.stringify(snapshot)}\n  out: site\n`);
    expect((await cli(["--quiet", "convert"], dir)).code).toBe(0);
    expect(listFiles(join(dir, "site"), ".md").length).toBeGreaterThan(60);
    const missing = await cli(["verify", "--out", "site"], dir);
    expect(missing.code).toBe(3);
    expect(missing.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(
        /required option '--from <path>' not specified \(give it on the command line or as from: in .*mia-migrate\.config\.yaml\)/,
      ),
    ]);
    const bare = await cli(["crawl", "https://www.miaprojektet.se/"], tempDir());
    expect(bare.code).toBe(3);
    expect(bare.stderr).toMatch(/required option '--snapshot <dir>' not specified/);
  });

  it("is found with --config anywhere", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "elsewhere.yaml"), `out: ${JSON.stringify(join(dir, "x"))}\n`);
    expect((await cli(["--quiet", "--config", join(dir, "elsewhere.yaml"), "convert", "--from", snapshot])).code).toBe(
      0,
    );
    expect(listFiles(join(dir, "x"), ".md").length).toBeGreaterThan(60);
    const missing = await cli(["--config", join(dir, "nope.yaml"), "convert", "--from", snapshot]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/nope\.yaml: no such file/);
  });

  it.each([
    ["hostgap: 0\n", /unknown option "hostgap" \(did you mean "host-gap"\?\)/],
    ["convert:\n  host-gap: 0\n", /"convert" has no option "host-gap"/],
    ["layout: [a\n", /not valid YAML/],
    [
      "layout: wordpress\n",
      /mia-migrate\.config\.yaml: key "layout": "wordpress": expected one of plain, hugo, eleventy/,
    ],
    ["convert:\n  figures: inline\n", /mia-migrate\.config\.yaml: key "figures": "inline": expected one of/],
    ["assets: maybe\n", /"assets" takes true or false/],
    ["- just\n- a list\n", /expected a mapping/],
  ])("rejects %j with one line naming the file, exit 3", async (text, message) => {
    const dir = tempDir();
    writeFileSync(join(dir, "mia-migrate.config.yaml"), text);
    const r = await cli(["convert", "--from", snapshot, "--out", join(dir, "o")], dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(join(dir, "o"))).toBe(false);
  });

  it("takes a repeatable option as a list, one value, or a mapping of KEY=VALUE pairs", () => {
    const program = new Command();
    const cmd = program
      .command("check-links")
      .option("--status-verdict <spec>", "", (v: string, p: string[]) => [...p, v], [])
      .option("--map-origin <spec>", "", (v: string, p: string[]) => [...p, v], []);
    const config = parseConfig(
      'status-verdict: { 999: ok, 403: unverifiable }\nmap-origin: "*=http://127.0.0.1:1"\n',
      "c.yaml",
      new Set(["check-links"]),
    );
    validateConfig(config, program);
    applyConfig(config, cmd, "check-links");
    expect(cmd.opts()).toEqual({ statusVerdict: ["403=unverifiable", "999=ok"], mapOrigin: ["*=http://127.0.0.1:1"] });
  });
});
