// What a page needs to render, besides the links a reader follows: stylesheets, scripts, icons (from
// HTML), and images, fonts and further stylesheets (from CSS). An archive run captures them so that a
// replayed page looks as the site did, as wget's --page-requisites does. Pure scanners over the text.
import { tagAttributes } from "./discover.js";

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const TAG = /<(link|script)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
/** <link rel> values that name something the page loads to render. */
const RENDER_RELS = new Set(["stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "preload", "manifest"]);

/** The text of script and style elements (markup in a script is not markup; a style block is CSS). */
const SCRIPT_OR_STYLE = /(<(script|style)\b(?:[^>"']|"[^"]*"|'[^']*')*>)([\s\S]*?)(?:<\/\2\s*>|$)/gi;

/** The stylesheets, icons and scripts an HTML page loads, and what its <style> blocks load, as written,
 *  in page order, once each. */
export function htmlRequisites(html: string): string[] {
  const found = new Set<string>();
  const styles: string[] = [];
  const markup = html.replace(COMMENT, " ").replace(SCRIPT_OR_STYLE, (_, open: string, name: string, body: string) => {
    if (name.toLowerCase() === "style") styles.push(body);
    return open;
  });
  for (const tag of markup.matchAll(TAG)) {
    const attrs = tagAttributes(tag[2] ?? "");
    const name = (tag[1] ?? "").toLowerCase();
    const url =
      name === "script"
        ? attrs.get("src")
        : (attrs.get("rel") ?? "")
              .toLowerCase()
              .split(/\s+/)
              .some((r) => RENDER_RELS.has(r))
          ? attrs.get("href")
          : undefined;
    if (url) found.add(url);
  }
  for (const css of styles) for (const url of cssRequisites(css)) found.add(url);
  return [...found];
}

const CSS_COMMENT = /\/\*[\s\S]*?(?:\*\/|$)/g;
const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|((?:\\.|[^)"'\s\\])*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/gi;

/** The images, fonts and stylesheets a stylesheet loads (url(…) and @import), once each; not data: URLs. */
export function cssRequisites(css: string): string[] {
  const found = new Set<string>();
  for (const m of css.replace(CSS_COMMENT, " ").matchAll(CSS_URL)) {
    const url = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? "").trim();
    if (url && !/^data:/i.test(url)) found.add(url.replace(/\\(.)/g, "$1"));
  }
  return [...found];
}
