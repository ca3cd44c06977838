// Planning the output of a migration: first every post's slug and place (from titles and dates alone,
// so the whole site is known before any body is converted), then each post on its own: rewritten
// links, local copies of the site's files, frontmatter, findings. Pure but for reading file bodies,
// which the caller passes in. One post at a time: a migration never holds every body in memory.
import { canonicalUrl, isSiteUrl } from "../profiles/url.js";
import { pageKind, postIdOf } from "../extract/classify.js";
import type { Post } from "../extract/post.js";
import { slugify, uniqueSlugs } from "../normalize/slug.js";
import type { Profile } from "../profiles/profile.js";
import type { Finding, PostNote } from "../config/findings.js";
import type { ConvertContext } from "./context.js";
import { conversionFindings } from "./findings.js";
import { toDocument, type Document } from "./document.js";
import type { PostKey } from "./from-snapshot.js";
import type { FrontmatterFields } from "./frontmatter.js";
import { placeOf, type LayoutName, type Place } from "./layout.js";
import type { RedirectEntry } from "./redirects.js";

export interface SiteFile {
  /** Canonical old URL. */
  url: string;
  sha256: string;
  read(): Uint8Array;
}

export interface PlanOptions {
  profile: Profile;
  layout: LayoutName;
  figures: ConvertContext["figures"];
  /** Copy the site's images and files into the output (false: keep their old URLs). */
  assets: boolean;
  slugMaxChars: number;
  fields: FrontmatterFields;
}

/** Every post's slug and place on the new site, by post id. */
export type SitePlaces = ReadonlyMap<string, { slug: string; place: Place }>;

export interface PlannedPost {
  doc: Document;
  /** Output path → the site file copied there. */
  assets: Map<string, SiteFile>;
  findings: Finding[];
}

/** ASCII-safe file name: the old name slugified, a content hash, the extension. */
export function assetName(url: string, sha256: string): string {
  const last = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "file");
  const dot = last.lastIndexOf(".");
  const ext =
    dot > 0
      ? last
          .slice(dot)
          .toLowerCase()
          .replace(/[^.a-z0-9]/g, "")
      : "";
  const base = slugify(dot > 0 ? last.slice(0, dot) : last, 60) || "fil";
  return `${base}-${sha256.slice(0, 8)}${ext}`;
}

/** Slugs and places for posts given oldest first (a later post of a pair gets the suffix). */
export function planPlaces(posts: readonly PostKey[], opts: Pick<PlanOptions, "layout" | "slugMaxChars">): SitePlaces {
  const slugs = uniqueSlugs(posts, (p) => slugify(p.title, opts.slugMaxChars));
  return new Map(
    posts.map((p) => {
      const slug = slugs.get(p) ?? p.id;
      return [p.id, { slug, place: placeOf(opts.layout, p.date, slug) }];
    }),
  );
}

/** One post's Markdown document, the site files it uses, and what could not be converted cleanly. */
export function planPost(
  post: Post,
  site: SitePlaces,
  otherUrls: readonly string[],
  siteFiles: ReadonlyMap<string, SiteFile>,
  opts: PlanOptions,
): PlannedPost | null {
  const { profile } = opts;
  const own = site.get(post.id);
  if (!own) return null;
  const { place } = own;
  const assets = new Map<string, SiteFile>();
  const local: PostNote[] = [];
  const rewriteUrl = (raw: string): string => {
    const url = canonicalUrl(raw, profile);
    if (!url || !isSiteUrl(url, profile)) return raw;
    const id = postIdOf(url, profile);
    if (id !== undefined) {
      const target = site.get(id);
      if (target) return target.place.url + (new URL(raw).hash ?? "");
      local.push({
        rule: "old-site-link",
        message: "a link to a post of the old site that was not migrated",
        text: raw,
      });
      return raw;
    }
    if (pageKind(url, profile) === "asset" && opts.assets) {
      const file = siteFiles.get(url.href);
      if (!file) {
        local.push({
          rule: "asset-missing",
          message: "a file of the old site that is not in the snapshot: the old URL is kept",
          text: raw,
        });
        return url.href;
      }
      const name = assetName(url.href, file.sha256);
      assets.set(`${place.assetDir}/${name}`, file);
      return place.assetUrl(name);
    }
    if (pageKind(url, profile) !== "asset")
      local.push({
        rule: "old-site-link",
        message: "a link to a page of the old site that is not part of the migration",
        text: raw,
      });
    return url.href;
  };
  const ctx: ConvertContext = { rewriteUrl, figures: opts.figures, findings: local };
  const doc = toDocument(post, own.slug, place, otherUrls, ctx, opts.fields, opts.layout === "eleventy");
  const findings = conversionFindings(post, local, doc.path, doc.text, doc.markdown);
  return { doc, assets, findings };
}

/** Every old URL of every post (its own first, then aliases and redirect hops) → its new page. */
export function planRedirects(
  posts: readonly PostKey[],
  site: SitePlaces,
  otherUrls: ReadonlyMap<string, readonly string[]>,
): RedirectEntry[] {
  return posts.flatMap((p) => {
    const to = site.get(p.id)?.place.url;
    return to === undefined
      ? []
      : [p.sourceUrl, ...(otherUrls.get(p.id) ?? [])].map((from) => ({ from, to, postId: p.id }));
  });
}

export interface Plan {
  docs: Document[];
  /** Output path → content (Markdown text or a file's bytes). */
  files: Map<string, string | Uint8Array>;
  redirects: RedirectEntry[];
  findings: Finding[];
}

/** The whole plan at once, in memory: for a handful of posts (tests, the library). A migration of a
 *  snapshot streams the same steps post by post (see convertSnapshot). Posts oldest first. */
export function planSite(
  posts: readonly Post[],
  otherUrls: ReadonlyMap<string, readonly string[]>,
  siteFiles: ReadonlyMap<string, SiteFile>,
  opts: PlanOptions,
): Plan {
  const site = planPlaces(posts, opts);
  const plan: Plan = { docs: [], files: new Map(), redirects: planRedirects(posts, site, otherUrls), findings: [] };
  for (const post of posts) {
    const planned = planPost(post, site, otherUrls.get(post.id) ?? [], siteFiles, opts);
    if (!planned) continue;
    plan.docs.push(planned.doc);
    plan.files.set(planned.doc.path, planned.doc.text);
    for (const [path, file] of planned.assets) if (!plan.files.has(path)) plan.files.set(path, file.read());
    plan.findings.push(...planned.findings);
  }
  return plan;
}
