// report.html as its readers see it: opened offline in headless Chromium (Debian's package, driven by
// playwright-core) on a phone's width (390 px) and a desktop's (1280 px). No console errors, no request
// off the file; the counts equal report.json's; Swedish by default for the MIA profile (English with
// lang en); every post with findings listed by its title; no sideways scrolling; axe-core finds no
// serious or critical violation; the tables sort by keyboard and filter; print hides the controls.
// Screenshots are saved under output/test-artifacts/. .ci/run installs chromium; without it this test is
// skipped locally and fails in CI.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startReplica, type ReplicaServer } from "../fixtures/server.js";
import { convertOptions } from "../src/pipeline/settings.js";
import { defaults } from "../src/config/defaults.js";
import { parseOriginMap } from "../src/http/origin-map.js";
import { checkAndReport } from "../src/pipeline/check.js";
import { convertSnapshot } from "../src/pipeline/convert.js";
import { loadProfile } from "../src/profiles/profile.js";
import { renderHtml } from "../src/report/render-html.js";
import type { Report } from "../src/report/report.js";
import { CHROMIUM, launchChromium, replicaSnapshot, ROOT, tempDir } from "./helpers.js";

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI)
  throw new Error("chromium is not installed: .ci/run installs it (apt-get install -y chromium)");
if (!hasChromium) console.warn("report-html.test: /usr/bin/chromium not found, skipped (apt-get install -y chromium)");

