// Markdown output: text and link destinations. Escaping only where Markdown would misread the text
// (turndown's default escape puts backslashes before every "-", "." after a number and more; Swedish
// prose is full of them: "MIA-projektet", "2021."), but always where content could become markup: a
// "<" that would open raw HTML, a ")" or space that would end a link destination early.

const LINE_START: [RegExp, string][] = [
  [/^(\s*)([#>])/gm, "$1\\$2"], // a heading or a block quote
  // A list marker followed by a space, or ending the line (an empty item: "2021." alone is one).
  [/^(\s*)([-+*])(\s|$)/gm, "$1\\$2$3"], // a bullet
  [/^(\s*)(\d+)([.)])(\s|$)/gm, "$1$2\\$3$4"], // a numbered item ("2021. Året då …", "2021.")
  [/^(\s*)(=+|-+)(\s*)$/gm, "$1\\$2$3"], // a setext underline
];

export function escapeMarkdown(text: string): string {
  let out = text
    .replace(/\\/g, "\\\\")
    .replace(/([*`[\]])/g, "\\$1")
    // "_" opens emphasis only at a word edge; inside a word (a_b) it is a plain character.
    .replace(/(^|[^\p{L}\p{N}])_|_(?=$|[^\p{L}\p{N}])/gu, (m) => m.replace("_", "\\_"))
    // "<" before a letter, "/" or "!" would start raw HTML.
    .replace(/<(?=[A-Za-z/!?])/g, "\\<");
  for (const [re, to] of LINE_START) out = out.replace(re, to);
  return liquidSafe(out);
}

/** A URL as a Markdown link destination: parentheses, spaces, angle brackets, backslashes and control
 *  characters would end it early or change it; each is percent-encoded (a browser decodes them back). */
export function markdownUrl(url: string): string {
  return url.replace(/[()<>\\\s\u0000-\u001f\u007f]/g, (c) =>
    c.charCodeAt(0) > 0x7f ? encodeURIComponent(c) : `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

/**
 * Eleventy runs Markdown through Liquid first, so "{{" or "{%" in the text would break its build. HTML
 * character references render as the same characters in Hugo, Eleventy and any CommonMark renderer.
 */
export function liquidSafe(text: string): string {
  return text.replace(/\{(?=[{%])/g, "&#123;").replace(/([}%])\}/g, "$1&#125;");
}

/** Text on one line of a Markdown list or table: escaped, with "|" escaped and line breaks as spaces. */
export function markdownInline(text: string): string {
  return escapeMarkdown(text.replace(/[\r\n\u2028\u2029]+/g, " ")).replace(/\|/g, "\\|");
}

/** A URL shown in Markdown: an autolink when it is a plain web or mail address, else escaped text
 *  (a javascript: address, or one with spaces or angle brackets, never becomes a link). */
export function markdownAutolink(url: string): string {
  return /^(?:https?:\/\/|mailto:)[^\s<>\u0000-\u001f\u007f]+$/i.test(url) ? `<${url}>` : markdownInline(url);
}

/** A fenced code block around `lines`: the fence is longer than any run of backticks inside, so no
 *  line of content can close it (CommonMark §4.5). */
export function markdownFence(lines: readonly string[], info = ""): string[] {
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...[...l.matchAll(/`+/g)].map((m) => m[0].length))));
  const fence = "`".repeat(longest + 1);
  return [fence + info, ...lines, fence];
}
