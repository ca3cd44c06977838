// Shared test helpers: the ground truth, the replica, and a migration run in a temp directory.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startReplica, type ReplicaServer } from "../fixtures/server.js";
import type { ExpectedPost } from "../fixtures/site/expected.js";
import { buildSite } from "../fixtures/site/render.js";
import { crawlSettings } from "../src/pipeline/settings.js";
import { parseOriginMap } from "../src/http/origin-map.js";
import { crawlToSnapshot } from "../src/crawl/to-snapshot.js";
import { loadProfile } from "../src/profiles/profile.js";
import type { CrawlSettings } from "../src/crawl/crawler.js";
import { chromium, type Browser } from "playwright-core";

export const ROOT = fileURLToPath(new URL("../", import.meta.url));
export const START = "https://www.miaprojektet.se/aktuellt-39586750";

export function expectedPosts(): ExpectedPost[] {
  const dir = join(ROOT, "fixtures/expected/posts");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as ExpectedPost);
}

const made: string[] = [];

/** A fresh temporary folder, removed after the test file's tests (network-guard-hooks.ts calls
 *  removeTempDirs): a suite run used to leave thousands of them behind. */
export function tempDir(prefix = "mia-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // A folder a test made unwritable on purpose: left for the OS.
    }
  }
}

/** Crawl settings for the loopback replica: politeness loosened (our own server), retries fast. */
export function fastSettings(over: Partial<CrawlSettings> = {}): CrawlSettings {
  return crawlSettings({ perHostGapMs: 0, perHostConcurrency: 4, concurrency: 8, backoffMs: 20, ...over });
}

export function listFiles(dir: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(ext)) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** How to start the CLI from source (so a test never sees a stale build), under the network guard: a
 *  run that tries to leave the loopback exits 97 and says so. For tests that start it themselves (to
 *  kill or signal it); `cli` runs it to the end. */
export function cliProcess(args: string[]): { argv: string[]; env: NodeJS.ProcessEnv } {
  // tsx by its path, so the CLI also runs from a working directory outside the project.
  const tsx = pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
  const guard = pathToFileURL(join(ROOT, "test/network-guard.ts")).href;
  return {
    argv: ["--import", tsx, "--import", guard, join(ROOT, "src/cli/main.ts"), ...args],
    env: { ...process.env, NO_COLOR: "1", MIA_NETWORK_GUARD_CHILD: "1" },
  };
}

/** Runs the CLI from source to its end (`input`: what it reads on standard input). */
export function cli(args: string[], cwd = ROOT, input?: Uint8Array): Promise<Run> {
  return new Promise((resolve) => {
    const { argv, env } = cliProcess(args);
    const child = spawn(process.execPath, argv, { cwd, env });
    child.stdin.end(input ?? "");
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Crawls the replica served at `serverUrl` into a new snapshot directory; returns its path. */
export async function replicaSnapshot(serverUrl: string): Promise<string> {
  const snapshot = join(tempDir(), "snapshot");
  await crawlToSnapshot({
    startUrl: START,
    snapshotDir: snapshot,
    profile: loadProfile(),
    settings: fastSettings(),
    originMap: parseOriginMap([`*=${serverUrl}`]),
  });
  return snapshot;
}

/**
 * The replica for a test file: started before its tests, closed after. With `snapshot`, the replica
 * crawled once into a snapshot; with `reset`, faults cleared and the site rebuilt before each test.
 * Read `.server` and `.snapshot` inside tests (they are set once the file's set-up has run).
 */
export function useReplica(opts: { snapshot?: boolean; reset?: boolean } = {}): {
  server: ReplicaServer;
  snapshot: string;
} {
  const state = { server: undefined as unknown as ReplicaServer, snapshot: "" };
  beforeAll(async () => {
    state.server = await startReplica();
    if (opts.snapshot) state.snapshot = await replicaSnapshot(state.server.url);
  }, 60_000);
  afterAll(async () => {
    await state.server.close();
  });
  if (opts.reset)
    beforeEach(() => {
      state.server.faults.clear();
      state.server.setSite(buildSite());
    });
  return state;
}

/** The flags that send a run to the loopback replica, with the politeness gap lifted (our own server). */
export const replicaFlags = (serverUrl: string): string[] => ["--map-origin", `*=${serverUrl}`, "--host-gap", "0"];

/** Debian's Chromium, which .ci/run installs (tests that need it fail under CI without it). */
export const CHROMIUM = "/usr/bin/chromium";

/** Headless Chromium with the flags this workplace's closed network needs, and as root. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
