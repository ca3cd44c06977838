// What changed on the site between two archive runs: posts added, removed and changed (which fields, and
// a short diff of the text), and links added or removed. Pure: the posts in, the diff out.
import { markdownAutolink, markdownFence, markdownInline, markdownUrl } from "../escape/markdown.js";
import { loadOwnHtml } from "../extract/own-html.js";
import type { Post } from "../extract/post.js";

/** The part of a post that a diff compares (kept beside each run as posts.json). */
export interface ArchivedPost {
  id: string;
  url: string;
  title: string;
  date: string;
  tags: string[];
  /** The body's text, a block (paragraph, heading, caption, list item) a line. */
  text: string[];
  /** Every link and image URL of the body, sorted. */
  links: string[];
}

export interface PostChange {
  id: string;
  url: string;
  title: string;
  fields: string[];
  /** Up to TEXT_DIFF_LINES lines: "- " removed, "+ " added blocks of text. */
  textDiff: string[];
  linksAdded: string[];
  linksRemoved: string[];
}

export interface RunDiff {
  from: string | null;
  to: string;
  added: { id: string; url: string; title: string }[];
  removed: { id: string; url: string; title: string }[];
  changed: PostChange[];
  summary: { added: number; removed: number; changed: number; linksAdded: number; linksRemoved: number };
}

const TEXT_DIFF_LINES = 12;
const LINE_MAX = 200;

export function archivedPost(post: Post): ArchivedPost {
  const $ = loadOwnHtml(post.bodyHtml);
  const text = $("p, h1, h2, h3, h4, li, figcaption, td, th, blockquote")
    .toArray()
    .filter((el) => $(el).find("p, li, figcaption").length === 0)
    .map((el) => $(el).text().replace(/\s+/g, " ").trim())
    .filter(Boolean);
  const links = [
    ...new Set(
      [
        ...$("a[href]")
          .toArray()
          .map((a) => $(a).attr("href") ?? ""),
        ...$("img[src]")
          .toArray()
          .map((i) => $(i).attr("src") ?? ""),
      ].filter(Boolean),
    ),
  ].sort();
  return { id: post.id, url: post.sourceUrl, title: post.title, date: post.date, tags: [...post.tags], text, links };
}

/** A line diff (longest common subsequence), shortened for a report. */
export function textDiff(before: readonly string[], after: readonly string[], max = TEXT_DIFF_LINES): string[] {
  const n = before.length;
  const m = after.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      (lcs[i] as number[])[j] =
        before[i] === after[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, lcs[i]?.[j + 1] ?? 0);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  const cut = (s: string) => (s.length > LINE_MAX ? `${s.slice(0, LINE_MAX - 1)}…` : s);
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      i++;
      j++;
    } else if (j < m && (i === n || (lcs[i]?.[j + 1] ?? 0) >= (lcs[i + 1]?.[j] ?? 0)))
      out.push(`+ ${cut(after[j++] ?? "")}`);
    else out.push(`- ${cut(before[i++] ?? "")}`);
  }
  return out.length > max ? [...out.slice(0, max), `… ${out.length - max} more changed lines`] : out;
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function diffRuns(
  before: readonly ArchivedPost[] | null,
  after: readonly ArchivedPost[],
  from: string | null,
  to: string,
): RunDiff {
  const old = new Map((before ?? []).map((p) => [p.id, p]));
  const now = new Map(after.map((p) => [p.id, p]));
  const brief = (p: ArchivedPost) => ({ id: p.id, url: p.url, title: p.title });
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const added =
    before === null
      ? []
      : after
          .filter((p) => !old.has(p.id))
          .map(brief)
          .sort(byId);
  const removed = [...old.values()]
    .filter((p) => !now.has(p.id))
    .map(brief)
    .sort(byId);
  const changed: PostChange[] = [];
  for (const p of after) {
    const q = old.get(p.id);
    if (!q) continue;
    const fields = [
      ...(q.title !== p.title ? ["title"] : []),
      ...(q.date !== p.date ? ["date"] : []),
      ...(q.url !== p.url ? ["url"] : []),
      ...(!same(q.tags, p.tags) ? ["tags"] : []),
      ...(!same(q.text, p.text) ? ["text"] : []),
      ...(!same(q.links, p.links) ? ["links"] : []),
    ];
    if (!fields.length) continue;
    const linksAdded = p.links.filter((l) => !q.links.includes(l));
    const linksRemoved = q.links.filter((l) => !p.links.includes(l));
    changed.push({
      id: p.id,
      url: p.url,
      title: p.title,
      fields,
      textDiff: fields.includes("text") ? textDiff(q.text, p.text) : [],
      linksAdded,
      linksRemoved,
    });
  }
  changed.sort(byId);
  const sum = (f: (c: PostChange) => number) => changed.reduce((n, c) => n + f(c), 0);
  return {
    from,
    to,
    added,
    removed,
    changed,
    summary: {
      added: added.length,
      removed: removed.length,
      changed: changed.length,
      linksAdded: sum((c) => c.linksAdded.length),
      linksRemoved: sum((c) => c.linksRemoved.length),
    },
  };
}

export function diffLine(d: RunDiff): string {
  if (d.from === null) return `first run: nothing to compare with`;
  const s = d.summary;
  return `since ${d.from}: ${s.added} posts added, ${s.removed} removed, ${s.changed} changed; ${s.linksAdded} links added, ${s.linksRemoved} removed`;
}

export function renderDiffMarkdown(d: RunDiff): string {
  const lines = [`# Changes on the site: run ${d.to}`, "", diffLine(d), ""];
  const list = (title: string, posts: { url: string; title: string }[]) => {
    if (!posts.length) return;
    lines.push(
      `## ${title} (${posts.length})`,
      "",
      ...posts.map((p) => `- [${markdownInline(p.title)}](${markdownUrl(p.url)})`),
      "",
    );
  };
  list("Added", d.added);
  list("Removed", d.removed);
  if (d.changed.length) {
    lines.push(`## Changed (${d.changed.length})`, "");
    for (const c of d.changed) {
      lines.push(`### [${markdownInline(c.title)}](${markdownUrl(c.url)})`, "", `Changed: ${c.fields.join(", ")}`, "");
      if (c.textDiff.length) lines.push(...markdownFence(c.textDiff, "diff"), "");
      for (const l of c.linksAdded) lines.push(`- link added: ${markdownAutolink(l)}`);
      for (const l of c.linksRemoved) lines.push(`- link removed: ${markdownAutolink(l)}`);
      if (c.linksAdded.length || c.linksRemoved.length) lines.push("");
    }
  }
  return lines.join("\n").trimEnd() + "\n";
}
