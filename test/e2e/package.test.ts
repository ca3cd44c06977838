// The package as a stranger gets it: `npm pack`, installed into an empty directory with its runtime
// dependencies only (from npm's cache: the tests stay offline), then `mia-migrate --help` and a whole
// migration of the replica run from there.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReplica, type ReplicaServer } from "../../fixtures/server.js";
import { listFiles, replicaFlags, ROOT, START, tempDir } from "../helpers.js";

let server: ReplicaServer;
beforeAll(async () => {
  server = await startReplica();
});
afterAll(async () => {
  await server.close();
});

function run(cmd: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd,
      env: {
        ...process.env,
        NO_COLOR: "1",
        npm_config_audit: "false",
        npm_config_fund: "false",
        npm_config_update_notifier: "false",
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe("npm pack", () => {
  it("installs into an empty directory and migrates the replica from there", async () => {
    const packs = tempDir();
    const pack = await run("npm", ["pack", "--silent", "--pack-destination", packs], ROOT);
    expect(pack.code, pack.stderr).toBe(0);
    const tarball = readdirSync(packs).find((f) => f.endsWith(".tgz"));
    expect(tarball).toBeDefined();

    const home = tempDir();
    const install = await run(
      "npm",
      ["install", "--offline", "--omit=dev", "--no-package-lock", join(packs, tarball ?? "")],
      home,
    );
    expect(install.code, install.stderr).toBe(0);
    // Only what the tool needs at run time: no test runner, compiler or spelling dictionary.
    for (const dev of ["vitest", "typescript", "tsx", "eslint", "@cspell/dict-sv", "playwright-core"])
      expect(existsSync(join(home, "node_modules", dev)), dev).toBe(false);
    const bin = join(home, "node_modules/.bin/mia-migrate");

    const help = await run(bin, ["--help"], home);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: mia-migrate/);
    for (const command of ["migrate", "crawl", "convert", "check-links", "verify", "snapshot", "init"])
      expect(help.stdout).toContain(command);

    const out = join(home, "site");
    const migrate = await run(
      bin,
      ["--quiet", "migrate", START, "--out", out, ...replicaFlags(server.url), "--link-timeout", "2"],
      home,
    );
    expect(migrate.stderr).toBe("");
    expect([0, 2]).toContain(migrate.code); // 2: the replica's dead links are found (without --strict, 0)
    expect(listFiles(join(out, "posts"), ".md")).toHaveLength(67);
    expect(existsSync(join(out, "report/report.html"))).toBe(true);
    // npm pack builds (tsc) and npm install unpacks some 3,500 bundled files: ~50 s alone on 2 cores, over 60 s
    // beside the other e2e files in CI. A hang guard, not a time asserted.
  }, 300_000);
});