const ARTIFACTS = join(ROOT, "output/test-artifacts");
const WIDTHS = [390, 1280] as const;
const SWEDISH_DATE =
  /^\d{1,2} (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december) \d{4}$/;

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
    writeFileSync(join(out, "report/report-en.html"), renderHtml(report, "en"));
    mkdirSync(ARTIFACTS, { recursive: true });
    // The flags Chromium needs on this workplace's closed network (see the env notes), and as root.
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(
    width: number,
    file = "report.html",
  ): Promise<{ page: Page; errors: string[]; requests: string[] }> {
    // A context of its own (axe-core opens a page beside it), closed with the page.
    const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto("file://" + join(out, "report", file));
    return { page, errors, requests };
  }
  const number = (s: string | null) => Number((s ?? "").replace(/[\s\u00a0\u202f]/g, ""));

  it("opens offline in Swedish (the MIA profile's language) with report.json's counts", async () => {
    const { page, errors, requests } = await open(1280);
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith("file://"))).toEqual([]); // self-contained
    expect(await page.getAttribute("html", "lang")).toBe("sv");
    expect(await page.locator("h1").textContent()).toBe("Innehålls- och länkrapport");
    const body = (await page.locator("body").textContent()) ?? "";
    for (const text of ["Inlägg för inlägg", "Gör så här:", "Trasig länk", "Bilden saknar alternativtext"])
      expect(body).toContain(text);
    const count = async (id: string) => number(await page.locator(`[data-count="${id}"]`).textContent());
    const s = report.summary;
    expect(await count("posts")).toBe(s.posts);
    expect(await count("links")).toBe(s.links.unique);
    expect(await count("broken")).toBe(s.links.broken);
    expect(await count("errors")).toBe(s.findings.error);
    expect(await count("warnings")).toBe(s.findings.warning);
    expect(await count("infos")).toBe(s.findings.info);
    expect(await page.locator(".bars").first().locator("li").count()).toBe(Object.keys(s.postsPerMonth).length);
    expect(await page.locator("#findings tbody tr").count()).toBe(report.findings.length);
    expect(await page.locator("#links tbody tr").count()).toBe(report.links.length);
    await page.context().close();
  }, 60_000);

  it("lists every post with findings by its title and date, with its old page, its new file and what to do", async () => {
    const { page } = await open(1280);
    const withFindings = [...new Set(report.findings.map((f) => f.postId).filter(Boolean))].sort();
    expect(withFindings.length).toBeGreaterThan(10);
    expect(report.posts.map((p) => p.id).sort()).toEqual(withFindings);
    const sections = page.locator("section.post[id^=post-]");
    expect(await sections.count()).toBe(withFindings.length);
    for (const p of report.posts) {
      const section = page.locator(`#post-${p.id}`);
      expect(await section.locator("h3").textContent()).toBe(p.title);
      expect(await section.locator("time").textContent()).toMatch(SWEDISH_DATE);
      expect(await section.locator(".meta a").first().getAttribute("href")).toBe(p.url);
      expect(await section.locator(".meta a code").textContent()).toBe(p.file);
      expect(await section.locator("li").count()).toBe(report.findings.filter((f) => f.postId === p.id).length);
      expect(await section.locator(".todo").count()).toBe(await section.locator("li").count());
    }
    // The table names posts by title too (the id stays in report.json and links.csv).
    const postCells = await page.locator("#findings tbody td:nth-child(3)").allTextContents();
    expect(postCells.some((c) => /^\d{8}$/.test(c))).toBe(false);
    expect(postCells).toContain(report.posts[0]?.title);
    await page.context().close();
  }, 60_000);

  for (const width of WIDTHS)
    it(`fits ${width} px without sideways scrolling, and axe-core finds nothing serious`, async () => {
      const { page, errors } = await open(width);
      expect(errors).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      // Nothing inside reaches past the right edge either (a chart bar, a long URL, a table).
      const wide = await page.evaluate(() =>
        Array.from(document.querySelectorAll("body *"))
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
          .map((e) => e.tagName + "." + e.className)
          .slice(0, 5),
      );
      expect(wide).toEqual([]);
      if (width === 390) {
        const cellDisplay = await page
          .locator("#findings tbody td")
          .first()
          .evaluate((td) => getComputedStyle(td).display);
        expect(cellDisplay).toBe("block"); // stacked rows
      }
      const axe = await new AxeBuilder({ page }).analyze();
      const bad = axe.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map(
          (v) =>
            `${v.id}: ${v.nodes
              .map((n) => n.target.join(" "))
              .slice(0, 3)
              .join(", ")}`,
        );
      expect(bad).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `report-${width}.png`) });
      expect(readFileSync(join(ARTIFACTS, `report-${width}.png`)).length).toBeGreaterThan(10_000);
      await page.context().close();
    }, 90_000);

  it("sorts by keyboard and filters, and says the order", async () => {
    const { page } = await open(1280);
    const verdict = page.locator("#links th button", { hasText: "Resultat" });
    await verdict.focus();
    await page.keyboard.press("Enter");
    expect(await page.locator("#links th").nth(1).getAttribute("aria-sort")).toBe("ascending");
    expect(await page.locator("#links tbody tr td:nth-child(2)").first().textContent()).toBe("fungerar");
    await page.keyboard.press("Enter");
    expect(await page.locator("#links th").nth(1).getAttribute("aria-sort")).toBe("descending");
    expect(await page.locator("#links tbody tr td:nth-child(2)").first().textContent()).toBe("trasiga");
    await page.selectOption("#severity", "error");
    expect(await page.locator("#findings tbody tr").count()).toBe(report.summary.findings.error);
    await page.fill("#filter", "rsmh");
    expect(await page.locator("#findings tbody tr").count()).toBe(1);
    await page.context().close();
  }, 60_000);

  it("prints the posts without the controls and tables", async () => {
    const { page } = await open(1280);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("#table-view").isVisible()).toBe(false);
    expect(await page.locator(".filters").first().isVisible()).toBe(false);
    expect(await page.locator("section.post").first().isVisible()).toBe(true);
    await page.context().close();
  }, 60_000);

  it("is in English with lang en", async () => {
    const { page, errors } = await open(390, "report-en.html");
    expect(errors).toEqual([]);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.locator("h1").textContent()).toBe("Content and link report");
    const body = (await page.locator("body").textContent()) ?? "";
    expect(body).toContain("What to do:");
    expect(body).not.toContain("Gör så här");
    expect(await page.locator("section.post time").first().textContent()).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    await page.context().close();
  }, 60_000);
});
