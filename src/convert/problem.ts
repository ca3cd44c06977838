// A problem found while crawling, extracting or converting, as problems.json records it and the QA
// report's conversion rules read it.
import type { PlanFinding } from "./site.js";

export interface Problem {
  kind:
    | "fetch-failed"
    | "not-found"
    | "extracted-by-fallback"
    | "unreadable-post"
    | "date-conflict"
    | "fidelity"
    | PlanFinding["rule"];
  url: string;
  message: string;
  /** For problems found while converting: the post, the Markdown file, its line, and the text concerned. */
  postId?: string;
  file?: string;
  line?: number;
  text?: string;
}
