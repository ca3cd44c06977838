// Real consumers: the --layout hugo output built by Hugo, the --layout eleventy output built by
// Eleventy's default command in the output folder itself (with only the config the layout writes), and
// each built site opened in headless Chromium: every image loads, every caption shows once, every
// internal link resolves. Hugo and Chromium are Debian's packages: .ci/run installs them; on a machine
// without them these tests are skipped and say how to install them (in CI they fail instead).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import type { Browser } from "playwright-core";
import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReplica, type ReplicaServer } from "../fixtures/server.js";
import { convertOptions } from "../src/pipeline/settings.js";
import { convertSnapshot } from "../src/pipeline/convert.js";
import { loadProfile } from "../src/profiles/profile.js";
import { CHROMIUM, expectedPosts, launchChromium, listFiles, replicaSnapshot, ROOT, tempDir } from "./helpers.js";

const profile = loadProfile();
const expected = expectedPosts();
const captions = expected.flatMap((p) => p.images.flatMap((i) => (i.caption ? [i.caption] : [])));
const hasHugo = spawnSync("hugo", ["version"]).status === 0;
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI)
  throw new Error("chromium is not installed: .ci/run installs it (apt-get install -y chromium)");
if (!hasChromium)
  console.warn(
    "builds.test: /usr/bin/chromium not found, the browser checks are skipped (apt-get install -y chromium)",
  );
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

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".pdf": "application/pdf",
};

/** A built site served as a static host serves it: /x/ is /x/index.html, anything else a 404. */
async function serveSite(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const site: Server = createServer((req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (path.endsWith("/")) path += "index.html";
    const file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((r) => site.close(() => r())) };
}

/** Every post page of a built site in Chromium: images loaded, captions once, internal links answered. */
async function checkInBrowser(root: string, pages: string[]): Promise<void> {
  if (!hasChromium) return;
  const host = await serveSite(root);
  const browser: Browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const internal = new Set<string>();
    const shown = new Map<string, number>();
    for (const file of pages) {
      const path = file.slice(root.length).replace(/index\.html$/, "");
      const res = await page.goto(host.url + path, { waitUntil: "load" });
      expect(res?.status(), path).toBe(200);
      const images = await page.$$eval("img", (imgs) =>
        imgs.map((i) => ({ src: i.getAttribute("src"), width: i.naturalWidth })),
      );
      for (const img of images) expect(img.width, `${path}: ${img.src ?? ""}`).toBeGreaterThan(0);
      // A caption is its own line: a figcaption, or an emphasised paragraph under its image.
      for (const t of await page.$$eval("figcaption, p > em:only-child", (els) => els.map((e) => e.textContent ?? "")))
        shown.set(t, (shown.get(t) ?? 0) + 1);
      for (const href of await page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href)))
        if (href.startsWith(host.url)) internal.add(href);
    }
    for (const c of captions) expect(shown.get(c), c).toBe(1);
    // Every link to the new site lands on a page (posts, files): none to a page that was not built.
    for (const href of internal) {
      const res = await page.goto(href);
      expect(res?.status(), href).toBe(200);
    }
    expect(internal.size).toBeGreaterThan(0);
  } finally {
    await browser.close();
    await host.close();
  }
}

/** How often a caption stands as its own emphasised line or figcaption in the built pages (it may hold links). */
const visibleOnce = (html: string, caption: string) => {
  const $ = load(html);
  return $("p > em:only-child, figcaption").filter((_, e) => $(e).text() === caption).length;
};

describe.skipIf(!hasHugo)("Hugo", () => {
  it("builds the hugo layout with default settings: no errors, a page per post, every caption, no raw HTML omitted", async () => {
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
    await checkInBrowser(join(site, "public"), pages);
  }, 240_000);
});

describe("Eleventy", () => {
  it("builds the eleventy layout with its default command in the output: a page per post, every caption and image", async () => {
    const out = tempDir("eleventy-out-");
    convertSnapshot(snapshot, out, convertOptions(profile, { layout: "eleventy" }));
    // `npx @11ty/eleventy` in the output folder, nothing added: the layout's own config is all there is.
    const run = spawnSync(process.execPath, [join(ROOT, "node_modules/@11ty/eleventy/cmd.cjs")], {
      cwd: out,
      encoding: "utf8",
    });
    expect(run.status, run.stderr + run.stdout).toBe(0);
    const pages = listFiles(join(out, "_site/posts"), "index.html");
    expect(pages.length).toBe(expected.length);
    expect(existsSync(join(out, "_site/report"))).toBe(false);
    const html = pages.map((f) => readFileSync(f, "utf8")).join("\n");
    for (const c of captions) expect(visibleOnce(html, c), c).toBe(1);
    for (const m of html.matchAll(/<img src="(\/assets\/[^"]+)"/g))
      expect(existsSync(join(out, "_site", m[1] ?? "")), m[1]).toBe(true);
    await checkInBrowser(join(out, "_site"), pages);
  }, 240_000);
});
