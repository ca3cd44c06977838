// No hang: a host that asks to be left alone for a day, or robots.txt asking for an hour between
// requests, neither stalls a crawl nor outlives --time-limit; every wait in the host gate ends when the
// run is stopped, and the slot it held passes on.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../fixtures/site/content.js";
import { buildSite } from "../../fixtures/site/render.js";
import { HostGate } from "../../src/http/host-gate.js";
import { cli, cliProcess, replicaFlags, ROOT, START, tempDir, useReplica } from "../helpers.js";

const replica = useReplica({ reset: true });

const crawlArgs = (...more: string[]) => [
  "crawl",
  START,
  "--snapshot",
  join(tempDir(), "snap"),
  ...replicaFlags(replica.server.url),
  ...more,
];
const POST = /-45881233$/;

describe("a host that asks for long waits", () => {
  it("Retry-After: 86400 on a page fails that page with the reason; the crawl goes on and ends", async () => {
    replica.server.faults.add({ path: POST, action: { kind: "status", status: 503, retryAfter: "86400" } });
    const r = await cli(["--json", ...crawlArgs()]);
    expect(r.code).toBe(2);
    const summary = JSON.parse(r.stdout) as { failures: { url: string; reason: string }[]; posts: number };
    expect(summary.failures).toHaveLength(1);
    expect(summary.failures[0]?.reason).toMatch(/Retry-After asks for 86400 s, more than the limit/);
    expect(summary.posts).toBe(66);
  });

  it("--time-limit ends a crawl paused by a Retry-After within the cap (exit 4, resumable)", async () => {
    replica.server.faults.add({
      path: "/aktuellt-39586750",
      times: 1,
      action: { kind: "status", status: 503, retryAfter: "300" },
    });
    const r = await cli(["--quiet", ...crawlArgs("--time-limit", "2")]);
    expect(r.code).toBe(4);
  });

  it("robots.txt asking for Crawl-delay: 3600 stops the crawl of that host at once, and says why", async () => {
    replica.server.setSite(buildSite({ ...loadContent(), robots: "User-agent: *\nCrawl-delay: 3600\n" }));
    const from = replica.server.log.length;
    const r = await cli(crawlArgs());
    // Nothing fetched, so no post: exit 7, with the reason in its one line.
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(
      /no post found from .*: robots\.txt asks for Crawl-delay 3600 s, more than the 60 s mia-migrate waits/,
    );
    expect(replica.server.log.slice(from).filter((e) => e.path !== "/robots.txt")).toHaveLength(0);
  });

  it("SIGTERM ends a crawl that waits on a paused host, and a rerun resumes", async () => {
    replica.server.faults.add({
      path: "/aktuellt-39586750",
      times: 1,
      action: { kind: "status", status: 503, retryAfter: "300" },
    });
    const args = crawlArgs();
    const from = replica.server.log.length;
    const { argv, env } = cliProcess(["--quiet", ...args]);
    const child = spawn(process.execPath, argv, { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (replica.server.log.slice(from).some((e) => e.status === 503)) {
          clearInterval(t);
          resolve();
        }
      }, 20);
    });
    await new Promise((r) => setTimeout(r, 300));
    child.kill("SIGTERM");
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    expect(code).toBe(143);
    expect(stderr).toMatch(/stopped by SIGTERM.*run the same command again to resume/);
    const again = await cli(["--quiet", ...args]);
    expect(again.code).toBe(0);
  });
});

describe("HostGate waits end on abort", () => {
  it("a caller waiting out a pause, and one queued for a slot, both end when the signal aborts", async () => {
    const gate = new HostGate({ maxInFlight: 1, gapMs: 0, jitter: 0 });
    gate.pauseUntil("h", Date.now() + 86_400_000);
    const stop = new AbortController();
    const first = gate.acquire("h", stop.signal);
    const second = gate.acquire("h", stop.signal);
    stop.abort(new Error("time limit"));
    await expect(first).rejects.toThrow("time limit");
    await expect(second).rejects.toThrow("time limit");
  });
});
