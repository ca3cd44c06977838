// URL identity: one canonical form per URL, so that a post reached through %C2%A0 or a decoded NBSP,
// through http:// or the bare domain, is one URL (and, through its id, one post).

/** Characters RFC 3986 allows unencoded in a path segment besides unreserved ones (pchar). */
const SEGMENT_SAFE = /%(21|24|26|27|28|29|2A|2B|2C|3B|3D|3A|40)/g;

function decodeSafely(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A stray % that is not an escape: encode it so the segment still round-trips.
    return segment.replace(/%(?![0-9a-fA-F]{2})/g, "%25").replace(/%[0-9a-fA-F]{2}/g, (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return m;
      }
    });
  }
}

/** One percent-encoding per path: decoded, then encoded as UTF-8 with upper-case hex. */
export function normalizePath(pathname: string): string {
  return pathname
    .split("/")
    .map((seg) => encodeURIComponent(decodeSafely(seg)).replace(SEGMENT_SAFE, (m) => decodeURIComponent(m)))
    .join("/");
}

export interface UrlScope {
  /** The site's canonical origin, e.g. https://www.miaprojektet.se */
  origin: string;
  /** Other origins that are the same site. */
  aliases: readonly string[];
  /** Query parameters that change what a page of the site shows (pagination); others are dropped. */
  keepQuery: readonly string[];
}

/** True when the URL belongs to the site (its origin or one of the aliases). */
export function isSiteUrl(url: URL, scope: UrlScope): boolean {
  return url.origin === scope.origin || scope.aliases.includes(url.origin);
}

/**
 * The canonical form of a URL: fragment dropped; for the site's own URLs, the origin folded into the
 * canonical one, the path in one percent-encoding, and only the query parameters that matter, sorted.
 * Returns null for what is not http(s).
 */
export function canonicalUrl(input: string | URL, scope: UrlScope, base?: string | URL): URL | null {
  let url: URL;
  try {
    url = new URL(String(input), base);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  url.hash = "";
  if (!isSiteUrl(url, scope)) return url;
  const out = new URL(scope.origin);
  out.pathname = normalizePath(url.pathname);
  const kept = [...url.searchParams]
    .filter(([k]) => scope.keepQuery.includes(k))
    .sort(([a], [b]) => a.localeCompare(b));
  out.search = kept.length ? "?" + new URLSearchParams(kept).toString() : "";
  return out;
}
