// A full disk and a read-only output directory: one line naming the path, exit code 1, the previous
// output intact, and (for a crawl) a journal that the same command resumes once there is space again.
// The small disk is a real tmpfs, so this needs root (CI runs as root); elsewhere the tests are skipped.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startReplica, type ReplicaServer } from "../../fixtures/server.js";
import { SnapshotStore } from "../../src/store/snapshot.js";
import { cli, listFiles, replicaFlags, replicaSnapshot, START, tempDir } from "../helpers.js";

const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  const probe = tempDir();
  const ok = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe]).status === 0;
  if (ok) spawnSync("umount", [probe]);
  return ok;
})();

if (!canMount && process.env.CI)
  throw new Error("the disk-full tests mount a tmpfs: run .ci/run as root (they would be skipped otherwise)");
if (!canMount) console.warn("disk.test: cannot mount a tmpfs (needs root), skipped");

const mounted: string[] = [];
function smallDisk(kib: number): string {
  const dir = tempDir();
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${kib}k`, "tmpfs", dir], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`mount failed: ${r.stderr}`);
  mounted.push(dir);
  return dir;
}
const remount = (dir: string, option: string) =>
  expect(spawnSync("mount", ["-o", `remount,${option}`, dir]).status).toBe(0);

let server: ReplicaServer;
let snapshot: string;
beforeAll(async () => {
  server = await startReplica();
  snapshot = await replicaSnapshot(server.url);
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  while (mounted.length) spawnSync("umount", [mounted.pop() ?? ""]);
});

const tree = (dir: string) => new Map(listFiles(dir, "").map((f) => [f, readFileSync(f)]));

describe.skipIf(!canMount)("disk full and read-only output (tmpfs; needs root)", () => {
  it("convert on a full disk: one line naming the path, exit 1, the previous output unchanged", async () => {
    const disk = smallDisk(4096);
    const out = join(disk, "site");
    expect((await cli(["--quiet", "convert", "--from", snapshot, "--out", out])).code).toBe(0);
    const before = tree(out);
    // Fill the disk to the last few KiB, then convert again in another layout (new files to write).
    const free = () =>
      Number(spawnSync("df", ["--output=avail", "-B1", disk], { encoding: "utf8" }).stdout.split("\n")[1]);
    writeFileSync(join(disk, "filler"), Buffer.alloc(Math.max(0, free() - 8 * 1024)));
    const r = await cli(["convert", "--from", snapshot, "--out", out, "--layout", "hugo"]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`cannot write ${out}/\\S+: ENOSPC: the disk is full`));
    const after = tree(out);
    for (const [file, bytes] of before) expect(after.get(file), file).toEqual(bytes);
    expect([...after.keys()].filter((f) => /\.tmp-\d+-\d+$/.test(f))).toEqual([]);
  });

  it("a crawl that fills the disk stops with one line, keeps a valid journal, and resumes when there is space", async () => {
    const disk = smallDisk(600);
    const out = join(disk, "site");
    const args = ["migrate", START, "--out", out, ...replicaFlags(server.url), "--no-check-links"];
    const r = await cli(args);
    expect(r.code).toBe(1);
    expect(
      r.stderr
        .trim()
        .split("\n")
        .filter((l) => l.startsWith("mia-migrate:")),
    ).toEqual([
      expect.stringMatching(
        new RegExp(
          `cannot write the snapshot in ${out}/snapshot: ENOSPC: the disk is full; free space and run the same command again`,
        ),
      ),
    ]);
    const kept = new SnapshotStore(join(out, "snapshot")).records().length;
    expect(kept).toBeGreaterThan(0); // every line of the journal still reads
    remount(disk, "size=64m");
    const again = await cli(["--quiet", ...args]);
    expect(again.code).toBe(0);
    expect(listFiles(join(out, "posts"), ".md")).toHaveLength(67);
  });

  it("a read-only output directory: one line naming it, exit 1, nothing changed", async () => {
    const disk = smallDisk(4096);
    const out = join(disk, "site");
    mkdirSync(out);
    expect((await cli(["--quiet", "convert", "--from", snapshot, "--out", out])).code).toBe(0);
    const before = tree(out);
    remount(disk, "ro");
    for (const args of [
      ["convert", "--from", snapshot, "--out", out],
      ["migrate", START, "--out", out, ...replicaFlags(server.url)],
    ]) {
      const r = await cli(args);
      expect(r.code, args[0]).toBe(1);
      expect(
        r.stderr
          .trim()
          .split("\n")
          .filter((l) => l.startsWith("mia-migrate:")),
        args[0],
      ).toEqual([expect.stringMatching(new RegExp(`${out}\\S*: EROFS`))]);
    }
    remount(disk, "rw");
    expect(tree(out)).toEqual(before);
  });
});
