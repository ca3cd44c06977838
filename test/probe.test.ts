// A blog the tool has never seen (issue 19): the replica's posts in a second theme (fixtures/site/
// theme-ny.ts: other class names and nesting, dates in Swedish words, tags above the text). The MIA
// profile does not fit it; `probe --write-profile` learns a profile with which `migrate` writes the very
// Markdown the MIA profile writes from the original theme; the generic profile alone gets every title
// and date and the body text.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReplica, type ReplicaServer } from "../fixtures/server.js";
import { plainText } from "../fixtures/site/expected.js";
import { buildSite, type Site } from "../fixtures/site/render.js";
import { postPath } from "../fixtures/site/templates.js";
import { NY_THEME } from "../fixtures/site/theme-ny.js";
import { shingleF1 } from "../src/extract/text-agreement.js";
import { postText } from "../src/extract/block-text.js";
import { extractPost } from "../src/extract/post.js";
import { decodePage } from "../src/pipeline/page.js";
import { genericProfile, loadProfile } from "../src/profiles/profile.js";
import { cli, listFiles, replicaFlags, START, tempDir } from "./helpers.js";

const ny: Site = buildSite(undefined, NY_THEME);
const posts = ny.content.posts;
const OPTS = { leadMaxChars: 300, typography: true };

function page(p: (typeof posts)[number]): { url: string; html: string } {
  const path = postPath(p, p.slug);
  const res = ny.resources.get(decodeURIComponent(path));
  if (!res) throw new Error(`no page for ${p.id}`);
  return { url: new URL(path, ny.content.origin).href, html: decodePage(res.body) };
}

/** The post's running text as its content file has it (captions are the images', not the text's). */
function contentText(p: (typeof posts)[number]): string {
  return p.blocks
    .map((b) =>
      b.kind === "p" || b.kind === "raw"
        ? plainText(b.html)
        : b.kind === "heading"
          ? plainText(b.text)
          : b.kind === "list"
            ? b.items.map(plainText).join("\n")
            : "",
    )
    .join("\n\n");
}

describe("the second theme, by profile", () => {
  it("is not matched by the MIA profile: every post falls back", () => {
    const mia = loadProfile();
    const by = posts.map((p) => extractPost(page(p).html, page(p).url, mia, OPTS)?.extractedBy);
    expect(by.filter((b) => b === "fallback")).toHaveLength(posts.length);
  });

  it("gives the generic profile every title and date, and the body text (F1 ≥ 0.98)", () => {
    let f1 = 0;
    for (const p of posts) {
      const { url, html } = page(p);
      const post = extractPost(html, url, genericProfile(ny.content.origin), OPTS);
      expect(post?.title, p.id).toBe(p.rawTitle.replace(/\u00a0/g, " ").trim());
      expect(post?.date, p.id).toBe(p.date);
      f1 += shingleF1(postText(post?.bodyHtml ?? ""), contentText(p));
    }
    expect(f1 / posts.length).toBeGreaterThanOrEqual(0.98);
  });
});

describe("probe on the second theme, then migrate with its profile", () => {
  let original: ReplicaServer;
  let second: ReplicaServer;
  const dir = tempDir("mia-probe-");
  const profileFile = join(dir, "ny.yaml");
  beforeAll(async () => {
    original = await startReplica();
    second = await startReplica({ site: ny });
  });
  afterAll(async () => {
    await original.close();
    await second.close();
  });

  it("proposes a profile that extracts every sampled post, and writes it as YAML --profile accepts", async () => {
    const run = await cli(["probe", START, "--write-profile", profileFile, ...replicaFlags(second.url)]);
    expect(run.stderr).toContain("the proposed profile extracts");
    expect(run.code).toBe(0);
    const yaml = readFileSync(profileFile, "utf8");
    expect(yaml).toMatch(/^# Site profile proposed by `mia-migrate probe/);
    const profile = loadProfile(profileFile);
    expect(profile.post.title).toBe("h1.inlagg-rubrik");
    expect(profile.post.date).toBe("span.inlagg-datum");
    // The pages say lang="sv": the report of a migration with this profile is in Swedish.
    expect(profile.lang).toBe("sv");
    expect(yaml).toMatch(
      /# The site's language, and so of its QA report: \d+ of \d+ sampled pages say lang="sv"\.\nlang: sv\n/,
    );
    // A second run does not overwrite the reviewed file by accident.
    const again = await cli(["probe", START, "--write-profile", profileFile, ...replicaFlags(second.url)]);
    expect(again.code).toBe(3);
    expect(again.stderr).toContain("--force");
  });

  it("says in one line why when the start page cannot be read, and keeps the generic profile to extract", async () => {
    const gone = await cli(["--quiet", "probe", "https://www.miaprojektet.se/finns-inte", ...replicaFlags(second.url)]);
    expect(gone.code).toBe(7);
    expect(gone.stderr.trim().split("\n")).toHaveLength(1);
    expect(gone.stderr).toContain("could not be read: it answered 404");
    const generic = await cli(["migrate", START, "--profile", "generic", "--out", join(dir, "g")]);
    expect(generic.code).toBe(3);
    expect(generic.stderr).toContain("mia-migrate probe <start-url> --write-profile");
  });

  it("migrates the second theme into the very files the MIA profile writes from the original", async () => {
    const a = join(dir, "original");
    const b = join(dir, "second");
    const ra = await cli(["migrate", START, "--out", a, "--no-check-links", ...replicaFlags(original.url)]);
    const rb = await cli([
      "migrate",
      START,
      "--out",
      b,
      "--no-check-links",
      "--profile",
      profileFile,
      ...replicaFlags(second.url),
    ]);
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);
    const tree = (root: string) =>
      listFiles(root, "")
        .map((f) => relative(root, f))
        .filter((f) => !/^(report|snapshot)\//.test(f))
        .sort();
    const files = tree(a);
    expect(files.filter((f) => f.endsWith(".md"))).toHaveLength(posts.length);
    const other = tree(b);
    expect(
      [
        ...other.filter((f) => !files.includes(f)),
        ...files.filter((f) => !other.includes(f)).map((f) => `missing ${f}`),
      ],
      "files only in one tree",
    ).toEqual([]);
    for (const f of files) expect(readFileSync(join(b, f)), f).toEqual(readFileSync(join(a, f)));
  });
});
