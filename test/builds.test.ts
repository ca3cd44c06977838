// Real consumers: the --layout hugo output built by Hugo, the --layout eleventy output built by
// Eleventy, both with default settings, unmodified. Hugo is Debian's package: .ci/run installs it; on a
// machine without it this test is skipped and says how to install it (in CI it fails instead).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReplica, type ReplicaServer } from "../fixtures/server.js";
import { convertOptions } from "../src/pipeline/settings.js";
import { convertSnapshot } from "../src/pipeline/convert.js";
import { loadProfile } from "../src/profiles/profile.js";
import { expectedPosts, listFiles, replicaSnapshot, ROOT, tempDir } from "./helpers.js";

const profile = loadProfile();
const expected = expectedPosts();
const captions = expected.flatMap((p) => p.images.flatMap((i) => (i.caption ? [i.caption] : [])));
const hasHugo = spawnSync("hugo", ["version"]).status === 0;
if (!hasHugo && process.env.CI) throw new Error("hugo is not installed: .ci/run installs it (apt-get install -y hugo)");
if (!hasHugo) console.warn("builds.test: hugo not found, the Hugo build is skipped (apt-get install -y hugo)");

let server: ReplicaServer;
let snapshot: string;
beforeAll(async () => {
  server = await startReplica();
  snapshot = await replicaSnapshot(server.url);
}, 60_000);
afterAll(async () => {
  await server.close();
});

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&#34;");
const count = (html: string, s: string) => html.split(s).length - 1;
const visibleOnce = (html: string, caption: string) =>
  count(html, `<em>${caption}</em>`) +
  (escapeHtml(caption) === caption ? 0 : count(html, `<em>${escapeHtml(caption)}</em>`));

describe.skipIf(!hasHugo)("Hugo", () => {
  it("builds the hugo layout with default settings: no errors, a page per post, every caption, no raw HTML omitted", () => {
    const site = tempDir("hugo-site-");
    convertSnapshot(snapshot, site, convertOptions(profile, { layout: "hugo" }));
    writeFileSync(
      join(site, "hugo.toml"),
      'baseURL = "https://www.example.org/"\nlanguageCode = "sv"\ntitle = "MIA"\n',
    );
    mkdirSync(join(site, "layouts/_default"), { recursive: true });
    writeFileSync(
      join(site, "layouts/_default/single.html"),
      "<!DOCTYPE html><html><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n",
    );
    writeFileSync(
      join(site, "layouts/_default/list.html"),
      '<!DOCTYPE html><html><body>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>\n',
    );
    const run = spawnSync("hugo", ["--source", site, "--destination", join(site, "public")], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/ERROR/);
    const pages = listFiles(join(site, "public/posts"), "index.html").filter((f) =>
      /public\/posts\/\d{4}\/[^/]+\/index\.html$/.test(f),
    );
    expect(pages.length).toBe(expected.length);
    const html = pages.map((f) => readFileSync(f, "utf8")).join("\n");
    expect(html).not.toContain("raw HTML omitted");
    for (const c of captions) expect(visibleOnce(html, c), c).toBe(1);
    // Page-bundle images are published beside their page.
    for (const f of pages) {
      const text = readFileSync(f, "utf8");
      for (const m of text.matchAll(/<img src="([^"]+)"/g))
        expect(existsSync(join(f, "..", decodeURIComponent(m[1] ?? ""))), m[1]).toBe(true);
    }
  }, 120_000);
});

describe("Eleventy", () => {
  it("builds the eleventy layout with default settings: no errors and a page per post, every caption", () => {
    const out = tempDir("eleventy-out-");
    convertSnapshot(snapshot, out, convertOptions(profile, { layout: "eleventy" }));
    const site = tempDir("eleventy-site-");
    cpSync(join(out, "posts"), join(site, "posts"), { recursive: true });
    cpSync(join(out, "assets"), join(site, "assets"), { recursive: true });
    writeFileSync(
      join(site, "eleventy.config.mjs"),
      'export default function (config) { config.addPassthroughCopy("assets"); }\n',
    );
    const run = spawnSync(
      process.execPath,
      [join(ROOT, "node_modules/@11ty/eleventy/cmd.cjs"), "--input=.", "--output=_site"],
      { cwd: site, encoding: "utf8" },
    );
    expect(run.status, run.stderr + run.stdout).toBe(0);
    const pages = listFiles(join(site, "_site/posts"), "index.html");
    expect(pages.length).toBe(expected.length);
    const html = pages.map((f) => readFileSync(f, "utf8")).join("\n");
    for (const c of captions) expect(visibleOnce(html, c), c).toBe(1);
    for (const m of html.matchAll(/<img src="(\/assets\/[^"]+)"/g))
      expect(existsSync(join(site, "_site", m[1] ?? "")), m[1]).toBe(true);
  }, 120_000);
});
