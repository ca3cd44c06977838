// HTML read with htmlparser2, cheerio's fast path (bench:floor: wget's fetch plus htmlparser2 takes about
// half the time of wget's fetch plus parse5 on the replica), and it adds no html/head/body around a
// fragment. Serialised as parse5 would (UTF-8, only & < > " and no-break spaces escaped, alt="" not
// bare alt), so a body reads the same whichever parser made it. Pages are read this
// way too (extract/post.ts): test/parser-agreement.test.ts shows both parsers give every replica page's
// body the same tree, and the same words when its end tags are left out.
import { load, type CheerioAPI, type CheerioOptions } from "cheerio";

/** htmlparser2's own options, for a tree without cheerio (convert/markdown.ts). */
export const HTMLPARSER2_OPTIONS = { xmlMode: false, decodeEntities: true } as const;
export const HTMLPARSER2: CheerioOptions = {
  xml: { ...HTMLPARSER2_OPTIONS, encodeEntities: "utf8", emptyAttrs: true },
};

/** HTML this program made itself (a post's body as extraction serialised it, Markdown as markdown-it
 *  renders it), so well formed, as a cheerio document. */
export const loadOwnHtml = (html: string): CheerioAPI => load(html, HTMLPARSER2);
