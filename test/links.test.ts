// The link checker and the QA report against the replica and its external hosts, offline.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startReplica, type ReplicaServer } from "../fixtures/server.js";
import { convertOptions } from "../src/pipeline/settings.js";
import { defaults } from "../src/config/defaults.js";
import { DETECTED_KINDS, type Finding } from "../src/config/findings.js";
import { parseOriginMap } from "../src/http/origin-map.js";
import { checkAndReport, type CheckOptions } from "../src/pipeline/check.js";
import { checkSyntax, type CheckSettings } from "../src/links/checker.js";
import { convertSnapshot } from "../src/pipeline/convert.js";
import { loadProfile } from "../src/profiles/profile.js";
import type { Report } from "../src/report/report.js";
import { cli, expectedPosts, replicaSnapshot, tempDir } from "./helpers.js";

const profile = loadProfile();
let server: ReplicaServer;
let snapshot: string;
let out: string;

const settings = (over: Partial<CheckSettings> = {}): CheckSettings => ({
  ...defaults.links,
  userAgent: defaults.userAgent,
  siteGapMs: 0,
  timeoutMs: 1000,
  backoffMs: 20,
  ...over,
});
const options = (over: Partial<CheckOptions> = {}): CheckOptions => ({
  snapshotDir: snapshot,
  outDir: out,
  convert: convertOptions(profile),
  originMap: parseOriginMap([`*=${server.url}`]),
  settings: settings(),
  cacheFile: null,
  cacheAgeMs: defaults.links.cacheAgeMs,
  ...over,
});

beforeAll(async () => {
  server = await startReplica();
  snapshot = await replicaSnapshot(server.url);
  out = tempDir();
  convertSnapshot(snapshot, out, convertOptions(profile));
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.faults.clear();
  server.log.length = 0;
});

const linkOf = (r: Report, url: string) => r.links.find((l) => l.url === url);

