// The text pipeline every extracted string goes through, in this order: Unicode (NFC, invisible
// characters), encoding damage, then whitespace. Repair comes before any rule that looks at
// punctuation, because damaged text contains punctuation ("Ã–" holds an en dash).
import { repairMojibake } from "./mojibake.js";
import { cleanUnicode } from "./unicode.js";
import { fixCommaSpacing, swedishTypography, type RuleCounts } from "./typography.js";
import { collapseSpaces } from "./whitespace.js";

/** Titles, captions, tags, link texts: one line, trimmed. */
export function cleanText(text: string): string {
  return collapseSpaces(repairMojibake(cleanUnicode(text)));
}

/**
 * A text node of a body: runs of spaces (NBSP included) become one space, except that a lone NBSP
 * between a number and a word stays, as Swedish typography wants it ("30 procent", "kl. 13.00").
 * Edges are not trimmed here: the space between a text node and a link matters.
 */
export function cleanBodyText(text: string): string {
  return repairMojibake(cleanUnicode(text)).replace(/[ \t\n\r\f\u00a0]+/g, (run, offset: number, all: string) => {
    const before = all[offset - 1] ?? "";
    const after = all[offset + run.length] ?? "";
    const unit = /\d/.test(before) && /\p{L}/u.test(after); // "30\u00a0procent"
    const clock = all.slice(Math.max(0, offset - 3), offset) === "kl." && /\d/.test(after); // "kl.\u00a013.00"
    return run === "\u00a0" && (unit || clock) ? "\u00a0" : " ";
  });
}

export interface TextOptions {
  /** Swedish typography rules (quotes, dashes, ranges, ellipsis); off with --keep-typography. */
  typography: boolean;
}

/** Swedish typography (commas spaced, then quotes, dashes, ranges, ellipses) when enabled; with
 *  --keep-typography the author's punctuation stays exactly as written. Counts every change. */
export function polish(text: string, opts: TextOptions, counts: RuleCounts): string {
  return opts.typography ? swedishTypography(fixCommaSpacing(text, counts), counts) : text;
}

/** A title or caption: cleanText, then polish. */
export function normalizeInline(text: string, opts: TextOptions, counts: RuleCounts = {}): string {
  return polish(cleanText(text), opts, counts);
}
