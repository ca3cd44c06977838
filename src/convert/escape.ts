// Escaping only where Markdown would misread the text. turndown's default escape puts backslashes before
// every "-", "." after a number and more; Swedish prose is full of them ("MIA-projektet", "2021.").

const LINE_START: [RegExp, string][] = [
  [/^(\s*)([#>])/gm, "$1\\$2"], // a heading or a block quote
  [/^(\s*)([-+*])(\s)/gm, "$1\\$2$3"], // a bullet
  [/^(\s*)(\d+)([.)])(\s)/gm, "$1$2\\$3$4"], // a numbered item ("2021. Året då …")
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

/** A URL as a Markdown link destination: parentheses and spaces would end it early. */
export function markdownUrl(url: string): string {
  return url.replace(/[()\s]/g, encodeURIComponent);
}

/**
 * Eleventy runs Markdown through Liquid first, so "{{" or "{%" in the text would break its build. HTML
 * character references render as the same characters in Hugo, Eleventy and any CommonMark renderer.
 */
export function liquidSafe(text: string): string {
  return text.replace(/\{(?=[{%])/g, "&#123;").replace(/([}%])\}/g, "$1&#125;");
}
