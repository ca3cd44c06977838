// The output folder is the user's: an existing site's own pages, styles and older posts survive a
// migration into it byte for byte; nothing outside the folder is written or removed through a symbolic
// link; a dangling link is no crash; a file of the user's where ours would go stops the run first.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, lstatSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../src/config/errors.js";
import { LAYOUTS, type LayoutName } from "../src/convert/layout.js";
import { convertOptions } from "../src/pipeline/settings.js";
import { convertSnapshot } from "../src/pipeline/convert.js";
import { loadProfile } from "../src/profiles/profile.js";
import { cli, tempDir, useReplica } from "./helpers.js";

const profile = loadProfile();
const opts = (layout: LayoutName) => convertOptions(profile, { layout });
const replica = useReplica({ snapshot: true });

/** Every file under `dir` (symbolic links as links, never followed) → its hash or link target. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isSymbolicLink()) out.set(relative(dir, full), `-> ${lstatSync(full).isSymbolicLink() ? "link" : ""}`);
      else out.set(relative(dir, full), createHash("sha256").update(readFileSync(full)).digest("hex"));
    }
  };
  walk(dir);
  return out;
}

/** A site the user already has, in the folders each layout writes to. */
const USER_FILES: Record<string, Record<string, string>> = {
  plain: {
    "posts/2016/04/var-forsta-text.md": "---\ntitle: Vår första text\n---\nSkriven för hand.\n",
    "assets/css/site.css": "body { color: #222 }\n",
    "index.md": "# Hem\n",
  },
  eleventy: {
    "posts/2016-04-01-var-forsta-text.md": "---\ntitle: Vår första text\n---\n",
    "assets/css/site.css": "body{}\n",
    "eleventy.config.js": "export default () => {};\n",
    "_includes/base.njk": "{{ content }}\n",
  },
  hugo: {
    "content/about.md": "---\ntitle: Om oss\n---\n",
    "content/_index.md": "---\ntitle: MIA\n---\n",
    "content/posts/2016/var-forsta-text/index.md": "---\ntitle: x: [broken yaml\n---\n",
    "hugo.toml": "title = 'MIA'\n",
  },
};

function seed(out: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(out, rel, ".."), { recursive: true });
    writeFileSync(join(out, rel), text);
  }
}

