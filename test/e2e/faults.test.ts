// The fault campaign, small form (the large one is `npm run bench:faults`): the replica's host answers
// 5% 5xx, 2% resets, 1% truncated bodies, latency spikes and a burst of 429s with Retry-After. After the
// run and its own retries, the output equals a clean run's, except for exactly the pages the report
// lists as unreachable.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostileNetwork } from "../../fixtures/faults.js";
import { startReplica, type ReplicaServer } from "../../fixtures/server.js";
import type { Finding } from "../../src/config/findings.js";
import { cli, listFiles, replicaFlags, START, tempDir } from "../helpers.js";

let server: ReplicaServer;
let clean: string;
const migrate = (out: string) =>
  cli([
    "--quiet",
    "migrate",
    START,
    "--out",
    out,
    ...replicaFlags(server.url),
    "--host-concurrency",
    "1",
    "--no-check-links",
  ]);
/** posts/ and assets/: what the migration produced for people (the snapshot and report differ by design). */
const content = (dir: string) =>
  new Map(
    listFiles(dir, "")
      .filter((f) => /\/(posts|assets)\//.test(f))
      .map((f) => [f.slice(dir.length), readFileSync(f, "utf8")]),
  );
const failedUrls = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, "report/problems.json"), "utf8")) as Finding[])
    .filter((p) => p.rule === "fetch-failed")
    .map((p) => p.url ?? "")
    .sort();

beforeAll(async () => {
  server = await startReplica({ seed: 8 });
  clean = tempDir();
  expect((await migrate(clean)).code).toBe(0);
});
afterAll(async () => {
  await server.close();
});

describe("the fault campaign", () => {
  it("ends with the clean run's output, or with exactly the unreachable pages reported", async () => {
    hostileNetwork(server);
    server.log.length = 0;
    const out = tempDir();
    const r = await migrate(out);
    server.faults.clear();
    // The faults really happened.
    const outcomes = server.log.map((e) => (e.outcome !== "ok" ? e.outcome : String(e.status)));
    for (const seen of ["503", "429", "reset", "truncated"]) expect(outcomes, seen).toContain(seen);
    const failed = failedUrls(out);
    expect(r.code).toBe(failed.length ? 2 : 0);
    const want = content(clean);
    const got = content(out);
    for (const [file, text] of want) {
      if (got.get(file) === text) continue;
      // A post may differ only when its page or one of its files stayed unreachable.
      const source = /^source_url: (\S+)$/m.exec(text)?.[1] ?? "";
      expect(
        failed.some((u) => u === source || text.includes(u.replace("https://www.miaprojektet.se", ""))),
        `${file} differs, and nothing it needs is reported unreachable`,
      ).toBe(true);
    }
    for (const file of got.keys()) expect(want.has(file), `${file} is not in the clean run`).toBe(true);
  });

  it("reports exactly the page that never answers, and nothing else differs", async () => {
    // A post no other post links to, so its absence changes no other file.
    const path = "/2017/09/27/ansökan-beviljad-av-esf-rådet-39652118";
    const wanted = Object.fromEntries([...content(clean)].filter(([, text]) => text.includes("39652118")));
    expect(Object.keys(wanted)).toHaveLength(1);
    server.faults.add({ host: "www.miaprojektet.se", path, action: { kind: "status", status: 503 } });
    const out = tempDir();
    const r = await migrate(out);
    server.faults.clear();
    expect(r.code).toBe(2);
    expect(failedUrls(out)).toEqual([`https://www.miaprojektet.se${encodeURI(path)}`]);
    const want = content(clean);
    for (const file of Object.keys(wanted)) want.delete(file);
    expect(content(out)).toEqual(want);
  });
});
