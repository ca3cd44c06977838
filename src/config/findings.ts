// A finding: one problem the tool found, from the stage that detects it (crawl, extraction, conversion,
// the QA rules) to every rendering of the report. One type in memory; report.json and problems.json
// write it as it is. The kinds the pipeline detects before the report are catalogued here with their
// severity and legend, so each one reaches the report (report/rules/detected.ts) by construction.

export type Severity = "error" | "warning" | "info";

export interface Finding {
  /** The kind of problem: a key of DETECTED_KINDS, or the id of a QA rule (report/rules/). */
  rule: string;
  severity: Severity;
  /** The post concerned, or "" for a page or file of the site. */
  postId: string;
  /** The post's old URL ("" when no post is concerned). */
  postUrl: string;
  /** The Markdown file and 1-based line, where the finding can be placed there. */
  file?: string;
  line?: number;
  /** The text concerned: a link text, a title, a word, a URL. */
  text: string;
  /** The link or page concerned, if any. */
  url?: string;
  message: string;
  /** The values the message was made from (a count, the other slug …), for a report in another
   *  language (report/messages.ts). */
  params?: Record<string, string | number>;
}

interface KindInfo {
  severity: Severity;
  /** One line for the report's legend. */
  description: string;
}

/** Every kind of problem found while crawling, extracting or converting, in the report's order. */
export const DETECTED_KINDS = {
  "old-site-link": {
    severity: "warning",
    description: "A link still pointing at a page of the old site after conversion.",
  },
  "asset-missing": {
    severity: "error",
    description: "An image or file of the old site that could not be copied: the old URL is kept.",
  },
  "raw-html": { severity: "warning", description: "Raw HTML left in the Markdown (Hugo strips it by default)." },
  "embed-as-link": { severity: "info", description: "An embedded video or frame written as a link." },
  "script-link": {
    severity: "warning",
    description:
      "A link, image or embed whose address would run code (javascript:, vbscript:, data:): the address was left out, the text kept.",
  },
  "table-without-header": {
    severity: "info",
    description: "A table without a header row: written under an empty header row (Markdown tables need one).",
  },
  fidelity: { severity: "error", description: "The Markdown renders differently from the original post (verify)." },
  "date-conflict": { severity: "warning", description: "A visible date that disagrees with the URL's date." },
  "fallback-extraction": {
    severity: "warning",
    description: "A post the profile did not match, extracted by the generic fallback.",
  },
  "unreadable-post": {
    severity: "error",
    description: "A post page that was fetched but could not be read as a post: it is not in the output.",
  },
  "fetch-failed": {
    severity: "error",
    description: "A page of the old site that failed after retries during the crawl.",
  },
  "not-found": {
    severity: "warning",
    description: "A page or file of the old site that answered 4xx during the crawl (a link to it is broken).",
  },
} as const satisfies Record<string, KindInfo>;

export type DetectedKind = keyof typeof DETECTED_KINDS;

/** A finding of a detected kind, with the kind's severity. */
export function detected(rule: DetectedKind, f: Omit<Finding, "rule" | "severity">): Finding {
  return { rule, severity: DETECTED_KINDS[rule].severity, ...f };
}

/** What a conversion rule notes while it writes one post; the post, file and line are added after. */
export type PostNote = Pick<Finding, "text" | "message"> & { rule: DetectedKind };

/** A stable order (two crawls of one site fetch in different orders and must give the same files). */
export function compareFindings(a: Finding, b: Finding): number {
  const key = (f: Finding) =>
    `${f.rule}\u0000${f.url ?? f.postUrl}\u0000${f.file ?? ""}\u0000${String(f.line ?? 0).padStart(8, "0")}\u0000${f.text}\u0000${f.message}`;
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
