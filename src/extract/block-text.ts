// The visible text of a body: what a reader sees, one block per paragraph with a blank line between
// blocks and a line break for <br>. For `extract --json` and for scoring the generic extractor.
import { Element, Text, hasChildren, type AnyNode } from "domhandler";
import { parseDocument } from "htmlparser2";

// prettier-ignore
const BLOCK = new Set([
  "address", "article", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "h1", "h2", "h3",
  "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre", "section", "table", "tr", "ul",
]);
const CELL = new Set(["td", "th"]);
const HIDDEN = new Set(["script", "style", "noscript", "template", "head"]);

/** `captions: false` leaves out figure captions (the running text of the article, as the article-extraction
 *  benchmark's ground truth and `extract --json`'s `text` define it; captions are listed with the images). */
export function blockText(root: AnyNode, opts: { captions: boolean } = { captions: true }): string {
  const blocks: string[] = [];
  let line = "";
  const flush = () => {
    const t = line
      .replace(/[ \t\r\f\u00a0]+/g, " ")
      .replace(/ ?\n ?/g, "\n")
      .trim();
    if (t) blocks.push(t);
    line = "";
  };
  // Iterative: a marker "end of block" is pushed after a block's children.
  const stack: (AnyNode | "end")[] = [root];
  while (stack.length) {
    const n = stack.pop() as AnyNode | "end";
    if (n === "end") {
      flush();
      continue;
    }
    if (n instanceof Text) {
      line += n.data.replace(/\s+/g, " ");
      continue;
    }
    if (!(n instanceof Element) && !hasChildren(n)) continue;
    if (n instanceof Element) {
      if (HIDDEN.has(n.name)) continue;
      if (n.name === "br") {
        line += "\n";
        continue;
      }
      if (n.name === "img" || (!opts.captions && n.name === "figcaption")) continue;
      if (CELL.has(n.name)) line += " ";
      if (BLOCK.has(n.name)) {
        flush();
        stack.push("end");
      }
    }
    if (hasChildren(n)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as AnyNode);
  }
  flush();
  return blocks.join("\n\n");
}

/** The text of a post's clean body HTML (Post.bodyHtml), as `extract --json` gives it. */
export function postText(bodyHtml: string, opts: { captions: boolean } = { captions: false }): string {
  return blockText(parseDocument(bodyHtml), opts);
}
