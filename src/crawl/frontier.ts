// The crawl's frontier: which URLs are in scope, which were seen, and each post once by its id (a second
// URL of a known post is an alias, recorded, never fetched). Resume needs no queue file: the frontier is
// rebuilt by replaying the snapshot's records and the links of their bodies. No I/O of its own.
import { ownCopy } from "../store/own-copy.js";
import { rawLinks } from "../extract/discover.js";
import { decodedPath, pageKind, postIdOf } from "../extract/classify.js";
import type { Profile } from "../profiles/profile.js";
import { canonicalUrl, isSiteUrl } from "../profiles/url.js";
import type { FetchRecord, ManifestRecord, PageKind } from "../store/snapshot.js";
import { decodeBody } from "./charset.js";
import { cssRequisites, htmlRequisites } from "../extract/requisites.js";

/** A page to fetch: its canonical URL, its depth from the start page, and which try this is. */
export interface Task {
  url: URL;
  depth: number;
  attempt: number;
}

export interface FrontierScope {
  maxDepth: number;
  /** Only site URLs whose decoded path matches one of these are followed (all when empty). */
  include: readonly RegExp[];
  /** Site URLs whose decoded path matches one of these are never fetched. */
  exclude: readonly RegExp[];
  /** Also what each page needs to render (stylesheets, scripts, icons, and what stylesheets load), from
   *  the site's own origin: archive runs, so a replayed page looks as the site did. */
  requisites?: boolean;
}

/** How a URL was found: the start URL, a link on a page, or something a page needs to render. */
export type Found = "seed" | "link" | "requisite";

const HTML_KINDS: ReadonlySet<PageKind> = new Set(["post", "archive", "tag", "index", "page"]);

function safeUrl(raw: string, base: string): string | undefined {
  try {
    return new URL(raw, base).href;
  } catch {
    return undefined;
  }
}

export class Frontier {
  /** Canonical URLs queued or done. */
  private readonly seen = new Set<string>();
  private readonly postUrlById = new Map<string, string>();
  private readonly aliasesRecorded = new Set<string>();
  // Hrefs already put through admit. Sidebars repeat the same links on every page; a root-relative or
  // absolute href means the same URL on every page of the site, so it need not be parsed again.
  private readonly processed = new Set<string>();

  constructor(
    private readonly profile: Profile,
    private readonly scope: FrontierScope,
    /** Records a second URL of a known post (the snapshot keeps it for redirects). */
    private readonly onAlias: (url: string, postId: string) => void,
  ) {}

  /** A discovered URL as a new task, or null when it is off the site, out of scope, seen, or an alias.
   *  A requisite is fetched whatever its kind and depth (as wget's --page-requisites ignores -l), and
   *  only `exclude` applies to it: the pages in scope need it. */
  admit(raw: string, depth: number, found: Found = "link"): Task | null {
    const { profile } = this;
    const url = canonicalUrl(raw, profile);
    if (!url || !isSiteUrl(url, profile)) return null; // external: recorded in the bodies, never followed
    const kind = pageKind(url, profile);
    if (found === "link" && kind !== "post" && !profile.follow.includes(kind)) return null;
    if (found === "link" && depth > this.scope.maxDepth) return null;
    if (found === "link" && !this.inScope(url)) return null;
    if (found === "requisite" && this.excluded(url)) return null;
    const href = url.href;
    const id = kind === "post" ? postIdOf(url, profile) : undefined;
    if (id !== undefined) {
      const known = this.postUrlById.get(id);
      if (known !== undefined) {
        if (known !== href && !this.aliasesRecorded.has(href)) {
          this.aliasesRecorded.add(href);
          this.onAlias(href, id);
        }
        return null;
      }
      this.postUrlById.set(id, href);
    }
    if (this.seen.has(href)) return null;
    this.seen.add(href);
    return { url, depth, attempt: 1 };
  }

  private inScope(url: URL): boolean {
    if (this.excluded(url)) return false;
    const path = decodedPath(url);
    return this.scope.include.length === 0 || this.scope.include.some((re) => re.test(path));
  }

  private excluded(url: URL): boolean {
    const path = decodedPath(url);
    return this.scope.exclude.some((re) => re.test(path));
  }

  /** The tasks a fetched page leads to: a 200 HTML page of the site its links (and with `requisites`
   *  what it needs to render), a 200 stylesheet (with `requisites`) what it loads. */
  linksOf(rec: FetchRecord, body: Buffer): Task[] {
    if (rec.status !== 200) return [];
    const contentType = rec.headers["content-type"];
    const tasks: Task[] = [];
    const requisite = (raw: string, base: string) => {
      const abs = safeUrl(raw, base);
      const task = abs ? this.admit(abs, rec.depth + 1, "requisite") : null;
      if (task) tasks.push(task);
    };
    if (this.scope.requisites && /^\s*text\/css\b/i.test(contentType ?? "")) {
      for (const raw of cssRequisites(decodeBody(body, contentType).text)) requisite(raw, rec.finalUrl);
      return tasks;
    }
    if (!HTML_KINDS.has(rec.kind)) return [];
    const html = decodeBody(body, contentType).text;
    const { links, base } = rawLinks(html);
    const pageBase = base === undefined ? rec.finalUrl : (safeUrl(base, rec.finalUrl) ?? rec.finalUrl);
    if (this.scope.requisites) for (const raw of htmlRequisites(html)) requisite(raw, pageBase);
    for (const raw of links) {
      const pageIndependent =
        base === undefined && ((raw.startsWith("/") && !raw.startsWith("//")) || /^https?:/i.test(raw));
      if (pageIndependent) {
        if (this.processed.has(raw)) continue;
        this.processed.add(ownCopy(raw));
      }
      const abs = safeUrl(raw, pageBase);
      const task = abs ? this.admit(abs, rec.depth + 1) : null;
      if (task) tasks.push(task);
    }
    return tasks;
  }

  /** A task that ended on another URL (a redirect): that URL is done too, and the post lives there. */
  landed(task: Task, finalUrl: string, postId: string | undefined): void {
    if (finalUrl === task.url.href) return;
    this.seen.add(finalUrl);
    if (postId && this.postUrlById.get(postId) === task.url.href) this.postUrlById.set(postId, finalUrl);
  }

  /** Resume: a record of an earlier run is done (its links are replayed separately, with `linksOf`). */
  restore(rec: ManifestRecord): void {
    if (rec.type === "alias") {
      this.aliasesRecorded.add(rec.url);
      return;
    }
    this.seen.add(rec.url);
    this.seen.add(rec.finalUrl);
    if (rec.postId && !this.postUrlById.has(rec.postId)) this.postUrlById.set(rec.postId, rec.finalUrl);
  }
}