describe("check-links on the replica", () => {
  let report: Report;
  beforeAll(async () => {
    report = await checkAndReport(options());
  });

  it("holds every finding of the conversion (planned again from the snapshot, not read back from problems.json)", () => {
    const written = JSON.parse(readFileSync(join(out, "report/problems.json"), "utf8")) as Finding[];
    expect(written.length).toBeGreaterThan(0);
    const kinds = new Set<string>(Object.keys(DETECTED_KINDS));
    expect(report.findings.filter((f) => kinds.has(f.rule))).toEqual(expect.arrayContaining(written));
    expect(report.findings.filter((f) => kinds.has(f.rule)).length).toBe(written.length);
  });

  it("reports every broken link of the ground truth with its post and link text, and nothing else", () => {
    const want = expectedPosts()
      .flatMap((p) => p.links.filter((l) => l.verdict === "broken").map((l) => `${p.id} ${l.text} ${l.href}`))
      .sort();
    const got = report.findings
      .filter((f) => f.rule === "broken-link" || f.rule === "dead-internal-link")
      .map((f) => `${f.postId} ${f.text} ${f.url}`)
      .sort();
    expect(got).toEqual(want);
    expect(report.summary.links.broken).toBe(want.length);
  });

  it("gives each broken link its reason", () => {
    expect(linkOf(report, "https://www.rsmh.se/brukarrevision/")).toMatchObject({
      verdict: "broken",
      status: 404,
      reason: "404",
    });
    expect(linkOf(report, "https://www.varna.nu/mia")).toMatchObject({ verdict: "broken", reason: "410" });
    expect(linkOf(report, "https://star.dk/bip")).toMatchObject({ verdict: "broken", reason: "500" });
    expect(linkOf(report, "https://www.sweco.se/utvardering-mia/")).toMatchObject({
      verdict: "broken",
      reason: "timeout",
    });
    expect(linkOf(report, "https://www.miaprojektet.se/2019/01/15/fika-i-jordbro-41560000")).toMatchObject({
      verdict: "broken",
      reason: "404 (dead internal link)",
      source: "snapshot",
    });
  });

  it("tells redirects (with the chain and the URL to use) and bot walls apart", () => {
    expect(linkOf(report, "https://finsamstockholmslan.se/kalendarium/")).toMatchObject({
      verdict: "redirected",
      permanent: true,
      finalUrl: "https://finsamstockholmslan.se/kalender/",
      chain: [{ url: "https://finsamstockholmslan.se/kalendarium/", status: 301 }],
    });
    expect(linkOf(report, "http://sida.se/")).toMatchObject({
      verdict: "redirected",
      finalUrl: "https://www.sida.se/",
    });
    expect(linkOf(report, "http://sida.se/")?.chain.map((h) => h.url)).toEqual(["http://sida.se/", "https://sida.se/"]);
    expect(linkOf(report, "https://www.linkedin.com/company/miaprojektet")).toMatchObject({
      verdict: "unverifiable",
      reason: "999 (bot wall)",
    });
    expect(linkOf(report, "https://www.huskurage.se/")).toMatchObject({
      verdict: "unverifiable",
      reason: "403 (cf-mitigated challenge)",
    });
    expect(linkOf(report, "https://www.instagram.com/annikastrandhall/")).toMatchObject({
      verdict: "unverifiable",
      reason: "429 after retries",
    });
    expect(linkOf(report, "mailto:helena.bajlo@haninge.se")).toMatchObject({ verdict: "ok" });
    expect([...new Set(report.findings.filter((f) => f.rule === "redirected-link").map((f) => f.url))].sort()).toEqual([
      "http://sida.se/",
      "http://www.esf.se/",
      "https://finsamstockholmslan.se/kalendarium/",
    ]);
  });

  it("locates every finding: post, file and line, and the text concerned", () => {
    for (const f of report.findings.filter((x) => x.rule.endsWith("-link") && x.rule !== "old-site-link")) {
      expect(f.postId, JSON.stringify(f)).toMatch(/^\d{8}$/);
      expect(f.file).toMatch(/^posts\/\d{4}\/\d{2}\/.+\.md$/);
      const line = readFileSync(join(out, f.file ?? ""), "utf8").split("\n")[(f.line ?? 0) - 1] ?? "";
      expect(line, JSON.stringify(f)).toContain(f.text || (f.url ?? ""));
    }
  });

  it("checks fragments into pages of the old site against the ids on the page", () => {
    expect(
      report.findings.filter((f) => f.rule === "missing-fragment").map((f) => [f.postId, f.text, f.message]),
    ).toEqual([["45850120", "hela programmet", 'no element with id "programmet" on the page']]);
  });

  it("finds the content problems the replica holds", () => {
    const rules = (id: string) => report.findings.filter((f) => f.rule === id);
    expect(rules("image-without-alt").map((f) => f.postId)).toEqual(["42311930"]);
    expect(rules("manual-hyphenation").map((f) => f.text)).toEqual(
      expect.arrayContaining(["Samordnings-förbundet", "projekt-målen"]),
    );
    expect(rules("http-link").map((f) => f.url)).toEqual(
      expect.arrayContaining(["http://www.esf.se/", "http://sida.se/", "http://www.jamstall.nu/"]),
    );
    expect(rules("template-text")).toEqual([]);
    expect(rules("encoding-damage")).toEqual([]);
    expect(rules("fidelity")).toEqual([]);
  });

  it("writes report.json, report.md and links.csv, the same on a second run", async () => {
    const json = readFileSync(join(out, "report/report.json"), "utf8");
    const md = readFileSync(join(out, "report/report.md"), "utf8");
    // In the MIA profile's language, Swedish; the rule ids stay in the legend.
    expect(md).toMatch(/^# mia-migrate: Innehålls- och länkrapport\n\n\| \| \|/);
    expect(md).toContain("- **Trasig länk** (`broken-link`, fel, 6)");
    expect(md).toContain("Gör så här: ");
    // No rule's English message left in the Swedish report.
    expect(md).not.toMatch(/broken: |answered \d|the post has|a left-over|the link target|redirects permanently/);
    const csv = readFileSync(join(out, "report/links.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toBe("post_id,post_url,file,element,text,url,verdict,status,reason,final_url");
    expect(csv.length - 1).toBe(report.summary.links.occurrences);
    await checkAndReport(options());
    expect(readFileSync(join(out, "report/report.json"), "utf8")).toBe(json);
  });

  it("is the same when migrate hands over the posts and documents it wrote instead of reading them back", async () => {
    const json = readFileSync(join(out, "report/report.json"), "utf8");
    const again = tempDir();
    const converted = convertSnapshot(snapshot, again, convertOptions(profile), { extracted: true });
    expect(converted.docs.size).toBe(converted.posts);
    const extracted = converted.extracted;
    if (!extracted) throw new Error("no spool");
    try {
      await checkAndReport(
        options({
          outDir: again,
          converted: { posts: extracted, findings: converted.findings, docs: converted.docs },
        }),
      );
    } finally {
      extracted.remove();
    }
    expect(readFileSync(join(again, "report/report.json"), "utf8")).toBe(json);
    for (const file of ["report.md", "links.csv", "report.html"])
      expect(readFileSync(join(again, "report", file), "utf8"), file).toBe(
        readFileSync(join(out, "report", file), "utf8"),
      );
  });
});

describe("rewritten links, checked against the output tree offline", () => {
  it("finds every target of a fresh output, in the plain and the Hugo layout", async () => {
    expect((await checkAndReport(options())).findings.filter((f) => f.rule === "missing-target")).toEqual([]);
    const hugo = tempDir();
    convertSnapshot(snapshot, hugo, convertOptions(profile, { layout: "hugo" }));
    expect(
      (await checkAndReport(options({ outDir: hugo }))).findings.filter((f) => f.rule === "missing-target"),
    ).toEqual([]);
  });

  it("reports a copied file or a page that is no longer there, with its file and line", async () => {
    const copy = tempDir();
    convertSnapshot(snapshot, copy, convertOptions(profile));
    const gita = join(copy, "posts/2021/11/vard-for-sexualbrottsutsatta.md");
    const image = /\]\((\/assets\/gita-rajan-[0-9a-f]{8}\.jpg)\)/.exec(readFileSync(gita, "utf8"))?.[1] ?? "";
    rmSync(join(copy, image));
    rmSync(join(copy, "posts/2021/11/ring-innan-valdet-eskalerar.md"));
    const found = (await checkAndReport(options({ outDir: copy }))).findings.filter(
      (f) => f.rule === "missing-target" && f.postId === "45881233",
    );
    expect(found.map((f) => f.message)).toEqual([
      `the link target ${image} is not in the output`,
      "the link target /posts/2021/11/ring-innan-valdet-eskalerar/ is not in the output",
    ]);
    const lines = readFileSync(gita, "utf8").split("\n");
    for (const f of found) expect(lines[(f.line ?? 0) - 1]).toContain(f.url);
  });
});

describe("requests", () => {
  it("checks a URL once however many posts link to it", async () => {
    await checkAndReport(options());
    const hits = server.log.filter((e) => e.host === "finsamstockholmslan.se" && e.path === "/kalendarium/");
    expect(hits.length).toBe(1);
    expect(hits[0]?.method).toBe("HEAD");
  });

  it("honours Retry-After per host", async () => {
    server.faults.add({ host: "www.wonsa.se", times: 1, action: { kind: "status", status: 503, retryAfter: "1" } });
    await checkAndReport(options());
    const wonsa = server.log.filter((e) => e.host === "www.wonsa.se");
    expect(wonsa.map((e) => e.status)).toEqual([503, 200]);
    expect((wonsa[1]?.start ?? 0) - (wonsa[0]?.end ?? 0)).toBeGreaterThanOrEqual(990);
  });

  it("makes no request for a success in a warm cache, and checks failures again", async () => {
    const cacheFile = join(tempDir(), "link-cache.json");
    await checkAndReport(options({ cacheFile }));
    const cold = server.log.filter((e) => e.host !== "www.miaprojektet.se").length;
    server.log.length = 0;
    const answered = new Map<string, string>();
    const warm = await checkAndReport(options({ cacheFile, onResult: (r) => answered.set(r.url, r.source) }));
    const requested = new Set(server.log.map((e) => `${e.host}${e.path}`));
    expect(cold).toBeGreaterThan(20);
    for (const l of warm.links.filter((x) => x.verdict === "ok" || x.verdict === "redirected")) {
      if (l.source === "snapshot" || !l.url.startsWith("http")) continue; // the old site's own pages, mailto:
      expect(answered.get(l.url), l.url).toBe("cache");
      expect(requested.has(new URL(l.url).host + new URL(l.url).pathname)).toBe(false);
    }
    expect(requested.has("www.rsmh.se/brukarrevision/")).toBe(true); // a failure is never cached
  });

  it("never hangs on a body that never ends", async () => {
    server.faults.add({ host: "www.voov.se", action: { kind: "endless" } });
    const r = await checkAndReport(options());
    expect(linkOf(r, "https://www.voov.se/")?.verdict).toMatch(/ok|broken/);
  });
});

describe("re-classified status codes (--status-verdict, or status-verdict: in the config file)", () => {
  it("gives a status the verdict the user chose, and leaves the others alone", async () => {
    const r = await checkAndReport(
      options({
        settings: settings({
          statusVerdicts: new Map([
            [999, "ok"],
            [410, "unverifiable"],
          ]),
        }),
      }),
    );
    expect(linkOf(r, "https://www.linkedin.com/company/miaprojektet")).toMatchObject({ verdict: "ok", status: 999 });
    expect(linkOf(r, "https://www.varna.nu/mia")).toMatchObject({ verdict: "unverifiable", status: 410 });
    expect(linkOf(r, "https://www.rsmh.se/brukarrevision/")).toMatchObject({ verdict: "broken", status: 404 });
    expect(r.findings.some((f) => f.url === "https://www.varna.nu/mia" && f.rule === "broken-link")).toBe(false);
  });
});

describe("links excluded by the user (--skip-link, or skip-link: in the config file)", () => {
  it("never requests them, reports them as skipped with the pattern, and checks the rest", async () => {
    const r = await checkAndReport(options({ settings: settings({ skip: [/^https:\/\/www\.rsmh\.se\//] }) }));
    expect(server.log.filter((e) => e.host === "www.rsmh.se")).toEqual([]);
    expect(linkOf(r, "https://www.rsmh.se/brukarrevision/")).toMatchObject({
      verdict: "skipped",
      reason: "excluded by the skip-link setting ^https:\\/\\/www\\.rsmh\\.se\\/",
    });
    expect(r.findings.some((f) => f.url === "https://www.rsmh.se/brukarrevision/" && f.rule === "broken-link")).toBe(
      false,
    );
    expect(linkOf(r, "https://www.linkedin.com/company/miaprojektet")?.verdict).toBe("unverifiable");
  });
});

describe("syntax-only checks", () => {
  it("checks mailto: and tel: without a request, and skips other schemes", () => {
    expect(checkSyntax("mailto:helena.bajlo@haninge.se")?.verdict).toBe("ok");
    expect(checkSyntax("mailto:helena.bajlo")?.verdict).toBe("broken");
    expect(checkSyntax("tel:+46 8 123 45 67")?.verdict).toBe("ok");
    expect(checkSyntax("ftp://x.se/")?.verdict).toBe("skipped");
    expect(checkSyntax("https://x.se/")).toBeNull();
  });
});

describe("the report's language", () => {
  it("is the profile's (Swedish for MIA) unless --lang says otherwise; a language it does not have is exit 3", async () => {
    const dir = tempDir();
    convertSnapshot(snapshot, dir, convertOptions(profile));
    // --skip-link .: no link is requested; the report is still written.
    const args = ["check-links", "--out", dir, "--from", snapshot, "--skip-link", "."];
    const sv = await cli(args);
    expect(sv.code).toBe(0);
    expect(sv.stderr).toMatch(/^länkar: \d+ kontrollerade \(0 fungerar, .*\); anmärkningar: \d+ fel, \d+ varningar/m);
    expect(readFileSync(join(dir, "report/report.md"), "utf8")).toMatch(/^# mia-migrate: Innehålls- och länkrapport/);
    const en = await cli([...args, "--lang", "en"]);
    expect(en.code).toBe(0);
    expect(en.stderr).toMatch(/^links: \d+ checked \(0 ok, .*\); findings: \d+ errors, \d+ warnings/m);
    expect(readFileSync(join(dir, "report/report.md"), "utf8")).toMatch(/^# mia-migrate: Content and link report/);
    expect(readFileSync(join(dir, "report/report.html"), "utf8")).toContain('<html lang="en">');
    const bad = await cli([...args, "--lang", "de"]);
    expect(bad.code).toBe(3);
    // commander's one line, and where to read more (as for every bad flag).
    expect(bad.stderr).toMatch(
      /^error: option '--lang <language>' argument 'de' is invalid\. Allowed choices are sv, en\./,
    );
  }, 60_000);
});
