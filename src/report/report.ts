// The QA report: every finding of every rule, sorted, with a summary. Stable across runs (no clock in
// it), so a CI diff shows only what changed. Its shape is documented in the README ("report.json").
import { csvRow } from "../escape/csv.js";
import { xmlText } from "../escape/html.js";
import type { LinkResult, Verdict } from "../links/checker.js";
import type { LinkOccurrence } from "../links/collect.js";
import type { Finding, PostContext, QaContext, Rule, RuleFinding, Severity } from "./finding.js";
import { RULES } from "./rules/index.js";

export interface Report {
  format: "mia-migrate-report/1";
  summary: {
    posts: number;
    links: { occurrences: number; unique: number } & Record<Verdict, number>;
    findings: Record<Severity, number>;
    byRule: Record<string, number>;
    /** YYYY-MM → posts of that month. */
    postsPerMonth: Record<string, number>;
  };
  rules: { id: string; severity: Severity; description: string }[];
  /** Every post with a finding, oldest first: what people know it by (findings name posts by id). */
  posts: ReportPost[];
  findings: Finding[];
  /** Every unique link with its check. */
  links: LinkResult[];
}

export interface ReportPost {
  id: string;
  title: string;
  /** YYYY-MM-DD. */
  date: string;
  /** The old page. */
  url: string;
  /** The Markdown file, relative to the output folder. */
  file?: string;
  /** The page's path on the new site. */
  page?: string;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Runs every rule: the whole-site ones once, the per-post ones over `posts`, one post at a time. */
export function buildReport(site: QaContext, posts: Iterable<PostContext>): Report {
  const label =
    (rule: Rule) =>
    (f: RuleFinding): Finding => ({ rule: rule.id, severity: rule.severity, ...f });
  const findings: Finding[] = RULES.flatMap((rule) => (rule.check?.(site) ?? []).map(label(rule)));
  const perPost = RULES.flatMap((rule) => (rule.forPosts ? [{ check: rule.forPosts(site), label: label(rule) }] : []));
  for (const pc of posts) for (const r of perPost) for (const f of r.check(pc)) findings.push(r.label(f));
  findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.rule.localeCompare(b.rule) ||
      a.postId.localeCompare(b.postId) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.url ?? "").localeCompare(b.url ?? "") ||
      a.text.localeCompare(b.text),
  );
  // A result from the cache of successes reads as the request it came from: the report stays the same
  // whether or not a run could use the cache (reruns after an interruption give identical files).
  const links = [...site.results.values()]
    .map((l) => (l.source === "cache" ? { ...l, source: "request" as const } : l))
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const verdicts: Record<Verdict, number> = { ok: 0, redirected: 0, broken: 0, unverifiable: 0, skipped: 0 };
  for (const l of links) verdicts[l.verdict]++;
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const byRule: Record<string, number> = {};
  for (const f of findings) {
    bySeverity[f.severity]++;
    byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  }
  const withFindings = new Set(findings.map((f) => f.postId));
  const reportPosts: ReportPost[] = [...site.posts]
    .filter((p) => withFindings.has(p.id))
    .sort((a, b) => a.date.localeCompare(b.date) || Number(a.id) - Number(b.id) || a.id.localeCompare(b.id))
    .map((p) => {
      const doc = site.docs.get(p.id);
      return {
        id: p.id,
        title: p.title,
        date: p.date.slice(0, 10),
        url: p.sourceUrl,
        ...(doc ? { file: doc.file } : {}),
        ...(doc?.url ? { page: doc.url } : {}),
      };
    });
  const postsPerMonth: Record<string, number> = {};
  for (const p of [...site.posts].sort((a, b) => a.date.localeCompare(b.date)))
    postsPerMonth[p.date.slice(0, 7)] = (postsPerMonth[p.date.slice(0, 7)] ?? 0) + 1;
  return {
    format: "mia-migrate-report/1",
    summary: {
      posts: site.posts.length,
      links: { occurrences: site.occurrences.length, unique: links.length, ...verdicts },
      findings: bySeverity,
      byRule,
      postsPerMonth,
    },
    rules: RULES.map((r) => ({ id: r.id, severity: r.severity, description: r.description })),
    posts: reportPosts,
    findings,
    links,
  };
}

/** report.json piece by piece, byte for byte what JSON.stringify(report, null, 2) + "\n" writes: a
 *  finding or link at a time (10,000 posts' report is a 10 MB string otherwise, held twice over). */
export function* reportJsonChunks(r: Report): Generator<string> {
  const at = (depth: number, json: string) => json.replace(/\n/g, "\n" + "  ".repeat(depth));
  const entries = Object.entries(r);
  yield "{\n";
  for (const [k, [key, value]] of entries.entries()) {
    const end = k < entries.length - 1 ? ",\n" : "\n";
    if (Array.isArray(value) && value.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (const [i, item] of value.entries())
        yield `    ${at(2, JSON.stringify(item, null, 2))}${i < value.length - 1 ? ",\n" : "\n"}`;
      yield `  ]${end}`;
    } else yield `  ${JSON.stringify(key)}: ${at(1, JSON.stringify(value, null, 2))}${end}`;
  }
  yield "}\n";
}

/** links.csv: one row per link occurrence, for spreadsheets. */
export function renderLinksCsv(
  occurrences: readonly LinkOccurrence[],
  results: ReadonlyMap<string, LinkResult>,
  fileOf: (postId: string) => string | undefined,
): string {
  const header = ["post_id", "post_url", "file", "element", "text", "url", "verdict", "status", "reason", "final_url"];
  const rows = occurrences.map((o) => {
    const r = results.get(o.url.replace(/#.*$/, ""));
    return csvRow([
      o.postId,
      o.postUrl,
      fileOf(o.postId),
      o.element,
      o.text,
      o.url,
      r?.verdict,
      r?.status,
      r?.reason,
      r?.finalUrl,
    ]);
  });
  return [csvRow(header), ...rows].join("\n") + "\n";
}

/** JUnit XML for CI dashboards: one test case per rule and post; errors fail, warnings and info pass. */
export function renderJunit(r: Report): string {
  const cases = r.rules.flatMap((rule) => {
    const fs = r.findings.filter((f) => f.rule === rule.id);
    if (fs.length === 0)
      return [`  <testcase classname="mia-migrate.${xmlText(rule.id)}" name="${xmlText(rule.id)}"/>`];
    const byPost = new Map<string, typeof fs>();
    for (const f of fs) byPost.set(f.postId || "site", [...(byPost.get(f.postId || "site") ?? []), f]);
    return [...byPost].map(([post, list]) => {
      const text = list
        .map((f) => `${f.file ?? ""}${f.line ? ":" + f.line : ""} ${f.message}: ${f.text}${f.url ? " " + f.url : ""}`)
        .join("\n");
      const body =
        rule.severity === "error"
          ? `<failure message="${xmlText(list[0]?.message ?? "")}">${xmlText(text)}</failure>`
          : `<system-out>${xmlText(text)}</system-out>`;
      return `  <testcase classname="mia-migrate.${xmlText(rule.id)}" name="${xmlText(post)}">${body}</testcase>`;
    });
  });
  const failures = cases.filter((c) => c.includes("<failure")).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="mia-migrate report" tests="${cases.length}" failures="${failures}">\n${cases.join("\n")}\n</testsuite>\n`;
}
