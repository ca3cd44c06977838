// Redirects from every old URL of every post to its new page. One list (redirects.json) and three
// renderings of it: _redirects (Netlify, Cloudflare Pages), an nginx map, an Apache .htaccess. Hugo's
// aliases (in the frontmatter) give meta-refresh pages, not real 301s; these do. Every line is built by
// escape/server-config.ts: an old path is content, and may hold any byte.
import { nginxPlain, nginxString, pcreLiteral, redirectsPath } from "../escape/server-config.js";

export interface RedirectEntry {
  /** An old URL (any origin alias, any encoding that reached the post). */
  from: string;
  /** The new path. */
  to: string;
  postId: string;
}

/** The old paths to match: percent-encoded as the site wrote them (upper-case hex) and decoded. */
function pathForms(url: string): { encoded: string; decoded: string } {
  const u = new URL(url);
  const encoded = u.pathname.replace(/%[0-9a-f]{2}/gi, (h) => h.toUpperCase());
  let decoded = encoded;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    /* keep encoded */
  }
  return { encoded, decoded };
}

function uniqueByPath(entries: readonly RedirectEntry[]): { encoded: string; decoded: string; to: string }[] {
  const seen = new Map<string, { encoded: string; decoded: string; to: string }>();
  for (const e of entries) {
    const f = pathForms(e.from);
    if (!seen.has(f.encoded) && f.encoded !== e.to) seen.set(f.encoded, { ...f, to: e.to });
  }
  return [...seen.values()].sort((a, b) => (a.encoded < b.encoded ? -1 : a.encoded > b.encoded ? 1 : 0));
}

/** Netlify / Cloudflare Pages: one rule a line, the encoded path as browsers send it. */
export function netlifyRedirects(entries: readonly RedirectEntry[]): string {
  const lines = uniqueByPath(entries).map((r) => `${redirectsPath(r.encoded)} ${redirectsPath(r.to)} 301`);
  return `# Old www.miaprojektet.se URLs → new pages (written by mia-migrate)\n${lines.join("\n")}\n`;
}

/** nginx: a map on $uri, which nginx has already percent-decoded. Include it in the http block. */
export function nginxMap(entries: readonly RedirectEntry[]): string {
  // A path with a control character (a tab, a newline) is matched by a regex that spells it \xHH.
  const lines = uniqueByPath(entries).map(
    (r) =>
      `    ${nginxPlain(r.decoded) ? nginxString(r.decoded) : nginxString(`~^${pcreLiteral(r.decoded)}$`)} ${nginxString(r.to)};`,
  );
  return [
    "# Old www.miaprojektet.se URLs → new pages (written by mia-migrate).",
    "# In the http block: include this file; in the server block: if ($mia_redirect) { return 301 $mia_redirect; }",
    "map $uri $mia_redirect {",
    '    default "";',
    ...lines,
    "}",
    "",
  ].join("\n");
}

/** Apache: mod_rewrite matches the decoded path without its leading slash. */
export function htaccess(entries: readonly RedirectEntry[]): string {
  const lines = uniqueByPath(entries).map(
    (r) => `RewriteRule ^${pcreLiteral(r.decoded.slice(1))}$ ${redirectsPath(r.to)} [R=301,L]`,
  );
  return `# Old www.miaprojektet.se URLs → new pages (written by mia-migrate)\nRewriteEngine On\n${lines.join("\n")}\n`;
}
