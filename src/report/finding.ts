// A finding of the QA report, and what every rule gets to look at.
import type { Problem } from "../migrate.js";
import type { Post } from "../extract/post.js";
import type { LinkResult } from "../links/checker.js";
import type { LinkOccurrence } from "../links/collect.js";
import type { Profile } from "../profiles/profile.js";

export type Severity = "error" | "warning" | "info";

export interface Finding {
  rule: string;
  severity: Severity;
  postId: string;
  /** The post's old URL. */
  postUrl: string;
  /** The Markdown file and 1-based line, where the finding can be placed there. */
  file?: string;
  line?: number;
  /** The text concerned: a link text, a title, a word. */
  text: string;
  /** The link concerned, if any. */
  url?: string;
  message: string;
}

export interface Doc {
  file: string;
  text: string;
  slug: string;
}

export interface QaContext {
  posts: readonly Post[];
  /** Post id → its Markdown file. */
  docs: ReadonlyMap<string, Doc>;
  occurrences: readonly LinkOccurrence[];
  /** Link URL (fragment stripped) → its check. */
  results: ReadonlyMap<string, LinkResult>;
  /** What the conversion reported. */
  problems: readonly Problem[];
  profile: Profile;
  /** Every file in the output, relative to it (for checking rewritten links offline). */
  outputFiles?: ReadonlySet<string>;
  /** Links whose #fragment names no element of the old-site page they point into. */
  missingFragments?: readonly LinkOccurrence[];
  /** Post id → words the dictionary does not know (only with --spelling). */
  spelling?: ReadonlyMap<string, readonly string[]>;
}

export interface Rule {
  id: string;
  severity: Severity;
  /** One line for the report's legend. */
  description: string;
  check(ctx: QaContext): Omit<Finding, "rule" | "severity">[];
}

/** The first line of a Markdown file holding `needle`. */
export function lineIn(doc: Doc | undefined, needle: string): Pick<Finding, "file" | "line"> {
  if (!doc) return {};
  const i = doc.text.indexOf(needle);
  return i < 0 ? { file: doc.file } : { file: doc.file, line: doc.text.slice(0, i).split("\n").length };
}

export const stripFragment = (url: string) => url.replace(/#.*$/, "");
