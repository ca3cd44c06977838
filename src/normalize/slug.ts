// Slugs for the new site: ASCII with Swedish transliteration (å, ä → a; ö → o; é → e), as
// @sindresorhus/slugify's Swedish locale gives "raksmorgas" for "räksmörgås"; at most ~80 characters
// cut at a word; unique across the site with a stable suffix.

const SWEDISH: Record<string, string> = {
  å: "a",
  ä: "a",
  ö: "o",
  Å: "a",
  Ä: "a",
  Ö: "o",
  æ: "ae",
  ø: "o",
  ß: "ss",
  "&": "och",
};

export function slugify(text: string, maxChars = 80): string {
  const ascii = text
    .replace(/[åäöÅÄÖæøß&]/g, (c) => SWEDISH[c] ?? c)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // é → e, ò → o: drop the combining marks
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (ascii.length <= maxChars) return ascii || "inlagg";
  const cut = ascii.slice(0, maxChars + 1);
  const dash = cut.lastIndexOf("-");
  return (dash > 0 ? cut.slice(0, dash) : ascii.slice(0, maxChars)).replace(/-+$/, "");
}

/**
 * Unique slugs for a set of items, stable across runs: items are taken in the order given (callers
 * sort by post id), the first keeps the plain slug, later ones get "-2", "-3" ….
 */
export function uniqueSlugs<T>(items: readonly T[], slugOf: (item: T) => string): Map<T, string> {
  const used = new Set<string>();
  const out = new Map<T, string>();
  for (const item of items) {
    const base = slugOf(item);
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    out.set(item, slug);
  }
  return out;
}
