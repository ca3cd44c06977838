// URL shapes: what `probe` sees in a site's paths. Each path segment is read as a kind of token (a
// year, a two-digit month or day, a number, a slug ending in an id, letters followed by digits, a
// word), paths with the same tokens form a group, and a group becomes the regular expression a profile
// holds, with the post's id, year, month and day as named groups. Pure.

export type Token =
  | { t: "year" }
  | { t: "two" }
  | { t: "num" }
  | { t: "slug-id" }
  | { t: "prefix-num"; prefix: string }
  | { t: "word"; text: string };

export interface Shape {
  tokens: Token[];
  trailingSlash: boolean;
}

function tokenOf(segment: string): Token {
  if (/^(19|20)\d{2}$/.test(segment)) return { t: "year" };
  if (/^\d{2}$/.test(segment)) return { t: "two" };
  if (/^\d+$/.test(segment)) return { t: "num" };
  if (/^.+-\d{5,}$/.test(segment)) return { t: "slug-id" };
  const m = /^([a-z]{1,3})(\d{4,})$/i.exec(segment);
  if (m?.[1]) return { t: "prefix-num", prefix: m[1] };
  return { t: "word", text: segment };
}

/** The shape of a decoded path such as /2019/11/05/min-rubrik-45890500. */
export function shapeOf(path: string): Shape {
  const trailingSlash = path.length > 1 && path.endsWith("/");
  const segments = path.split("/").filter(Boolean);
  return { tokens: segments.map(tokenOf), trailingSlash };
}

/** Paths whose shapes have the same tokens (words are words, whatever they say) are one group. */
export function shapeKey(shape: Shape): string {
  return (
    shape.tokens.map((k) => (k.t === "prefix-num" ? `${k.t}:${k.prefix}` : k.t)).join("/") +
    (shape.trailingSlash ? "/" : "")
  );
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** What the post pattern captures; other kinds capture nothing. */
export interface Captures {
  /** Name the first year, two-digit and two-digit tokens year, month and day (a post's URL date). */
  date: boolean;
  /** Capture the id: the digits after a slug, else the last number, else the last word (the slug). */
  id: boolean;
}

/**
 * One regular expression for a group of paths of the same shape: a word every path shares stays as
 * written, a word that varies is any segment. The post's pattern names its parts.
 */
export function patternOf(paths: readonly string[], captures: Captures = { date: false, id: false }): string {
  const shapes = paths.map(shapeOf);
  const first = shapes[0];
  if (!first) return "^$";
  const n = first.tokens.length;
  let idAt = -1;
  if (captures.id) {
    for (let i = n - 1; i >= 0 && idAt < 0; i--) if (first.tokens[i]?.t === "slug-id") idAt = i;
    for (let i = n - 1; i >= 0 && idAt < 0; i--) if (first.tokens[i]?.t === "num") idAt = i;
    if (idAt < 0) idAt = n - 1;
  }
  const dateNames = captures.date ? ["year", "month", "day"] : [];
  let dateIndex = 0;
  const parts = first.tokens.map((tok, i) => {
    const words = paths.map((p) => p.split("/").filter(Boolean)[i] ?? "");
    const same = words.every((w) => w === words[0]);
    const named = (name: string, body: string) => (name ? `(?<${name}>${body})` : body);
    switch (tok.t) {
      case "year": {
        const name = dateIndex === 0 && dateNames.length ? (dateNames[dateIndex++] ?? "") : "";
        return named(name, "\\d{4}");
      }
      case "two": {
        const name = dateIndex > 0 && dateIndex < dateNames.length ? (dateNames[dateIndex++] ?? "") : "";
        return named(name, "\\d{2}");
      }
      case "num":
        return i === idAt ? "(?<id>\\d+)" : "\\d+";
      case "slug-id":
        return i === idAt ? "(?<slug>.*)-(?<id>\\d+)" : "[^/]*-\\d+";
      case "prefix-num":
        return `${escapeRegex(tok.prefix)}\\d+`;
      case "word":
        if (i === idAt) return "(?<id>[^/]+)";
        return same ? escapeRegex(words[0] ?? "") : "[^/]+";
    }
  });
  return `^/${parts.join("/")}${first.trailingSlash ? "/" : ""}$`;
}

/** Paths grouped by shape, the largest group first. */
export function groupByShape(paths: Iterable<string>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const p of paths) {
    const k = shapeKey(shapeOf(p));
    const g = groups.get(k);
    if (g) {
      if (!g.includes(p)) g.push(p);
    } else groups.set(k, [p]);
  }
  return new Map([...groups].sort((a, b) => b[1].length - a[1].length));
}

/** Whether a group's paths carry a full date (year, then two two-digit parts). */
export function hasFullDate(key: string): boolean {
  return /(^|\/)year\/two\/two(\/|$)/.test(key);
}

/** Several patterns as one (a profile has one per page kind). */
export function anyOf(patterns: readonly string[]): string {
  if (patterns.length === 1) return patterns[0] as string;
  return `^(?:${patterns.map((p) => p.replace(/^\^/, "").replace(/\$$/, "")).join("|")})$`;
}
