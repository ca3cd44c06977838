// Which kind of page a URL of the site is, from the profile's URL patterns.
import type { Profile } from "../profiles/profile.js";
import { PAGE_KINDS } from "../profiles/profile.js";
import type { PageKind } from "../store/snapshot.js";
import { isSiteUrl } from "../profiles/url.js";

/** The URL's path, percent-decoded where it decodes (as the profile's patterns are written). */
export function decodedPath(url: URL): string {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return url.pathname;
  }
}

export function pageKind(url: URL, profile: Profile): PageKind {
  if (!isSiteUrl(url, profile)) return "other";
  const path = decodedPath(url);
  if (path === "/robots.txt") return "robots";
  for (const kind of PAGE_KINDS) if (profile.pages[kind].test(path)) return kind;
  return "other";
}

/** The post id in a post URL, whichever slug or origin it was written with. */
export function postIdOf(url: URL, profile: Profile): string | undefined {
  if (!isSiteUrl(url, profile)) return undefined;
  return profile.pages.post.exec(decodedPath(url))?.groups?.id;
}

/** The URL's /YYYY/MM/DD/ date, as the post pattern captures it. */
export function urlDateOf(url: URL, profile: Profile): string | undefined {
  const g = profile.pages.post.exec(decodedPath(url))?.groups;
  return g?.year && g.month && g.day ? `${g.year}-${g.month}-${g.day}` : undefined;
}