describe("an existing site folder as --out", () => {
  for (const layout of LAYOUTS) {
    it(`keeps every file of the user's byte-identical (${layout}), on the first run and on a rerun`, () => {
      const out = tempDir();
      seed(out, USER_FILES[layout] ?? {});
      const before = tree(out);
      const first = convertSnapshot(replica.snapshot, out, opts(layout));
      expect(first.posts).toBe(67);
      // A rerun with other slugs: the first run's posts are removed, the user's files are not.
      const second = convertSnapshot(replica.snapshot, out, { ...opts(layout), slugMaxChars: 10 });
      expect(second.removed.length).toBeGreaterThan(10);
      const after = tree(out);
      for (const [rel, hash] of before) expect(after.get(rel), rel).toBe(hash);
      expect(second.removed.some((f) => f in (USER_FILES[layout] ?? {}))).toBe(false);
    });
  }

  it("keeps a file of an earlier run that the user edited since, and says so", () => {
    const out = tempDir();
    const first = convertSnapshot(replica.snapshot, out, opts("plain"));
    const edited = first.written.find((f) => f.startsWith("posts/")) ?? "";
    writeFileSync(join(out, edited), readFileSync(join(out, edited), "utf8") + "\nEtt tillägg av redaktören.\n");
    const second = convertSnapshot(replica.snapshot, out, { ...opts("plain"), slugMaxChars: 10 });
    expect(second.kept).toContain(edited);
    expect(readFileSync(join(out, edited), "utf8")).toContain("Ett tillägg av redaktören.");
  });

  it("never overwrites a post the user edited after an earlier run: it is kept and listed", () => {
    const out = tempDir();
    const first = convertSnapshot(replica.snapshot, out, opts("hugo"));
    const edited = first.written.find((f) => f.endsWith("index.md")) ?? "";
    const mine = readFileSync(join(out, edited), "utf8").replace("---\n\n", "---\n\nRedaktörens inledning.\n\n");
    writeFileSync(join(out, edited), mine);
    const second = convertSnapshot(replica.snapshot, out, opts("hugo"));
    expect(second.kept).toEqual([edited]);
    expect(readFileSync(join(out, edited), "utf8")).toBe(mine);
    // And a third run still leaves it alone.
    expect(convertSnapshot(replica.snapshot, out, opts("hugo")).kept).toEqual([edited]);
  });

  it("refuses, before writing anything, when a file of the user's stands where a post would go", () => {
    const out = tempDir();
    const probe = tempDir();
    const place =
      convertSnapshot(replica.snapshot, probe, opts("plain")).written.find((f) => f.startsWith("posts/")) ?? "";
    seed(out, { [place]: "the user's own text\n" });
    const before = tree(out);
    expect(() => convertSnapshot(replica.snapshot, out, opts("plain"))).toThrow(UsageError);
    expect(() => convertSnapshot(replica.snapshot, out, opts("plain"))).toThrow(
      /refusing to overwrite .* not written by mia-migrate/,
    );
    expect(tree(out)).toEqual(before);
  });

  it("the command line says it in one line, exit 3, and changes nothing", async () => {
    const out = tempDir();
    seed(out, { "redirects/_redirects": "/gammal /ny 301\n" });
    const before = tree(out);
    const r = await cli(["convert", "--from", replica.snapshot, "--out", out]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("redirects/_redirects");
    expect(tree(out)).toEqual(before);
  });
});

describe("symbolic links in the output folder", () => {
  it("a link to a folder outside is never followed: not written through, nothing removed behind it", () => {
    const base = tempDir();
    const out = join(base, "site");
    const elsewhere = join(base, "elsewhere");
    seed(elsewhere, { "logo.png": "png", "old.md": "---\ntitle: old\n---\n" });
    mkdirSync(join(out, "assets"), { recursive: true });
    symlinkSync(elsewhere, join(out, "assets/shared"));
    const outside = tree(elsewhere);
    convertSnapshot(replica.snapshot, out, opts("plain"));
    convertSnapshot(replica.snapshot, out, { ...opts("plain"), slugMaxChars: 10 });
    expect(tree(elsewhere)).toEqual(outside);
    expect(lstatSync(join(out, "assets/shared")).isSymbolicLink()).toBe(true);
  });

  it("a layout folder that is itself a link out of --out stops the run: nothing written there", () => {
    const base = tempDir();
    const out = join(base, "site");
    const elsewhere = join(base, "elsewhere");
    seed(elsewhere, { "keep.txt": "x" });
    mkdirSync(out);
    symlinkSync(elsewhere, join(out, "posts"));
    expect(() => convertSnapshot(replica.snapshot, out, opts("plain"))).toThrow(
      /symbolic link .* leads out of the output directory/,
    );
    expect(readdirSync(elsewhere)).toEqual(["keep.txt"]);
  });

  it("a dangling link or a link in a circle is neither a crash nor followed", async () => {
    const out = tempDir();
    mkdirSync(join(out, "assets"), { recursive: true });
    symlinkSync(join(out, "nowhere"), join(out, "assets/dangling"));
    symlinkSync(join(out, "posts"), join(out, "posts-loop"));
    const r = await cli(["--quiet", "convert", "--from", replica.snapshot, "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const again = await cli(["check-links", "--out", out, "--no-cache", "--skip-link", "."]);
    expect(again.stderr).not.toMatch(/unexpected|ENOENT|ELOOP/);
    expect(lstatSync(join(out, "assets/dangling")).isSymbolicLink()).toBe(true);
    expect(existsSync(join(out, "report/report.json"))).toBe(true);
  });
});
