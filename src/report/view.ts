// The report as its readers see it, in their language: every finding with its kind's title, its sentence
// and what to do, grouped by the post it concerns (title, date, old page, new file). report.md and
// report.html both render this; report.json keeps the ids and rule ids machines read. Pure.
import type { Finding, Severity } from "../config/findings.js";
import type { LinkResult } from "../links/checker.js";
import { findingSentence, formatDate, ruleWords, WORDS, type Lang, type Words } from "./messages.js";
import { stripFragment } from "./finding.js";
import type { Report, ReportPost } from "./report.js";

export interface FindingView {
  severity: Severity;
  severityLabel: string;
  rule: string;
  /** The kind's title ("Trasig länk"). */
  title: string;
  sentence: string;
  todo: string;
  text: string;
  url?: string;
  /** The link's final address, when it redirects. */
  finalUrl?: string;
  file?: string;
  line?: number;
  postId: string;
  /** The post's title, or "" for a finding about the site. */
  postTitle: string;
  postUrl: string;
}

export interface PostView {
  post: ReportPost;
  /** The date as people write it ("19 november 2021"). */
  date: string;
  findings: FindingView[];
}

export interface ReportView {
  words: Words;
  /** Findings about the site as a whole (a page that failed, a file not found). */
  site: FindingView[];
  /** Posts with findings, oldest first. */
  posts: PostView[];
  /** Every finding, in the report's order (severity, rule, post). */
  rows: FindingView[];
}

export function reportView(r: Report, lang: Lang): ReportView {
  const w = WORDS[lang];
  const links = new Map(r.links.map((l) => [l.url, l]));
  const postsById = new Map(r.posts.map((p) => [p.id, p]));
  const view = (f: Finding): FindingView => {
    const link: LinkResult | undefined = f.url ? links.get(stripFragment(f.url)) : undefined;
    const words = ruleWords(w, f.rule);
    return {
      severity: f.severity,
      severityLabel: w.ui.severities[f.severity],
      rule: f.rule,
      title: words.title,
      sentence: findingSentence(w, f, link),
      todo: words.todo,
      text: f.text,
      ...(f.url ? { url: f.url } : {}),
      ...(link?.finalUrl && link.finalUrl !== f.url ? { finalUrl: link.finalUrl } : {}),
      ...(f.file ? { file: f.file } : {}),
      ...(f.line ? { line: f.line } : {}),
      postId: f.postId,
      postTitle: postsById.get(f.postId)?.title ?? "",
      postUrl: f.postUrl,
    };
  };
  const rows = r.findings.map(view);
  const byPost = new Map<string, FindingView[]>();
  for (const row of rows) {
    const own = byPost.get(row.postId);
    if (own) own.push(row);
    else byPost.set(row.postId, [row]);
  }
  // A finding about a post the report does not list (none should be) is kept with the site's.
  const site = rows.filter((row) => row.postId === "" || !postsById.has(row.postId));
  const posts = r.posts.map((post) => ({ post, date: formatDate(w, post.date), findings: byPost.get(post.id) ?? [] }));
  return { words: w, site, posts, rows };
}

/** An address as people read it ("studiebesök", not "studiebes%C3%B6k"); a link's href stays as it is. */
export function readableUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/** A finding's text as shown: an address that stands as the text is shown readable too. */
export const shownText = (text: string): string => (/^https?:\/\//i.test(text) ? readableUrl(text) : text);

/** A file of the output as a link from report/ (where the reports are written). */
export const fromReportDir = (file: string): string => `../${file.split("/").map(encodeURIComponent).join("/")}`;
