// Body HTML → Markdown with turndown and our rules (one rule per file in rules/). The body is read with
// htmlparser2, as the page was, and turndown walks a copy of that tree (turndown-dom.ts), not domino's.
import { parseDocument } from "htmlparser2";
import TurndownService from "turndown";
import { identityContext, type ConvertContext } from "./context.js";
import { escapeMarkdown, liquidSafe } from "../escape/markdown.js";
import { embedRule } from "./rules/embed.js";
import { figureRule } from "./rules/figure.js";
import { imageRule, linkRule } from "./rules/link.js";
import { tableRule } from "./rules/table.js";
import { turndownRoot } from "./turndown-dom.js";
import { HTMLPARSER2_OPTIONS } from "../extract/own-html.js";

/** turndown set up with our options and rules (exported for test/turndown-dom.test.ts). */
export function markdownService(ctx: ConvertContext): TurndownService {
  const service = new TurndownService({
    headingStyle: "atx",
    bulletListMarker: "-",
    emDelimiter: "*",
    strongDelimiter: "**",
    codeBlockStyle: "fenced",
    // A backslash hard break: CommonMark, visible in the source, not lost to editors that trim spaces.
    br: "\\",
  });
  service.escape = escapeMarkdown;
  // Rule precedence: turndown tries added rules before its own, in the order added.
  service.addRule("figure", figureRule(ctx));
  service.addRule("table", tableRule(ctx));
  service.addRule("embed", embedRule(ctx));
  service.addRule("link", linkRule(ctx));
  service.addRule("image", imageRule(ctx));
  return service;
}

/** Raw HTML left in Markdown (outside code): a finding, since Hugo strips it by default. */
export function rawHtmlIn(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```|`[^`\n]*`/g, "");
  return [...withoutCode.matchAll(/(?<!\\)<\/?([a-z][a-z0-9]*)\b[^>]*>/gi)].map((m) => m[0]);
}

/** A body's HTML as Markdown. The HTML is read with htmlparser2, as pages are: a malformed fragment is
 *  nested as written (a <div> inside a <p> stays inside), where a browser would move it. */
export function htmlToMarkdown(html: string, ctx: ConvertContext = identityContext()): string {
  // turndown's types name the browser's DOM; it calls only what turndown-dom.ts gives.
  const root = turndownRoot(parseDocument(html, HTMLPARSER2_OPTIONS).children) as unknown as TurndownService.Node;
  const md =
    markdownService(ctx)
      .turndown(root)
      .replace(/\n{3,}/g, "\n\n")
      .trim() + "\n";
  if (ctx.figures !== "html")
    for (const tag of rawHtmlIn(md))
      ctx.findings.push({
        rule: "raw-html",
        message: "raw HTML left in the Markdown (Hugo strips it by default)",
        text: tag,
      });
  // Link texts and URLs are not escaped by turndown's escape(); Liquid must not see "{{" there either.
  // (Not in Hugo shortcode mode: the output is for Hugo only, and its shortcodes start with "{{".)
  return ctx.figures === "hugo" ? md : liquidSafe(md);
}
