// HTML (and XML) output: the one place where content becomes markup. Text and attribute values are
// escaped here; URLs that would run code when followed (javascript:, vbscript:, data:) never become
// links. Used by --figures html, report.html and junit.xml.

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text between tags. */
export function htmlText(s: string): string {
  return s.replace(/[&<>]/g, (c) => ENTITIES[c] ?? c);
}

/** An attribute value, to be written inside double quotes. */
export function htmlAttr(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** XML 1.0 text or attribute: as HTML, and without the control characters XML forbids outright. */
export function xmlText(s: string): string {
  return htmlAttr(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ""));
}

/** Schemes a browser runs or renders as a document when the link is followed. */
const SCRIPT_SCHEMES = /^(?:javascript|vbscript|data|file|blob):/i;

/** A URL as a browser reads its scheme: leading spaces and controls ignored, tabs and newlines inside
 *  dropped ("java\tscript:" is javascript:). */
const asBrowserReads = (url: string) => url.replace(/^[\u0000-\u0020]+/, "").replace(/[\t\n\r]/g, "");

/**
 * A URL fit to be an href: its scheme, read as a browser does, is not one that runs code. Else
 * undefined: show it as text instead.
 */
export function safeHref(url: string | undefined): string | undefined {
  return url === undefined || SCRIPT_SCHEMES.test(asBrowserReads(url)) ? undefined : url;
}

/** The same for an image's address: a data: URL of a raster image is fine there (goldmark and
 *  markdown-it allow exactly these), any other script or document scheme is not. */
export function safeImageSrc(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  return /^data:image\/(?:png|gif|jpeg|webp)[;,]/i.test(asBrowserReads(url)) ? url : safeHref(url);
}
