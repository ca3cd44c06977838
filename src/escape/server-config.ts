// Server configuration lines for the redirects (Netlify _redirects, nginx map, Apache mod_rewrite): an
// old path is content (from the old site's URLs), so every byte that a config parser reads as syntax
// (a space or tab ends a token, a newline a rule, "#" starts a comment, quotes and $ and \ in nginx)
// is escaped or percent-encoded here, and nothing else builds these lines.

/** Netlify and Cloudflare Pages split a rule on white space: the path as browsers send it, with every
 *  byte that is not a visible ASCII character percent-encoded. */
export function redirectsPath(encodedPath: string): string {
  return encodedPath.replace(/[^\x21-\x7e]|#/g, (c) =>
    [...Buffer.from(c, "utf8")].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join(""),
  );
}

/** A PCRE pattern matching `text` literally; bytes that are not visible ASCII as \xHH escapes, so a
 *  tab, newline or NUL in a path can never end the rule or the line. */
export function pcreLiteral(text: string): string {
  let out = "";
  for (const c of text) {
    if (/[.*+?^${}()|[\]\\/#"'<>;&%=,!-]/.test(c)) out += "\\" + c;
    else if (/[\x21-\x7e]/.test(c)) out += c;
    else out += [...Buffer.from(c, "utf8")].map((b) => `\\x${b.toString(16).padStart(2, "0")}`).join("");
  }
  return out;
}

/** An nginx string in double quotes, with " and \ escaped (UTF-8 text stays as it is). Map keys are
 *  not searched for variables, so a $ stays as it is. */
export function nginxString(text: string): string {
  return `"${text.replace(/(["\\])/g, "\\$1")}"`;
}

/** True when a decoded path can be written as an nginx string as it is (no control or space bytes
 *  that the config's tokenizer would stumble on); others are written as a regex with pcreLiteral. */
export function nginxPlain(text: string): boolean {
  return !/[\u0000-\u001f\u007f-\u009f]/.test(text);
}
