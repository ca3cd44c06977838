// kill -9 at random moments of a whole migration (crawl, convert, link check, report), then the same
// command again: the final output is byte-identical to that of a run never interrupted.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seeded, startReplica, type ReplicaServer } from "../../fixtures/server.js";
import { cli, cliProcess, listFiles, replicaFlags, START, tempDir } from "../helpers.js";

let server: ReplicaServer;
beforeAll(async () => {
  server = await startReplica();
  server.faults.add({ host: "www.miaprojektet.se", action: { kind: "latency", ms: 4 } });
});
afterAll(async () => {
  await server.close();
});

// The link cache lives in the output folder: each run here has its own, as a user's would.
const args = (out: string) => ["migrate", START, "--out", out, ...replicaFlags(server.url), "--link-timeout", "2"];
/** Everything but the snapshot, whose journal records when each page was fetched, and the link cache,
 *  which records when each link was checked. */
const output = (dir: string) =>
  new Map(
    listFiles(dir, "")
      .filter((f) => !f.includes("/snapshot/") && !f.endsWith("/.mia-migrate/link-cache.json"))
      .map((f) => [f.slice(dir.length), readFileSync(f)]),
  );

function runAndKill(out: string, cwd: string, afterMs: number): Promise<string> {
  return new Promise((resolve) => {
    const { argv, env } = cliProcess(["--quiet", ...args(out)]);
    const child = spawn(process.execPath, argv, { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), afterMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(signal ?? `exit ${code ?? "?"}${stderr ? `: ${stderr.trim()}` : ""}`);
    });
  });
}

describe("kill -9 at random moments, then the same command", () => {
  it("ends with output byte-identical to an uninterrupted run", async () => {
    const cleanCwd = tempDir();
    const clean = join(cleanCwd, "site");
    const t0 = performance.now();
    expect([0, 2]).toContain((await cli(["--quiet", ...args(clean)], cleanCwd)).code);
    const duration = performance.now() - t0;
    const want = output(clean);

    const random = seeded(3);
    const cwd = tempDir();
    const out = join(cwd, "site");
    const ends: string[] = [];
    // Moments spread over the whole run (its start-up, crawl, convert, link check and report).
    for (let i = 0; i < 4; i++) ends.push(await runAndKill(out, cwd, Math.round(300 + random() * (duration - 300))));
    expect(ends.filter((e) => e === "SIGKILL").length).toBeGreaterThan(0);
    expect([0, 2]).toContain((await cli(["--quiet", ...args(out)], cwd)).code);
    const got = output(out);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [file, bytes] of want) expect(got.get(file)?.equals(bytes), file).toBe(true);
  }, 120_000);
});
