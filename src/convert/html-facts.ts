// What the fidelity check reads from HTML it made itself (a post's Markdown as markdown-it renders it, a
// post's clean body): its text, links, images, captions, headings and list items, in one pass of
// htmlparser2's tokenizer. The Parser's events are the ones its DOM is built from, so this reads what a
// tree would hold, without building one. Pure.
import { Parser } from "htmlparser2";
import { HTMLPARSER2_OPTIONS } from "../extract/own-html.js";

/** Never shown to a reader: their text is not visible text. */
export const INVISIBLE = new Set(["script", "style", "template", "noscript"]);
/** Elements a reader sees as separate from their neighbours: words never run across their edges. */
export const BLOCK = new Set(
  "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr img li main nav ol p pre section table tbody td tfoot th thead tr ul".split(
    " ",
  ),
);
const HEADING = /^h[1-6]$/;

export interface HtmlLink {
  /** The href attribute as written. */
  href: string;
  /** Its visible text (blocks and breaks inside separate words). */
  text: string;
  hasImage: boolean;
}

export interface HtmlFacts {
  /** The visible text: script, style, template and noscript left out, a space at every block's edges. */
  text: string;
  images: number;
  /** Every <a href>. */
  links: HtmlLink[];
  /** Each figcaption's text, then each emphasised line right under a paragraph holding only an image. */
  captions: string[];
  headings: number;
  listItems: number;
}

interface OpenLink extends HtmlLink {
  depth: number;
  /** Invisible elements open inside the link. */
  hidden: number;
}
/** An open <p>: for the caption written as an emphasised line under an image. */
interface OpenParagraph {
  depth: number;
  directImage: boolean;
  /** Whether it holds any text but whitespace (script's too, as a textContent). */
  hasText: boolean;
  children: number;
  /** Its first child element is an <em>, and whether that is open. */
  em: boolean;
  inEm: boolean;
}

export function htmlFacts(html: string): HtmlFacts {
  const facts: HtmlFacts = { text: "", images: 0, links: [], captions: [], headings: 0, listItems: 0 };
  const emphasisedLines: string[] = [];
  const open: string[] = [];
  let hidden = 0;
  const links: OpenLink[] = [];
  const opened: OpenLink[] = [];
  const figcaptions: { depth: number; text: string }[] = [];
  const paragraphs: OpenParagraph[] = [];
  // The depth of the paragraph holding only an image that just closed: its next element sibling, if a <p>,
  // may be its caption line.
  let afterImage = -1;
  // The paragraph that may be a caption line, and its text and its <em>'s (only its: a paragraph nested
  // 10,000 deep must not collect its text 10,000 times).
  let candidate: OpenParagraph | null = null;
  let candidateText = "";
  let candidateEmText = "";

  const space = (): void => {
    if (hidden === 0) facts.text += " ";
    for (const l of links) if (l.hidden === 0) l.text += " ";
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const depth = open.length;
        const parent = paragraphs.at(-1);
        if (parent && parent.depth === depth - 1) {
          parent.children++;
          if (name === "img") parent.directImage = true;
          if (parent.children === 1 && name === "em") parent.em = parent.inEm = true;
        }
        // The element right after a paragraph holding only an image: a <p> there may be its caption line.
        const afterAnImage = depth === afterImage;
        if (afterAnImage) afterImage = -1;
        open.push(name);
        if (INVISIBLE.has(name)) {
          hidden++;
          for (const l of links) l.hidden++;
        } else if (BLOCK.has(name)) space();
        if (name === "img") {
          facts.images++;
          for (const l of links) l.hasImage = true;
        } else if (name === "a" && attribs.href !== undefined) {
          const link = { href: attribs.href, text: "", hasImage: false, depth, hidden: 0 };
          links.push(link);
          opened.push(link); // in document order, as a tree's query gives them
        } else if (name === "figcaption") figcaptions.push({ depth, text: "" });
        else if (name === "li") facts.listItems++;
        else if (HEADING.test(name)) facts.headings++;
        else if (name === "p") {
          const para = { depth, directImage: false, hasText: false, children: 0, em: false, inEm: false };
          paragraphs.push(para);
          if (afterAnImage) {
            candidate = para;
            candidateText = candidateEmText = "";
          }
        }
      },
      ontext(data) {
        if (hidden === 0) facts.text += data;
        for (const l of links) if (l.hidden === 0) l.text += data;
        for (const f of figcaptions) f.text += data;
        if (data.trim() !== "")
          // Innermost first: an open paragraph that has text already has it for all around it too.
          for (let i = paragraphs.length - 1; i >= 0 && !(paragraphs[i] as OpenParagraph).hasText; i--)
            (paragraphs[i] as OpenParagraph).hasText = true;
        if (candidate) {
          candidateText += data;
          if (candidate.inEm) candidateEmText += data;
        }
      },
      onclosetag(name) {
        open.pop();
        const depth = open.length;
        if (INVISIBLE.has(name)) {
          hidden--;
          for (const l of links) l.hidden--;
        } else if (BLOCK.has(name)) space();
        if (depth < afterImage) afterImage = -1; // the image paragraph's parent closed: no next sibling
        const p = paragraphs.at(-1);
        if (p?.inEm && name === "em" && depth === p.depth + 1) p.inEm = false;
        if (name === "a" && links.at(-1)?.depth === depth) links.pop();
        else if (name === "figcaption" && figcaptions.at(-1)?.depth === depth)
          facts.captions.push((figcaptions.pop() as { text: string }).text);
        else if (name === "p" && p?.depth === depth) {
          paragraphs.pop();
          if (p === candidate) {
            if (p.children === 1 && p.em && candidateText === candidateEmText) emphasisedLines.push(candidateText);
            candidate = null;
          }
          if (p.directImage && !p.hasText) afterImage = depth;
        }
      },
    },
    HTMLPARSER2_OPTIONS,
  );
  parser.end(html);
  facts.links = opened.map((l) => ({ href: l.href, text: l.text, hasImage: l.hasImage }));
  facts.captions.push(...emphasisedLines);
  return facts;
}
