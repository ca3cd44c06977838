// Body HTML → Markdown with turndown and our rules (one rule per file in rules/). turndown parses the
// HTML string itself (with its bundled DOM): cheerio nodes lack the DOM methods it calls.
import TurndownService from "turndown";
import { figureRule } from "./rules/figure.js";

function createService(): TurndownService {
  const service = new TurndownService({
    headingStyle: "atx",
    bulletListMarker: "-",
    emDelimiter: "*",
    strongDelimiter: "**",
    codeBlockStyle: "fenced",
    // A backslash hard break: CommonMark, visible in the source, not lost to editors that trim spaces.
    br: "\\",
  });
  // Rule precedence: turndown tries added rules first, in the order added.
  service.addRule("figure", figureRule);
  return service;
}

let shared: TurndownService | undefined;

export function htmlToMarkdown(html: string): string {
  shared ??= createService();
  return shared.turndown(html).replace(/\n{3,}/g, "\n\n").trim() + "\n";
}
