// A finding of the QA report, and what every rule gets to look at.
import type { DocRef, OutputDoc } from "../convert/read-output.js";
import type { Finding, Severity } from "../config/findings.js";
import type { PostKey } from "../convert/from-snapshot.js";
import type { Post } from "../extract/post.js";
import type { LinkResult } from "../links/checker.js";
import type { LinkOccurrence } from "../links/collect.js";
import type { Profile } from "../profiles/profile.js";

export type { Finding, Severity };

/** A post's Markdown file with its text (as read back from the output): at hand for one post at a time. */
export type Doc = Pick<OutputDoc, "file" | "text" | "slug">;

export type { DocRef } from "../convert/read-output.js";

/** What every rule sees of the whole site. No post bodies and no Markdown texts: a report of 10,000
 *  posts passes over them one at a time (see PostContext). */
export interface QaContext {
  posts: readonly PostKey[];
  /** Post id → its Markdown file. */
  docs: ReadonlyMap<string, DocRef>;
  occurrences: readonly LinkOccurrence[];
  /** Link URL (fragment stripped) → its check. */
  results: ReadonlyMap<string, LinkResult>;
  /** What the crawl, extraction and conversion found before the report (config/findings.ts). */
  detected: readonly Finding[];
  profile: Profile;
  /** Every file in the output, relative to it (for checking rewritten links offline). */
  outputFiles?: ReadonlySet<string>;
}

/** One post, its Markdown and its links, for the rules that look into posts. */
export interface PostContext {
  site: QaContext;
  post: Post;
  doc: Doc | undefined;
  /** This post's link occurrences. */
  occurrences: readonly LinkOccurrence[];
  /** This post's links whose #fragment names no element of the old-site page they point into. */
  missingFragments: readonly LinkOccurrence[];
  /** Words the dictionary does not know (only with --spelling). */
  spelling?: readonly string[];
}

export type RuleFinding = Omit<Finding, "rule" | "severity">;

export interface Rule {
  id: string;
  severity: Severity;
  /** One line for the report's legend. */
  description: string;
  /** Findings about the site as a whole. */
  check?(site: QaContext): RuleFinding[];
  /** Findings about one post: called once per report with the site (to prepare what the rule
   *  compares against), then once per post with the checker it returns. */
  forPosts?(site: QaContext): (pc: PostContext) => RuleFinding[];
}

/** The first line of a Markdown file holding `needle`. */
export function lineIn(doc: Doc | undefined, needle: string): Pick<Finding, "file" | "line"> {
  if (!doc) return {};
  const i = doc.text.indexOf(needle);
  return i < 0 ? { file: doc.file } : { file: doc.file, line: doc.text.slice(0, i).split("\n").length };
}

export const stripFragment = (url: string) => url.replace(/#.*$/, "");
