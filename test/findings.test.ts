// Every kind of problem the crawl, extraction and conversion can detect reaches the QA report, in every
// rendering, with its severity: the report is where editors and CI look, so a kind that stops short of
// it is a problem nobody hears of.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LANGS } from "../src/config/lang.js";
import { WORDS } from "../src/report/messages.js";
import { DETECTED_KINDS, detected, type DetectedKind, type Finding } from "../src/config/findings.js";
import { parseOriginMap } from "../src/http/origin-map.js";
import { checkAndReport } from "../src/pipeline/check.js";
import { checkSettings, convertOptions } from "../src/pipeline/settings.js";
import { loadProfile } from "../src/profiles/profile.js";
import { RULES } from "../src/report/rules/index.js";
import { tempDir } from "./helpers.js";

const KINDS = Object.keys(DETECTED_KINDS) as DetectedKind[];

/** One finding of each kind, as its stage makes it: site-level for crawl kinds, in a post otherwise. */
const sample = (kind: DetectedKind, i: number): Finding =>
  ["fetch-failed", "not-found", "unreadable-post"].includes(kind)
    ? detected(kind, {
        postId: "",
        postUrl: "",
        text: `https://www.miaprojektet.se/sida-${i}`,
        url: `https://www.miaprojektet.se/sida-${i}`,
        message: `${kind} message`,
      })
    : detected(kind, {
        postId: String(45000000 + i),
        postUrl: `https://www.miaprojektet.se/2021/11/16/inlagg-${45000000 + i}`,
        file: `posts/inlagg-${i}.md`,
        line: 7,
        text: `text of ${kind}`,
        message: `${kind} message`,
      });

describe("every detected kind reaches the report", () => {
  it("has a report rule for each kind, with the kind's severity (and no two rules share an id)", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const kind of KINDS)
      expect(RULES.find((r) => r.id === kind)?.severity, kind).toBe(DETECTED_KINDS[kind].severity);
  });

  it("writes each kind's finding into report.json as it was detected, and names it in every rendering", async () => {
    const findings = KINDS.map(sample);
    const out = tempDir();
    await checkAndReport({
      converted: { posts: [], findings },
      snapshotDir: null,
      outDir: out,
      convert: convertOptions(loadProfile()),
      originMap: parseOriginMap([]),
      settings: checkSettings(),
      cacheFile: null,
      cacheAgeMs: 0,
    });
    const report = JSON.parse(readFileSync(join(out, "report/report.json"), "utf8")) as {
      findings: Finding[];
      summary: { byRule: Record<string, number> };
    };
    for (const f of findings) {
      expect(report.findings, f.rule).toContainEqual(f);
      expect(report.summary.byRule[f.rule], f.rule).toBe(1);
    }
    const md = readFileSync(join(out, "report/report.md"), "utf8");
    const html = readFileSync(join(out, "report/report.html"), "utf8");
    const junit = readFileSync(join(out, "report/junit.xml"), "utf8");
    // People read each kind by its title in the profile's language (Swedish for MIA); the id stays in
    // the Markdown's legend and in junit.xml.
    for (const kind of KINDS) {
      const title = WORDS.sv.rules[kind]?.title ?? "(none)";
      expect(md, kind).toContain(`**${title}** (\`${kind}\``);
      expect(html, kind).toContain(title);
      expect(junit, kind).toContain(`mia-migrate.${kind}"`);
    }
  });

  it("has a title, an explanation and what to do for every kind and rule, in every language", () => {
    for (const lang of LANGS)
      for (const rule of RULES) {
        const w = WORDS[lang].rules[rule.id];
        expect(w?.title, `${lang} ${rule.id}`).toBeTruthy();
        expect(w?.about, `${lang} ${rule.id}`).toBeTruthy();
        expect(w?.todo, `${lang} ${rule.id}`).toBeTruthy();
      }
    expect(Object.keys(WORDS.sv.rules).sort()).toEqual(RULES.map((r) => r.id).sort());
    expect(Object.keys(WORDS.en.rules).sort()).toEqual(RULES.map((r) => r.id).sort());
  });
});
