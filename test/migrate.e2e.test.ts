// End to end: the replica server, a full migration, and every post checked against fixtures/expected/.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { startReplica, type ReplicaServer } from "../fixtures/server.js";
import { parseOriginMap } from "../src/http/origin-map.js";
import { migrate, type MigrateResult } from "../src/pipeline/migrate.js";
import { loadProfile } from "../src/profiles/profile.js";
import { convertOptions } from "../src/pipeline/settings.js";
import type { Frontmatter } from "../src/convert/frontmatter.js";
import { buildSite } from "../fixtures/site/render.js";
import { postPath } from "../fixtures/site/templates.js";
import { decodePage, extractPage } from "../src/pipeline/page.js";
import { expectedPosts, fastSettings, listFiles, START, tempDir } from "./helpers.js";

let server: ReplicaServer;
let out: string;
let result: MigrateResult;
const docs = new Map<string, { fm: Frontmatter; body: string; file: string }>();

beforeAll(async () => {
  server = await startReplica();
  out = tempDir();
  result = await migrate({
    startUrl: START,
    outDir: out,
    originMap: parseOriginMap([`*=${server.url}`]),
    settings: fastSettings(),
    ...convertOptions(loadProfile()),
  });
  for (const file of listFiles(join(out, "posts"), ".md")) {
    const text = readFileSync(file, "utf8");
    const m = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(text);
    if (!m) throw new Error(`no frontmatter in ${file}`);
    const fm = parse(m[1] ?? "") as Frontmatter;
    if (docs.has(fm.source_id)) throw new Error(`post ${fm.source_id} written twice: ${file}`);
    docs.set(fm.source_id, { fm, body: m[2] ?? "", file });
  }
});
afterAll(async () => {
  await server.close();
});

const expected = expectedPosts();

describe("a migration of the replica", () => {
  it("writes every post exactly once, and nothing else", () => {
    expect([...docs.keys()].sort()).toEqual(expected.map((p) => p.id).sort());
    expect(result.crawl.failed).toBe(0);
    expect(result.crawl.posts).toBe(expected.length);
  });

  it("fetches every post page once, whichever of its URLs the site links to", () => {
    const postFetches = server.log.filter((e) => /^\/\d{4}\/\d{2}\/\d{2}\/.*-\d{8}$/.test(e.path) && e.status === 200);
    const ids = postFetches.map((e) => /-(\d{8})$/.exec(e.path)?.[1]);
    expect(ids.length).toBe(new Set(ids).size);
  });

  it.each(expected.map((p) => [p.id, p] as const))(
    "post %s: title, date, tags, captions and source URL",
    (_id, want) => {
      const doc = docs.get(want.id);
      expect(doc, `post ${want.id} missing`).toBeDefined();
      if (!doc) return;
      expect(doc.fm.title).toBe(want.title);
      expect(String(doc.fm.date).slice(0, 10)).toBe(want.date);
      expect(doc.fm.tags).toEqual(want.tags);
      expect(doc.fm.source_url).toBe(want.url);
      expect(doc.fm.images.map((i) => i.caption)).toEqual(want.images.map((i) => i.caption));
      // Each image is a local copy under an ASCII name, with the bytes the old site served.
      expect(doc.fm.images.length).toBe(want.images.length);
      doc.fm.images.forEach((img, i) => {
        const old = want.images[i]?.src ?? "";
        const base =
          old
            .split("/")
            .pop()
            ?.replace(/\.jpg$|\.png$/, "") ?? "";
        expect(img.src).toMatch(new RegExp(`^/assets/${base}-[0-9a-f]{8}\\.(jpg|png)$`));
        const served = server.site.resolve(new URL(old).pathname).body;
        expect(readFileSync(join(out, img.src)).equals(served)).toBe(true);
        expect(doc.body).toContain(`](${img.src})`);
      });
      // Each caption is visible exactly once in the body (as a line of its own; its links read as their text).
      const linkText = (l: string) => l.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
      for (const img of want.images) {
        if (!img.caption) continue;
        const visible = doc.body.split("\n").filter((l) => linkText(l) === `*${img.caption}*`);
        expect(visible.length, img.caption).toBe(1);
      }
    },
  );

  it("`extract` on a saved post page prints the very file migrate wrote (posts that need no other page)", () => {
    // What a lone page cannot know: the new place of another post it links to, the local copy of an
    // image or file, the old URLs that redirect to it. Every other post must come out byte for byte.
    const site = buildSite();
    const alone = site.content.posts.filter((p) => {
      const want = expected.find((e) => e.id === p.id);
      return (
        want !== undefined &&
        want.images.length === 0 &&
        p.oldSlugs.length === 0 &&
        want.links.every((l) => l.kind === "external" || l.kind === "mailto")
      );
    });
    expect(alone.length).toBeGreaterThan(20);
    for (const p of alone) {
      const url = new URL(postPath(p, p.slug), site.content.origin).href;
      const page = site.resources.get(decodeURIComponent(postPath(p, p.slug)));
      const got = extractPage(decodePage(page?.body ?? new Uint8Array()), url, convertOptions(loadProfile()));
      const doc = docs.get(p.id);
      expect(got?.doc.text, p.id).toBe(doc ? readFileSync(doc.file, "utf8") : "(no file)");
    }
  });

  it("keeps the canonical old path of every post among its aliases", () => {
    for (const want of expected) {
      const doc = docs.get(want.id);
      expect(doc?.fm.aliases).toContain(new URL(want.url).pathname);
    }
  });

  it("decodes the windows-1252 posts and repairs the double-encoded one", () => {
    expect(docs.get("39652118")?.body).toContain("Nu är det klart: ESF-rådet har beviljat MIA-projektets ansökan.");
    expect(docs.get("39630947")?.body).toContain("MIA-projektet – det största ESF-projektet i länet.");
    const repaired = docs.get("40380212")?.body ?? "";
    expect(repaired).toContain("Tack för ett fantastiskt första halvår");
    expect(repaired).not.toMatch(/Ã|Â/);
  });

  it("asks for no page requisites (stylesheets, scripts): a migration needs none, only archive runs take them", () => {
    expect(server.log.filter((e) => /^\/(css|js)\//.test(e.path))).toEqual([]);
  });

  it("keeps the snapshot in the output for offline conversion", () => {
    const manifest = readFileSync(join(out, "snapshot/manifest.jsonl"), "utf8").trim().split("\n");
    expect(manifest.length).toBeGreaterThan(expected.length);
  });

  it("lists the dead internal links among the problems", () => {
    const problems = JSON.parse(readFileSync(join(out, "report/problems.json"), "utf8")) as {
      rule: string;
      url: string;
    }[];
    expect(
      problems
        .filter((p) => p.rule === "not-found")
        .map((p) => p.url)
        .sort(),
    ).toEqual(
      [
        "https://www.miaprojektet.se/2017/10/03/studiebes%C3%B6k-39700000",
        "https://www.miaprojektet.se/2019/01/15/fika-i-jordbro-41560000",
        "https://www.miaprojektet.se/2019/02/14/mia-p%C3%A5-konferens-41700000",
      ].sort(),
    );
  });

  it("sends an honest User-Agent and never asks for a path robots.txt disallows", () => {
    expect(server.log.every((e) => /^mia-migrate\/\d+\.\d+\.\d+ \(\+https?:\/\/\S+\)$/.test(e.userAgent))).toBe(true);
    expect(server.log.some((e) => e.path.startsWith("/admin/"))).toBe(false);
    expect(server.log[0]?.path).toBe("/robots.txt");
  });
});
