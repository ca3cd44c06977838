// The guard itself: a test, or a CLI a test starts, that tries to leave the loopback is stopped and
// found out (this machine has no network beyond the package registries; tests must not need one).
import dns from "node:dns";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, START, tempDir } from "./helpers.js";

const attempts = (globalThis as { __networkGuardAttempts?: string[] }).__networkGuardAttempts ?? [];

describe("the network guard", () => {
  it("refuses a lookup of a name off the loopback in the test process, and records it", async () => {
    const err = await new Promise<Error | null>((resolve) => dns.lookup("www.example.org", (e) => resolve(e)));
    expect(err?.message).toMatch(/network guard: a test tried to reach www\.example\.org/);
    expect(attempts.splice(0)).toEqual(["www.example.org"]);
  });

  it("stops a CLI run that would go to the real site (no --map-origin): exit 97, and says so", async () => {
    const r = await cli(["--quiet", "crawl", START, "--snapshot", join(tempDir(), "s"), "--retries", "1"]);
    expect(r.code).toBe(97);
    expect(r.stderr).toMatch(/network guard: a test tried to reach www\.miaprojektet\.se/);
  });
});
