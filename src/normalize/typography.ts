// Swedish typography, applied to running text only (never to URLs, e-mail addresses or code), every
// change counted for the report. Each rule is idempotent. Rules, as the issue and Swedish practice
// (Språkrådet) have them:
//   quotes     "…" and English “…” → ”…” (Swedish uses the same mark on both sides); »…« and ' untouched
//   dash       a spaced hyphen between words → a spaced en dash ("Voov - Veterinärer" → "Voov – Veterinärer")
//   range      a hyphen between two numbers or times → an unspaced en dash ("13.00 - 14.00" → "13.00–14.00")
//   ellipsis   "..." → "…"

export type TypographyRule = "quotes" | "dash" | "range" | "ellipsis";
export type RuleCounts = Partial<Record<TypographyRule | "comma-space" | "space-before-comma", number>>;

/** A token that must not change: a URL, a domain-like word, or an e-mail address. */
const PROTECTED =
  /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>”"]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:se|nu|com|org|net|dk|us)(?:\/[^\s<>”"]*)?/gi;

// A number or a time (13.00, 9:30); a range must not be part of an ISO date or a phone number.
const NUM = String.raw`(?:[1-9]\d{0,3}|0)(?:[.:]\d{2})?`;
const RANGE = new RegExp(String.raw`(?<![\d.:-])(${NUM}) ?- ?(${NUM})(?![\d-]|[.:]\d)`, "g");

function count(counts: RuleCounts, rule: keyof RuleCounts, n: number): void {
  if (n > 0) counts[rule] = (counts[rule] ?? 0) + n;
}

function replaceCounting(
  text: string,
  re: RegExp,
  to: string | ((...m: string[]) => string),
  counts: RuleCounts,
  rule: keyof RuleCounts,
): string {
  let n = 0;
  const out = text.replace(re, (...args: string[]) => {
    n++;
    return typeof to === "string" ? to.replace(/\$(\d)/g, (_m, i: string) => args[Number(i)] ?? "") : to(...args);
  });
  count(counts, rule, n);
  return out;
}

/** Applies `fn` to the stretches of text between protected tokens. */
function outsideProtected(text: string, fn: (part: string) => string): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(PROTECTED)) {
    out += fn(text.slice(last, m.index)) + m[0];
    last = (m.index ?? 0) + m[0].length;
  }
  return out + fn(text.slice(last));
}

/** Commas: a space after one between two words ("tiden,kommer"), none before one ("ord , ord"). */
export function fixCommaSpacing(text: string, counts: RuleCounts = {}): string {
  return outsideProtected(text, (part) => {
    // Before-comma first: "ord ,ord" must end as "ord, ord" in one pass (idempotence, found by fast-check).
    // Lookarounds, not captures, so that neighbouring matches ("A,A,A") do not consume each other.
    const t = replaceCounting(part, /(?<=\p{L}) +,/gu, ",", counts, "space-before-comma");
    return replaceCounting(t, /(?<=\p{L}),(?=\p{L})/gu, ", ", counts, "comma-space");
  });
}

export function swedishTypography(text: string, counts: RuleCounts = {}): string {
  return outsideProtected(text, (part) => {
    let t = replaceCounting(part, /["“]/g, "”", counts, "quotes");
    t = replaceCounting(t, /\.\.\./g, "…", counts, "ellipsis");
    t = replaceCounting(t, RANGE, "$1–$2", counts, "range");
    t = replaceCounting(t, /(?<=\S) -(?= \S)/g, " –", counts, "dash");
    return t;
  });
}

export function mergeCounts(into: RuleCounts, from: RuleCounts): RuleCounts {
  for (const [k, v] of Object.entries(from) as [keyof RuleCounts, number][]) into[k] = (into[k] ?? 0) + v;
  return into;
}
