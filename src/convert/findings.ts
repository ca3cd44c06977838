// The findings a migration makes before the report: what the crawl could not fetch, what extraction
// could not read cleanly, what the conversion and its fidelity check noticed. Pure: each takes what its
// stage produced and gives findings in the one shape the report renders (config/findings.ts).
import { detected, type Finding, type PostNote } from "../config/findings.js";
import type { Post } from "../extract/post.js";
import type { FetchRecord } from "../store/snapshot.js";
import type { Mismatch } from "./verify.js";

/** A page or file the crawl asked for and did not get: 4xx is "not-found", anything else "fetch-failed". */
export function crawlFinding(rec: Pick<FetchRecord, "url" | "status" | "error">): Finding | null {
  if (!rec.error) return null;
  const kind = rec.status >= 400 && rec.status < 500 ? "not-found" : "fetch-failed";
  return detected(kind, { postId: "", postUrl: "", text: rec.url, url: rec.url, message: rec.error.message });
}

/** A post page that was fetched but could not be read as a post. */
export const unreadableFinding = (u: { url: string; reason: string }): Finding =>
  detected("unreadable-post", { postId: "", postUrl: "", text: u.url, url: u.url, message: u.reason });

/** What a post carries out of extraction, before it is converted. */
export function extractionFindings(p: Post): Finding[] {
  const at = { postId: p.id, postUrl: p.sourceUrl, text: p.sourceUrl };
  return [
    ...(p.dateConflict
      ? [
          detected("date-conflict", {
            ...at,
            message: `the page shows ${p.dateConflict.visible}, the URL says ${p.dateConflict.url}; the visible date is used`,
            params: { visible: p.dateConflict.visible, url: p.dateConflict.url },
          }),
        ]
      : []),
    ...(p.extractedBy === "fallback"
      ? [
          detected("fallback-extraction", {
            ...at,
            message: "the profile's selectors did not match; extracted by the generic fallback",
          }),
        ]
      : []),
  ];
}

/** What the conversion rules noted in one post, placed in its Markdown file: the same note twice (a URL
 *  in the frontmatter and the body) is one finding. `text` is the whole file, `body` its Markdown part. */
export function conversionFindings(
  post: Pick<Post, "id" | "sourceUrl">,
  notes: readonly PostNote[],
  file: string,
  text: string,
  body: string,
): Finding[] {
  const findings: Finding[] = [];
  const reported = new Set<string>();
  // Lines count from the top of the file: the frontmatter's lines come first.
  const before = text.slice(0, text.length - body.length).split("\n").length - 1;
  for (const n of notes) {
    const key = `${n.rule}\n${n.text}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const i = body.indexOf(n.text);
    const line = i < 0 ? undefined : before + body.slice(0, i).split("\n").length;
    findings.push(
      detected(n.rule, {
        postId: post.id,
        postUrl: post.sourceUrl,
        file,
        ...(line ? { line } : {}),
        text: n.text,
        message: n.message,
      }),
    );
  }
  return findings;
}

/** A difference the fidelity check found between a post and its Markdown. */
export const fidelityFinding = (
  post: Pick<Post, "id" | "sourceUrl">,
  file: string,
  m: Pick<Mismatch, "what" | "expected" | "found" | "block">,
): Finding =>
  detected("fidelity", {
    postId: post.id,
    postUrl: post.sourceUrl,
    file,
    text:
      m.expected && m.found
        ? `lost: ${m.expected} | instead: ${m.found}`
        : m.expected
          ? `lost: ${m.expected}`
          : `added: ${m.found}`,
    message: m.block
      ? `${m.what} of the original post's ${m.block} are missing from the Markdown`
      : m.expected
        ? `${m.what} of the original post are missing from the Markdown`
        : `the Markdown has ${m.what} the original post does not`,
    params: { what: m.what, ...(m.expected ? { expected: m.expected } : {}), ...(m.found ? { found: m.found } : {}) },
  });
