// Output that can be trusted run after run: byte-identical trees from one snapshot, stale files removed
// on a re-run, remote URLs kept with --no-assets, and a file missing from the snapshot reported.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReplica, type ReplicaServer } from "../fixtures/server.js";
import { LAYOUTS } from "../src/convert/layout.js";
import { convertOptions } from "../src/pipeline/settings.js";
import { convertSnapshot } from "../src/pipeline/convert.js";
import { loadProfile } from "../src/profiles/profile.js";
import { SnapshotStore } from "../src/store/snapshot.js";
import { alive } from "../src/store/pid.js";
import { listFiles, replicaSnapshot, START, tempDir } from "./helpers.js";

const profile = loadProfile();
const opts = (over: Parameters<typeof convertOptions>[1] = {}) => convertOptions(profile, over);
let server: ReplicaServer;
let snapshot: string;

beforeAll(async () => {
  server = await startReplica();
  snapshot = await replicaSnapshot(server.url);
});
afterAll(async () => {
  await server.close();
});

function treeHash(dir: string): Map<string, string> {
  return new Map(
    listFiles(dir, "").map((f) => [relative(dir, f), createHash("sha256").update(readFileSync(f)).digest("hex")]),
  );
}

describe("re-runs", () => {
  it("give byte-identical trees from the same snapshot, in every layout", () => {
    for (const layout of LAYOUTS) {
      const a = tempDir();
      const b = tempDir();
      convertSnapshot(snapshot, a, opts({ layout }));
      convertSnapshot(snapshot, b, opts({ layout }));
      const ha = treeHash(a);
      expect(ha.size).toBeGreaterThan(70);
      expect(treeHash(b)).toEqual(ha);
    }
  });

  it("replace an earlier output cleanly: files an earlier run wrote and this one does not are removed, others are untouched", () => {
    const out = tempDir();
    // Shorter slugs the first time: every post file has another name than the second run gives it.
    const first = convertSnapshot(snapshot, out, { ...opts(), slugMaxChars: 12 });
    const firstPosts = first.written.filter((f) => f.startsWith("posts/"));
    writeFileSync(join(out, "README-editor.txt"), "the editor's own notes");
    const result = convertSnapshot(snapshot, out, opts());
    const gone = firstPosts.filter((f) => !result.written.includes(f));
    expect(gone.length).toBeGreaterThan(10);
    expect(result.removed).toEqual(gone.sort());
    for (const f of gone) expect(existsSync(join(out, f))).toBe(false);
    expect(existsSync(join(out, "README-editor.txt"))).toBe(true);
    expect(treeHash(out)).toEqual(
      treeHash(
        (() => {
          const fresh = tempDir();
          convertSnapshot(snapshot, fresh, opts());
          writeFileSync(join(fresh, "README-editor.txt"), "the editor's own notes");
          return fresh;
        })(),
      ),
    );
  });

  it("remove what a run killed mid-write left half-written beside its files, and nothing else", () => {
    const out = tempDir();
    const first = convertSnapshot(snapshot, out, opts());
    const post = first.written.find((f) => f.startsWith("posts/")) ?? "";
    // A pid no process has (the writer was killed), and one that runs (another run at work).
    let dead = 4_194_303;
    while (alive(dead)) dead--;
    const planted = {
      killedPost: `${post}.tmp-${dead}-7`,
      killedManifest: `.mia-migrate/written.jsonl.tmp-${dead}-8`,
      stillWriting: `${post}.tmp-${process.ppid}-9`,
      usersOwn: `posts/notes.txt.tmp-${dead}-1`,
    };
    for (const rel of Object.values(planted)) writeFileSync(join(out, rel), "half");
    convertSnapshot(snapshot, out, opts());
    expect(existsSync(join(out, planted.killedPost))).toBe(false);
    expect(existsSync(join(out, planted.killedManifest))).toBe(false);
    expect(existsSync(join(out, planted.stillWriting))).toBe(true);
    expect(existsSync(join(out, planted.usersOwn))).toBe(true);
  });
});

describe("assets", () => {
  it("keeps the old URLs with --no-assets", () => {
    const out = tempDir();
    convertSnapshot(snapshot, out, opts({ assets: false }));
    expect(existsSync(join(out, "assets"))).toBe(false);
    const gita = readFileSync(join(out, "posts/2021/11/vard-for-sexualbrottsutsatta.md"), "utf8");
    expect(gita).toContain("](https://www.miaprojektet.se/images/18.02bc1791/1637053200000/gita-rajan.jpg)");
    expect(gita).toContain("](https://www.miaprojektet.se/download/18.4a1c2b9f/1636000000000/manad-fri-fran-vald.pdf)");
  });

  it("reports a file missing from the snapshot and keeps its old URL", () => {
    const copy = join(tempDir(), "snapshot");
    const store = new SnapshotStore(copy);
    store.open({ startUrl: START, createdAt: "x", tool: "test" });
    const original = new SnapshotStore(snapshot);
    for (const rec of original.records()) {
      if (rec.type === "fetch" && rec.url.endsWith("gita-rajan.jpg")) continue; // the download that failed
      if (rec.type === "fetch" && rec.sha256) store.putBody(original.readBody(rec.sha256));
      store.append(rec);
    }
    store.close();
    const out = tempDir();
    const result = convertSnapshot(copy, out, opts());
    const missing = result.findings.filter((p) => p.rule === "asset-missing");
    expect(missing).toMatchObject([
      {
        postId: "45881233",
        file: "posts/2021/11/vard-for-sexualbrottsutsatta.md",
        text: "https://www.miaprojektet.se/images/18.02bc1791/1637053200000/gita-rajan.jpg",
      },
    ]);
    expect(missing[0]?.line).toBeGreaterThan(0);
    expect(readFileSync(join(out, "posts/2021/11/vard-for-sexualbrottsutsatta.md"), "utf8")).toContain(
      "](https://www.miaprojektet.se/images/18.02bc1791/1637053200000/gita-rajan.jpg)",
    );
  });
});
