// Every outgoing request goes through one guarded path: the link checker never sends a request to a
// loopback, private or link-local address named in page content (in any spelling, or after a redirect
// from a public host), unless --allow-private; a malformed URL is a finding, not a lost report; a
// redirect loop or a redirect to file: is broken with its reason.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaults } from "../src/config/defaults.js";
import { isNonPublicAddress } from "../src/http/address.js";
import { parseOriginMap } from "../src/http/origin-map.js";
import { checkAndReport } from "../src/pipeline/check.js";
import { convertOptions } from "../src/pipeline/settings.js";
import { checkLinks, type CheckSettings } from "../src/links/checker.js";
import { loadProfile } from "../src/profiles/profile.js";
import type { Post } from "../src/extract/post.js";
import { tempDir } from "./helpers.js";

const profile = loadProfile();
const settings = (over: Partial<CheckSettings> = {}): CheckSettings => ({
  ...defaults.links,
  userAgent: defaults.userAgent,
  siteGapMs: 0,
  timeoutMs: 2000,
  backoffMs: 20,
  ...over,
});

/** A server on the loopback playing an internal service: every request it gets is a request that the
 *  policy let through. It also plays a public host (through --map-origin) that redirects inward. */
let sentinel: Server;
let port = 0;
const hits: string[] = [];
beforeAll(async () => {
  sentinel = createServer((req, res) => {
    hits.push(req.url ?? "");
    if (req.url === "/to-internal") {
      res.writeHead(302, { location: `http://127.0.0.1:${port}/admin/delete-all?confirm=1` }).end();
      return;
    }
    if (req.url === "/to-file") {
      res.writeHead(301, { location: "file:///etc/passwd" }).end();
      return;
    }
    if (req.url === "/loop-a") {
      res.writeHead(301, { location: "/loop-b" }).end();
      return;
    }
    if (req.url === "/loop-b") {
      res.writeHead(301, { location: "/loop-a" }).end();
      return;
    }
    res.writeHead(200, { "content-type": "text/plain" }).end("deleted everything");
  });
  await new Promise<void>((r) => sentinel.listen(0, "127.0.0.1", r));
  port = (sentinel.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => sentinel.close(r));
});
beforeEach(() => {
  hits.length = 0;
});

describe("addresses", () => {
  it("tells public from non-public addresses in every form", () => {
    for (const ip of [
      "127.0.0.1",
      "127.255.0.9",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "::",
      "fe80::1",
      "fd00::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "[::1]",
      "224.0.0.1",
    ])
      expect(isNonPublicAddress(ip), ip).toBe(true);
    for (const ip of ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"])
      expect(isNonPublicAddress(ip), ip).toBe(false);
  });
});

describe("the link checker and private addresses", () => {
  const internal = () => [
    `http://127.0.0.1:${port}/admin/delete-all?confirm=1`,
    `http://localhost:${port}/admin`,
    `http://2130706433:${port}/decimal`,
    `http://0x7f.1:${port}/hex`,
    `http://127.1:${port}/short`,
    `http://[::ffff:127.0.0.1]:${port}/mapped`,
    `http://[::1]:${port}/v6`,
    "http://169.254.169.254/latest/meta-data/",
  ];

  it("requests none of them by default: each is skipped as a private address", async () => {
    const results = await checkLinks({
      urls: internal(),
      profile,
      settings: settings(),
      originMap: parseOriginMap([]),
    });
    expect(hits).toEqual([]);
    for (const u of internal()) {
      const r = results.get(new URL(u).href);
      expect(r?.verdict, u).toBe("skipped");
      expect(r?.reason, u).toMatch(/^private address/);
    }
  });

  it("does not follow a public host's redirect into the private network", async () => {
    // https://public.example is played by the loopback server through --map-origin (allowed as configured).
    const results = await checkLinks({
      urls: ["https://public.example/to-internal"],
      profile,
      settings: settings(),
      originMap: parseOriginMap([`https://public.example=http://127.0.0.1:${port}`]),
    });
    expect(hits.filter((h) => h.startsWith("/admin"))).toEqual([]);
    expect(results.get("https://public.example/to-internal")).toMatchObject({
      verdict: "skipped",
      reason: expect.stringMatching(/^private address/) as unknown,
    });
  });

  it("requests them with --allow-private", async () => {
    const url = `http://127.0.0.1:${port}/admin/delete-all?confirm=1`;
    const results = await checkLinks({
      urls: [url],
      profile,
      settings: settings({ allowPrivate: true }),
      originMap: parseOriginMap([]),
    });
    expect(hits).toEqual(["/admin/delete-all?confirm=1"]);
    expect(results.get(url)?.verdict).toBe("ok");
  });
});

describe("redirects the link checker does not follow", () => {
  const map = () => parseOriginMap([`https://public.example=http://127.0.0.1:${port}`]);
  it("a redirect loop is broken, with the reason and the chain", async () => {
    const results = await checkLinks({
      urls: ["https://public.example/loop-a"],
      profile,
      settings: settings(),
      originMap: map(),
    });
    const r = results.get("https://public.example/loop-a");
    expect(r).toMatchObject({ verdict: "broken", reason: "redirect loop" });
    expect(r?.chain.map((h) => h.url)).toEqual(["https://public.example/loop-a", "https://public.example/loop-b"]);
    expect(r?.finalUrl).toBeUndefined();
  });

  it("a redirect to file: is broken, never read", async () => {
    const results = await checkLinks({
      urls: ["https://public.example/to-file"],
      profile,
      settings: settings(),
      originMap: map(),
    });
    expect(results.get("https://public.example/to-file")).toMatchObject({
      verdict: "broken",
      reason: expect.stringMatching(/file:\/\/\/etc\/passwd.*not an http\(s\) URL/) as unknown,
    });
  });
});

describe("malformed URLs in content", () => {
  const bad = ["http://", "http://[", "http://a.b:99999/", "http://exa mple.com/"];
  it("are findings, and the report is written", async () => {
    const post: Post = {
      id: "45999999",
      sourceUrl: "https://www.miaprojektet.se/2021/11/16/trasiga-lankar-45999999",
      title: "Trasiga länkar",
      date: "2021-11-16",
      dateSource: "url",
      tags: ["Test"],
      bodyHtml: `<p>${bad.map((h, i) => `<a href="${h}">länk ${i}</a>`).join(" ")}</p>`,
      sourceHtml: `<p>${bad.map((h, i) => `<a href="${h}">länk ${i}</a>`).join(" ")}</p>`,
      images: [],
      links: [],
      lead: "",
      extractedBy: "profile",
      changes: {},
    };
    const out = tempDir();
    const report = await checkAndReport({
      converted: { posts: [post], findings: [] },
      snapshotDir: null,
      outDir: out,
      convert: convertOptions(profile),
      originMap: parseOriginMap([]),
      settings: settings(),
      cacheFile: null,
      cacheAgeMs: 0,
    });
    for (const h of bad) {
      const link = report.links.find((l) => l.url === h || l.url === h.replace(/#.*$/, ""));
      expect(link?.verdict, h).toBe("broken");
      expect(link?.reason, h).toMatch(/^invalid URL/);
    }
    expect(report.findings.filter((f) => f.rule === "broken-link")).toHaveLength(bad.length);
  });
});
