// Rules that pass on what the crawl and the conversion found, so one report holds everything.
import type { Problem } from "../../convert/problem.js";
import type { Rule } from "../finding.js";

function fromProblems(id: string, kind: Problem["kind"], severity: Rule["severity"], description: string): Rule {
  return {
    id,
    severity,
    description,
    check: (ctx) =>
      ctx.problems
        .filter((p) => p.kind === kind)
        .map((p) => ({
          postId: p.postId ?? "",
          postUrl: p.postId ? p.url : "",
          ...(p.file ? { file: p.file } : {}),
          ...(p.line ? { line: p.line } : {}),
          text: p.text ?? p.url,
          ...(p.postId ? {} : { url: p.url }),
          message: p.message,
        })),
  };
}

export const conversionRules: Rule[] = [
  fromProblems(
    "old-site-link",
    "old-site-link",
    "warning",
    "A link still pointing at a page of the old site after conversion.",
  ),
  fromProblems(
    "asset-missing",
    "asset-missing",
    "error",
    "An image or file of the old site that could not be copied: the old URL is kept.",
  ),
  fromProblems("raw-html", "raw-html", "warning", "Raw HTML left in the Markdown (Hugo strips it by default)."),
  fromProblems("embed-as-link", "embed-as-link", "info", "An embedded video or frame written as a link."),
  fromProblems(
    "script-link",
    "script-link",
    "warning",
    "A link, image or embed whose address would run code (javascript:, vbscript:, data:): the address was left out, the text kept.",
  ),
  fromProblems("fidelity", "fidelity", "error", "The Markdown renders differently from the original post (verify)."),
  fromProblems("date-conflict", "date-conflict", "warning", "A visible date that disagrees with the URL's date."),
  fromProblems(
    "fallback-extraction",
    "extracted-by-fallback",
    "warning",
    "A post the profile did not match, extracted by the generic fallback.",
  ),
  fromProblems(
    "fetch-failed",
    "fetch-failed",
    "error",
    "A page of the old site that failed after retries during the crawl.",
  ),
];
