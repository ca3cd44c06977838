// The crawl's parts on their own. The frontier: each URL once, each post once by its id (other URLs of it are
// aliases, recorded once), scope and depth, links of a page, and a resume that fetches nothing twice.
import { describe, expect, it } from "vitest";
import { Frontier, type FrontierScope, type Task } from "../src/crawl/frontier.js";
import { failureRecord, responseRecord } from "../src/crawl/records.js";
import { TaskScheduler } from "../src/crawl/scheduler.js";
import { cssRequisites, htmlRequisites } from "../src/extract/requisites.js";
import { loadProfile } from "../src/profiles/profile.js";
import { SnapshotStore, type FetchRecord } from "../src/store/snapshot.js";
import { appendFileSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./helpers.js";

const profile = loadProfile();
const SITE = "https://www.miaprojektet.se";
const POST = `${SITE}/2021/11/16/vard-for-sexualbrottsutsatta-45881233`;

function frontier(scope: Partial<FrontierScope> = {}) {
  const aliases: [string, string][] = [];
  const f = new Frontier(profile, { maxDepth: 10, include: [], exclude: [], ...scope }, (url, id) =>
    aliases.push([url, id]),
  );
  return { f, aliases };
}

/** A fetched page's record (as the crawl writes it) and its body. */
function page(url: string, body: string, over: Partial<FetchRecord> = {}): [FetchRecord, Buffer] {
  const bytes = Buffer.from(body);
  const rec = responseRecord({ url: new URL(url), depth: 1, attempt: 1 }, profile, {
    finalUrl: new URL(url),
    res: { status: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: bytes },
    sha256: "0".repeat(64),
    hops: [],
  });
  return [{ ...rec, ...over }, bytes];
}

describe("the frontier", () => {
  it("admits each URL once, whatever form it is written in", () => {
    const { f } = frontier();
    expect(f.admit(`${SITE}/aktuellt-39586750`, 0, "seed")?.url.href).toBe(`${SITE}/aktuellt-39586750`);
    expect(f.admit(`${SITE}/aktuellt-39586750`, 1)).toBeNull();
    expect(f.admit(`http://miaprojektet.se/aktuellt-39586750`, 1)).toBeNull();
    expect(f.admit("https://www.rsmh.se/", 1)).toBeNull(); // off the site: never followed
  });

  it("admits a post once by its id, and records another URL of it as an alias, once", () => {
    const { f, aliases } = frontier();
    expect(f.admit(POST, 1)).not.toBeNull();
    const other = `${SITE}/2021/11/16/annan-rubrik-45881233`;
    expect(f.admit(other, 2)).toBeNull();
    expect(f.admit(other, 3)).toBeNull();
    expect(aliases).toEqual([[other, "45881233"]]);
  });

  it("keeps to the scope and the depth limit (the start URL is always admitted)", () => {
    const { f } = frontier({ maxDepth: 1, exclude: [/^\/i\/t/] });
    expect(f.admit(`${SITE}/i/t123/vard/`, 1)).toBeNull();
    expect(f.admit(`${SITE}/i/a1/2021/`, 2)).toBeNull();
    expect(f.admit(`${SITE}/i/a1/2021/`, 1)).not.toBeNull();
  });

  it("follows the links of a 200 HTML page only, each page-independent href parsed once", () => {
    const { f } = frontier();
    const html = `<a href="/i/a1/2021/">2021</a><a href="${POST}">post</a><a href="mailto:a@b.se">m</a>`;
    const [rec, body] = page(`${SITE}/aktuellt-39586750`, html, { kind: "index" });
    expect(f.linksOf(rec, body).map((t: Task) => [t.url.pathname, t.depth])).toEqual([
      ["/i/a1/2021/", 2],
      ["/2021/11/16/vard-for-sexualbrottsutsatta-45881233", 2],
    ]);
    const [again] = page(`${SITE}/i/a1/2021/`, html, { kind: "archive" });
    expect(f.linksOf(again, body)).toEqual([]);
    const [notFound, b404] = page(`${SITE}/i/a1/2022/`, `<a href="/i/a1/2023/">x</a>`, { status: 404 });
    expect(f.linksOf(notFound, b404)).toEqual([]);
  });

  it("after a restore of an earlier run's records, admits none of them again (resume fetches nothing twice)", () => {
    const { f } = frontier();
    const [rec] = page(POST, "<p>x</p>", { kind: "post" });
    f.restore(rec);
    f.restore({ type: "alias", url: `${SITE}/2021/11/16/alias-45881233`, postId: "45881233" });
    expect(f.admit(POST, 1)).toBeNull();
    expect(f.admit(`${SITE}/2021/11/16/third-45881233`, 1)).toBeNull();
  });

  it("records a failure with its reason, its tries and where its redirects led", () => {
    const task = { url: new URL(POST), depth: 2, attempt: 3 };
    const rec = failureRecord(task, profile, {
      reason: "http-503",
      message: "answered 503 after 3 tries",
      redirects: [{ url: `${SITE}/x-45881233`, status: 301 }],
      status: 503,
    });
    expect(rec).toMatchObject({
      url: POST,
      finalUrl: `${SITE}/x-45881233`,
      status: 503,
      sha256: null,
      tries: 3,
      depth: 2,
      kind: "post",
      postId: "45881233",
      error: { reason: "http-503", message: "answered 503 after 3 tries" },
    });
  });
});

describe("the scheduler", () => {
  it("is idle only when every task, and every task those scheduled, is done; a retry waits outside the queue", async () => {
    const ran: string[] = [];
    const s: TaskScheduler<string> = new TaskScheduler<string>(
      1,
      async (t) => {
        ran.push(t);
        if (t === "a") s.schedule("a-child");
        if (t === "b") s.schedule("b-later", 30);
      },
      () => {},
    );
    s.schedule("a");
    s.schedule("b");
    await s.idle();
    expect([...ran].sort()).toEqual(["a", "a-child", "b", "b-later"]);
    expect(ran.at(-1)).toBe("b-later");
  });

  it("stops: waiting and queued tasks never run, and idle still resolves", async () => {
    const ran: string[] = [];
    const s = new TaskScheduler<string>(
      1,
      async (t) => void ran.push(t),
      () => {},
    );
    s.schedule("first"); // takes the one slot
    s.schedule("queued");
    s.schedule("later", 60_000);
    expect(s.stop()).toBe(true);
    expect(s.stop()).toBe(false);
    s.schedule("after-stop");
    await s.idle();
    expect(ran).toEqual(["first"]);
  });

  it("passes a task's error to onError and goes on", async () => {
    const errors: string[] = [];
    const s = new TaskScheduler<string>(
      2,
      async (t) => {
        if (t === "bad") throw new Error("boom");
      },
      (t, err) => errors.push(`${t}: ${(err as Error).message}`),
    );
    s.schedule("bad");
    s.schedule("good");
    await s.idle();
    expect(errors).toEqual(["bad: boom"]);
  });
});

describe("page requisites (archive runs)", () => {
  it("finds the stylesheets, icons and scripts of a page, and what a stylesheet loads", () => {
    const html = `<head><link rel="stylesheet" type="text/css" href="/css/site-39586750.css" />
      <link rel="shortcut icon" href='/favicon.ico'><link rel="alternate" href="/feed.xml">
      <!-- <link rel="stylesheet" href="/old.css"> --><script type="text/javascript" src="/js/site.js"></script>
      <script>var x = "<link rel=stylesheet href=/no.css>";</script>
      <style>.hero { background-image: url("/images/hero.jpg") }</style></head>`;
    expect(htmlRequisites(html)).toEqual(["/css/site-39586750.css", "/favicon.ico", "/js/site.js", "/images/hero.jpg"]);
    const css = `@import "print.css"; body { background: url( '/images/bg.png' ) }
      /* url(/commented.png) */ @font-face { src: url(/fonts/a\\(1\\).woff2) format("woff2"), url(data:font/woff;base64,AAA) }`;
    expect(cssRequisites(css)).toEqual(["print.css", "/images/bg.png", "/fonts/a(1).woff2"]);
  });

  it("admits a page's requisites whatever their kind and depth, and only from the site", () => {
    const { f } = frontier({ maxDepth: 1, requisites: true, exclude: [/^\/private\//] });
    const html = `<link rel="stylesheet" href="/css/site.css"><link rel="icon" href="https://cdn.example.org/i.ico">
      <script src="/private/x.js"></script><a href="/i/a1/2021/">2021</a>`;
    const [rec, body] = page(`${SITE}/i/a1/2020/`, html, { kind: "archive", depth: 1 });
    // The link is one too deep; the stylesheet is fetched anyway; the CDN icon and the excluded script are not.
    expect(f.linksOf(rec, body).map((t) => t.url.href)).toEqual([`${SITE}/css/site.css`]);
    const [css, cssBody] = page(`${SITE}/css/site.css`, "body{background:url(../images/bg.png)}", {
      kind: "other",
      depth: 2,
      headers: { "content-type": "text/css" },
    });
    expect(f.linksOf(css, cssBody).map((t) => t.url.href)).toEqual([`${SITE}/images/bg.png`]);
  });

  it("leaves requisites alone when not asked (migrations need none)", () => {
    const { f } = frontier();
    const [rec, body] = page(`${SITE}/aktuellt-39586750`, `<link rel="stylesheet" href="/css/site.css">`, {
      kind: "index",
    });
    expect(f.linksOf(rec, body)).toEqual([]);
  });
});

describe("the snapshot store's crawl path", () => {
  const body = Buffer.from("<html><body><p>Hela sidan, som servern skickade den.</p></body></html>");
  const record = (sha256: string): FetchRecord => ({
    ...page(POST, body.toString())[0],
    sha256,
    size: body.length,
  });

  it("reads each body back whole, never bytes a killed run left in the pack, and writes a named body once", () => {
    const dir = tempDir();
    const first = new SnapshotStore(dir);
    first.open({ startUrl: SITE, createdAt: "", tool: "test" });
    first.close();
    // The kill: bytes in bodies.pack that no line of the manifest points to.
    appendFileSync(join(dir, "bodies.pack"), body.subarray(0, 10));
    const second = new SnapshotStore(dir);
    second.open({ startUrl: SITE, createdAt: "", tool: "test" });
    const sha = second.packBody(body);
    second.append(record(sha));
    second.close();
    expect(statSync(join(dir, "bodies.pack")).size).toBe(10 + body.length);
    expect(new SnapshotStore(dir).readBody(sha)).toEqual(body);
    // Named by a line now: a third run does not write it again.
    const third = new SnapshotStore(dir);
    third.open({ startUrl: SITE, createdAt: "", tool: "test" });
    expect(third.packBody(body)).toBe(sha);
    third.close();
    expect(statSync(join(dir, "bodies.pack")).size).toBe(10 + body.length);
    // The store's own lines stay its own: records() gives fetches and aliases only.
    expect(new SnapshotStore(dir).records().map((r) => r.type)).toEqual(["fetch"]);
  });

  it("keeps each of many bodies where its line says", () => {
    const dir = tempDir();
    const store = new SnapshotStore(dir);
    store.open({ startUrl: SITE, createdAt: "", tool: "test" });
    const many = Array.from({ length: 300 }, (_, i) => Buffer.from(`<p>Sida ${i}</p>`.repeat(1 + ((i * 37) % 200))));
    const shas = many.map((b) => store.packBody(b));
    store.close();
    const reader = new SnapshotStore(dir);
    shas.forEach((sha, i) => expect(reader.readBody(sha)).toEqual(many[i]));
  });

  it("writes a body two URLs carry once, and every record appended, in order, by close", () => {
    const dir = tempDir();
    const store = new SnapshotStore(dir);
    store.open({ startUrl: SITE, createdAt: "", tool: "test" });
    const [a, b] = [store.packBody(body), store.packBody(Buffer.from(body))];
    expect(a).toBe(b);
    for (let i = 0; i < 500; i++) store.append({ type: "alias", url: `${POST}?v=${i}`, postId: String(i) });
    // Read before close: the records appended so far are written first.
    expect(new SnapshotStore(dir).records()).toHaveLength(0);
    expect(store.records()).toHaveLength(500);
    store.append({ type: "alias", url: `${POST}?v=last`, postId: "last" });
    store.close();
    const lines = readFileSync(join(dir, "manifest.jsonl"), "utf8").trim().split("\n");
    const aliases = lines.filter((l) => l.includes('"type":"alias"'));
    expect(aliases).toHaveLength(501);
    expect(lines.filter((l) => l.includes('"type":"body"'))).toHaveLength(1);
    expect(aliases.map((l) => (JSON.parse(l) as { postId: string }).postId)).toEqual([
      ...Array.from({ length: 500 }, (_, i) => String(i)),
      "last",
    ]);
  });
});
