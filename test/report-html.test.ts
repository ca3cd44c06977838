// report.html as a person sees it: opened offline in headless Chromium (Debian's package, driven by
// playwright-core), no console errors, the counts shown equal report.json's, sorting and filtering work.
// .ci/run installs chromium; without it this test is skipped locally and fails in CI.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startReplica, type ReplicaServer } from "../fixtures/server.js";
import { convertOptions } from "../src/pipeline/settings.js";
import { defaults } from "../src/config/defaults.js";
import { parseOriginMap } from "../src/http/origin-map.js";
import { checkAndReport } from "../src/pipeline/check.js";
import { convertSnapshot } from "../src/pipeline/convert.js";
import { loadProfile } from "../src/profiles/profile.js";
import type { Report } from "../src/report/report.js";
import { CHROMIUM, launchChromium, replicaSnapshot, ROOT, tempDir } from "./helpers.js";

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI)
  throw new Error("chromium is not installed: .ci/run installs it (apt-get install -y chromium)");
if (!hasChromium) console.warn("report-html.test: /usr/bin/chromium not found, skipped (apt-get install -y chromium)");

describe.skipIf(!hasChromium)("report.html in Chromium", () => {
  let server: ReplicaServer;
  let browser: Browser;
  let out: string;
  let report: Report;

  beforeAll(async () => {
    server = await startReplica();
    const profile = loadProfile();
    const snapshot = await replicaSnapshot(server.url);
    out = tempDir();
    convertSnapshot(snapshot, out, convertOptions(profile));
    report = await checkAndReport({
      snapshotDir: snapshot,
      outDir: out,
      convert: convertOptions(profile),
      originMap: parseOriginMap([`*=${server.url}`]),
      settings: { ...defaults.links, userAgent: defaults.userAgent, siteGapMs: 0, timeoutMs: 1000 },
      cacheFile: null,
      cacheAgeMs: 0,
    });
    // The flags Chromium needs on this workplace's closed network (see the env notes), and as root.
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("opens offline with no console errors and shows report.json's counts, charts and tables", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto("file://" + join(out, "report/report.html"));
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith("file://"))).toEqual([]); // self-contained
    const count = async (id: string) => Number(await page.locator(`[data-count="${id}"]`).textContent());
    const s = report.summary;
    expect(await count("posts")).toBe(s.posts);
    expect(await count("links")).toBe(s.links.unique);
    expect(await count("broken")).toBe(s.links.broken);
    expect(await count("errors")).toBe(s.findings.error);
    expect(await count("warnings")).toBe(s.findings.warning);
    expect(await count("infos")).toBe(s.findings.info);
    expect(await page.locator("#chart-months .bar").count()).toBe(Object.keys(s.postsPerMonth).length);
    expect(await page.locator("#findings tbody tr").count()).toBe(report.findings.length);
    expect(await page.locator("#links tbody tr").count()).toBe(report.links.length);
    // A finding links to the old URL of its post.
    expect(await page.locator("#findings tbody tr a").first().getAttribute("href")).toMatch(
      /^https:\/\/www\.miaprojektet\.se\//,
    );

    await page.selectOption("#severity", "error");
    expect(await page.locator("#findings tbody tr").count()).toBe(s.findings.error);
    await page.fill("#filter", "rsmh");
    expect(await page.locator("#findings tbody tr").count()).toBe(1);
    await page.fill("#filter", "");
    await page.selectOption("#severity", "");
    await page.locator("#links th", { hasText: "Verdict" }).click();
    const first = await page.locator("#links tbody tr td:nth-child(2)").first().textContent();
    expect(first).toBe("broken"); // alphabetical: broken before ok, redirected …

    await page.evaluate(() => window.scrollTo(0, 0));
    mkdirSync(join(ROOT, "output"), { recursive: true });
    await page.screenshot({ path: join(ROOT, "output/report-html.png"), fullPage: false });
    expect(readFileSync(join(ROOT, "output/report-html.png")).length).toBeGreaterThan(10_000);
  }, 60_000);
});
