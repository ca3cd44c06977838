// The report's catalogue (src/report/messages.ts): Swedish numbers and dates as Swedish writes them, and
// a finding's sentence made from its params, not from the English message.
import { describe, expect, it } from "vitest";
import type { Finding } from "../src/config/findings.js";
import { declaredLang } from "../src/probe/profile-yaml.js";
import { findingSentence, formatDate, formatMonth, formatNumber, summaryLine, WORDS } from "../src/report/messages.js";

const finding = (over: Partial<Finding>): Finding => ({
  rule: "short-post",
  severity: "warning",
  postId: "1",
  postUrl: "https://www.miaprojektet.se/2021/11/19/x-1",
  text: "Rubrik",
  message: "the post has only 42 characters of text",
  ...over,
});

describe("the report's words", () => {
  it("writes numbers and dates as Swedish and English write them", () => {
    expect(formatNumber(WORDS.sv, 1234)).toBe("1\u00a0234");
    expect(formatNumber(WORDS.en, 1234)).toBe("1,234");
    expect(formatDate(WORDS.sv, "2026-12-02")).toBe("2 december 2026");
    expect(formatDate(WORDS.en, "2026-12-02")).toBe("2 December 2026");
    expect(formatMonth(WORDS.sv, "2017-09")).toBe("september 2017");
    expect(formatDate(WORDS.sv, "okänt")).toBe("okänt");
  });

  it("says a finding in Swedish from its params, never with the English message", () => {
    expect(findingSentence(WORDS.sv, finding({ params: { chars: 42 } }), undefined)).toBe(
      "Inlägget har bara 42 tecken text",
    );
    expect(findingSentence(WORDS.en, finding({ params: { chars: 42 } }), undefined)).toBe(
      "the post has only 42 characters of text",
    );
    const broken = finding({
      rule: "broken-link",
      severity: "error",
      url: "https://x.example/",
      message: "broken: 404",
    });
    const link = {
      url: "https://x.example/",
      verdict: "broken" as const,
      status: 404,
      chain: [],
      source: "request" as const,
    };
    expect(findingSentence(WORDS.sv, broken, link)).toBe("Sidan finns inte (404)");
    expect(findingSentence(WORDS.sv, broken, { ...link, status: undefined, reason: "timeout" })).toBe(
      "Svarar inte inom tidsgränsen",
    );
    // A kind with no sentence of its own is said by its title alone in Swedish.
    expect(findingSentence(WORDS.sv, finding({ rule: "no-tags", message: "the post has no tags" }), undefined)).toBe(
      "",
    );
  });

  it("prints the summary line in the report's language", () => {
    const summary = {
      posts: 2000,
      links: { occurrences: 3000, unique: 2752, ok: 2700, redirected: 40, broken: 10, unverifiable: 2, skipped: 0 },
      findings: { error: 10, warning: 1234, info: 5 },
      byRule: {},
      postsPerMonth: {},
    };
    expect(summaryLine(WORDS.sv, summary, "ut/report/report.md")).toBe(
      "länkar: 2\u00a0752 kontrollerade (2\u00a0700 fungerar, 40 omdirigerade, 10 trasiga, 2 gick inte att kontrollera, 0 hoppades över); anmärkningar: 10 fel, 1\u00a0234 varningar, 5 upplysningar (se ut/report/report.md)",
    );
    expect(summaryLine(WORDS.en, summary, "out/report/report.md")).toMatch(/^links: 2,752 checked \(2,700 ok, /);
  });
});

describe("a probed profile's language", () => {
  it("is what most sampled pages declare, if the report is written in it", () => {
    expect(declaredLang(["sv-SE", "sv", "en", undefined]).value).toBe("sv");
    expect(declaredLang(["en-GB", "en"]).value).toBe("en");
    const german = declaredLang(["de", "de"]);
    expect(german.value).toBe("en");
    expect(german.evidence).toContain('lang="de"');
    expect(declaredLang([undefined]).evidence).toBe("the pages do not say");
  });
});
