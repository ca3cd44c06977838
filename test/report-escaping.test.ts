// The QA report's renderings carry content (link texts, URLs, titles) to the people who open them: in
// report.html a javascript:, data: or vbscript: URL is never a link and markup shows as text (opened
// in Chromium); report.md holds no raw HTML (rendered by markdown-it, as GitHub and GitLab render it,
// with raw HTML on); links.csv has no cell a spreadsheet would run as a formula; junit.xml parses.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { renderDiffMarkdown } from "../src/archive/diff.js";
import { csvCell } from "../src/escape/csv.js";
import type { LinkResult } from "../src/links/checker.js";
import { renderHtml } from "../src/report/render-html.js";
import { renderMarkdown } from "../src/report/render-markdown.js";
import { renderJunit, renderLinksCsv, reportJsonChunks, type Report } from "../src/report/report.js";
import { CHROMIUM, launchChromium, tempDir } from "./helpers.js";

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI) throw new Error("chromium is not installed: .ci/run installs it");

const BAD_URLS = [
  "javascript:window.__pwned=1",
  " JavaScript:window.__pwned=1",
  "java\tscript:window.__pwned=1",
  "data:text/html,<script>window.__pwned=1</script>",
  "vbscript:msgbox(1)",
];
const TEXT = `<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>`;

function hostileReport(): Report {
  const findings = BAD_URLS.map((url, i) => ({
    rule: "broken-link",
    severity: "error" as const,
    postId: String(45000000 + i),
    postUrl: url,
    text: TEXT,
    url,
    message: `broken: ${TEXT}`,
  }));
  const links: LinkResult[] = BAD_URLS.map((url) => ({
    url,
    verdict: "broken",
    reason: TEXT,
    chain: [],
    finalUrl: url,
    source: "request",
  }));
  links.push({ url: "https://www.example.org/ok", verdict: "ok", chain: [], source: "request" });
  return {
    format: "mia-migrate-report/1",
    summary: {
      posts: 1,
      links: { occurrences: 6, unique: 6, ok: 1, redirected: 0, broken: 5, unverifiable: 0, skipped: 0 },
      findings: { error: 5, warning: 0, info: 0 },
      byRule: { "broken-link": 5 },
      postsPerMonth: { "2021-11": 1 },
    },
    rules: [{ id: "broken-link", severity: "error", description: "A link that does not answer." }],
    // Titles and files are content too: shown by title in the grouped view.
    posts: findings.map((f) => ({
      id: f.postId,
      title: TEXT,
      date: "2021-11-19",
      url: f.postUrl,
      file: `posts/${TEXT}.md`,
    })),
    findings,
    links,
  };
}

describe.skipIf(!hasChromium)("report.html with hostile URLs and texts, in Chromium", () => {
  it.each(["sv", "en"] as const)(
    "runs no script, links no script URL, and shows the markup as text (%s)",
    async (lang) => {
      const file = join(tempDir(), "report.html");
      writeFileSync(file, renderHtml(hostileReport(), lang));
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const dialogs: string[] = [];
        page.on("dialog", (d) => void dialogs.push(d.message()));
        await page.goto(pathToFileURL(file).href);
        const result = await page.evaluate(() => ({
          pwned: (window as unknown as { __pwned?: unknown }).__pwned,
          hrefs: Array.from(document.querySelectorAll("a")).map((a) => a.getAttribute("href") ?? ""),
          imgs: document.querySelectorAll("img").length,
          scripts: document.querySelectorAll("script").length,
          text: document.body.textContent ?? "",
        }));
        expect(result.pwned).toBeUndefined();
        expect(dialogs).toEqual([]);
        expect(result.imgs).toBe(0);
        expect(result.scripts).toBe(2); // the page's own: its data and its code
        expect(result.hrefs.length).toBeGreaterThan(0);
        // The safe link, the new files (our own paths, each segment percent-encoded), the page's own sections.
        for (const h of result.hrefs)
          expect(h).toMatch(/^(?:https:\/\/www\.example\.org\/ok|\.\.\/posts\/[^<>"':]+\.md|#[a-z-]+)$/);
        expect(result.text).toContain("javascript:window.__pwned=1");
        expect(result.text).toContain("<script>window.__pwned=1</script>");
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});

describe("report.md", () => {
  it.each(["sv", "en"] as const)(
    "holds no raw HTML and no script link when rendered with raw HTML allowed (%s)",
    (lang) => {
      const html = new MarkdownIt({ html: true, linkify: false }).render(renderMarkdown(hostileReport(), lang));
      expect(html).not.toMatch(/<script|<img/i);
      expect(html).not.toMatch(/href="\s*(javascript|vbscript|data):/i);
      expect(html).toContain("&lt;script&gt;");
    },
  );
});

describe("links.csv", () => {
  it("neutralises cells a spreadsheet would run as formulas", () => {
    for (const cell of ['=HYPERLINK("https://evil.example","klicka")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
      expect(csvCell(cell).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell("Vanlig text, med komma")).toBe('"Vanlig text, med komma"');
    expect(csvCell(404)).toBe("404");
    const csv = renderLinksCsv(
      [
        {
          postId: "1",
          postUrl: "https://www.miaprojektet.se/x-1",
          element: "a",
          text: "=cmd|' /C calc'!A0",
          url: "https://example.org/",
          block: 0,
        },
      ],
      new Map(),
      () => undefined,
    );
    expect(csv.split("\n")[1]).toContain(`,'=cmd|' /C calc'!A0,`);
  });
});

describe("junit.xml", () => {
  it("escapes every text and drops control characters XML forbids", () => {
    const r = hostileReport();
    r.findings[0]!.message = "a\u0000b\u001bc <&>";
    const xml = renderJunit(r);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(xml).not.toContain("<script");
    expect(xml).toContain("&lt;script&gt;");
  });
});

describe("an archive run's diff.md", () => {
  it("shows hostile titles, links and changed text as text: no raw HTML, no script link, the code block holds", () => {
    const title = "<script>window.__pwned=1</script>](javascript:alert(1))";
    const md = renderDiffMarkdown({
      from: "20261201000000",
      to: "20261202000000",
      added: [{ id: "1", url: "https://www.miaprojektet.se/a)(b-1", title }],
      removed: [],
      changed: [
        {
          id: "2",
          url: "https://www.miaprojektet.se/c-2",
          title,
          fields: ["text"],
          textDiff: ["- ```", "+ <img src=x onerror=window.__pwned=1>"],
          linksAdded: ["javascript:alert(1)"],
          linksRemoved: [],
        },
      ],
      summary: { added: 1, removed: 0, changed: 1, linksAdded: 1, linksRemoved: 0 },
    });
    const html = new MarkdownIt({ html: true }).render(md);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).not.toMatch(/href="\s*javascript:/i);
    expect(html).toContain("&lt;img src=x onerror=window.__pwned=1&gt;");
  });
});

describe("report.json", () => {
  it("is written piece by piece exactly as JSON.stringify writes it, hostile texts included", () => {
    const r = hostileReport();
    expect([...reportJsonChunks(r)].join("")).toBe(JSON.stringify(r, null, 2) + "\n");
    const empty = { ...r, findings: [], links: [], posts: [] };
    expect([...reportJsonChunks(empty)].join("")).toBe(JSON.stringify(empty, null, 2) + "\n");
  });
});
