// report.md: the report for a CI log, a merge request or a mail, in the report's language. The summary,
// then every post with findings by title (date, old page, new file), each finding with what to do, then
// the kinds of findings with their rule ids (the ids report.json, links.csv and junit.xml use).
import { markdownAutolink, markdownInline, markdownUrl } from "../escape/markdown.js";
import { cap, formatNumber, ruleWords, type Lang, type Words } from "./messages.js";
import type { Report } from "./report.js";
import { fromReportDir, reportView, shownText, type FindingView } from "./view.js";

function item(w: Words, f: FindingView): string[] {
  const text = f.text && f.text !== f.url ? ` ”${markdownInline(shownText(f.text))}”` : "";
  const url = f.url ? ` ${markdownAutolink(f.url)}` : "";
  const final = f.finalUrl ? ` → ${markdownAutolink(f.finalUrl)}` : "";
  const line = f.file && f.line ? ` (${w.ui.line} ${f.line})` : "";
  return [
    `- **${markdownInline(f.severityLabel)} · ${markdownInline(f.title)}**${f.sentence ? `: ${markdownInline(f.sentence)}.` : ""}${text}${url}${final}${line}  `,
    `  ${markdownInline(w.ui.todo)}: ${markdownInline(f.todo)}`,
  ];
}

export function renderMarkdown(r: Report, lang: Lang = "en"): string {
  return [...markdownChunks(r, lang)].join("");
}

/** report.md piece by piece, a post at a time (written as it is made: check.ts). */
export function* markdownChunks(r: Report, lang: Lang = "en"): Generator<string> {
  const v = reportView(r, lang);
  const w = v.words;
  const n = (x: number) => formatNumber(w, x);
  const s = r.summary;
  const u = w.ui;
  const lines = [
    `# mia-migrate: ${u.title}`,
    "",
    "| | |",
    "|---|---|",
    `| ${cap(u.posts)} | ${n(s.posts)} |`,
    `| ${cap(u.uniqueLinks)} | ${n(s.links.unique)} (${n(s.links.occurrences)} ${u.linksInPosts}) |`,
    `| ${cap(u.verdicts.ok)} / ${u.verdicts.redirected} / ${u.verdicts.broken} / ${u.verdicts.unverifiable} / ${u.verdicts.skipped} | ${n(s.links.ok)} / ${n(s.links.redirected)} / ${n(s.links.broken)} / ${n(s.links.unverifiable)} / ${n(s.links.skipped)} |`,
    `| ${cap(u.severityCounts.error)} / ${u.severityCounts.warning} / ${u.severityCounts.info} | ${n(s.findings.error)} / ${n(s.findings.warning)} / ${n(s.findings.info)} |`,
    "",
    `## ${u.byPost}`,
    "",
    v.rows.length ? u.byPostIntro : u.noFindings,
    "",
  ];
  if (v.site.length) lines.push(`### ${u.site}`, "", ...v.site.flatMap((f) => item(w, f)), "");
  yield lines.join("\n") + "\n";
  for (const p of v.posts) {
    const file = p.post.file
      ? ` · ${u.newFile}: [${markdownInline(p.post.file)}](${markdownUrl(fromReportDir(p.post.file))})`
      : "";
    yield (
      [
        `### ${markdownInline(p.post.title || p.post.id)}`,
        "",
        `${markdownInline(p.date)} · ${u.oldPage}: ${markdownAutolink(p.post.url)}${file}`,
        "",
        ...p.findings.flatMap((f) => item(w, f)),
        "",
      ].join("\n") + "\n"
    );
  }
  const legend = [`## ${u.rules}`, ""];
  for (const rule of r.rules) {
    const count = s.byRule[rule.id] ?? 0;
    if (count === 0) continue;
    const words = ruleWords(w, rule.id);
    legend.push(
      `- **${markdownInline(words.title)}** (\`${rule.id}\`, ${u.severities[rule.severity].toLowerCase()}, ${n(count)}): ${markdownInline(words.about || rule.description)}`,
    );
  }
  legend.push("");
  yield legend.join("\n");
}
