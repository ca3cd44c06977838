// Whitespace in running text. JavaScript's \s also matches NBSP, so the classes here are explicit.

/** Spaces that collapse in running text: space, tab, newline, NBSP, the other Unicode spaces, and the
 *  line and paragraph separators (U+2028, U+2029), which in a one-line text are a space. */
const SPACES = /[ \t\n\r\f\u00a0\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;

/** One space for every run of spaces (NBSP included), trimmed at both ends. */
export function collapseSpaces(text: string): string {
  return text.replace(SPACES, " ").trim();
}

/** Trims spaces and NBSP at both ends only (titles keep their inner text as written). */
export function trimSpaces(text: string): string {
  return text.replace(/^[ \t\n\r\f\u00a0]+|[ \t\n\r\f\u00a0]+$/g, "");
}

/** Cuts text at a word boundary at most `max` characters long, marking the cut with "…". */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return (space > 0 ? cut.slice(0, space) : cut).replace(/[ ,;:–-]+$/, "") + "…";
}
