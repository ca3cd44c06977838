// Planning the output of a whole migration from extracted posts: slugs, places, rewritten links, local
// copies of the site's files, frontmatter, redirects and findings. Pure but for reading file bodies,
// which the caller passes in.
import { canonicalUrl, isSiteUrl } from "../crawl/url.js";
import { pageKind, postIdOf } from "../extract/classify.js";
import type { Post } from "../extract/post.js";
import { slugify, uniqueSlugs } from "../normalize/slug.js";
import type { Profile } from "../profiles/profile.js";
import type { ConvertContext, ConvertFinding } from "./context.js";
import { toDocument, type Document } from "./document.js";
import type { FrontmatterFields } from "./frontmatter.js";
import { placeOf, type LayoutName } from "./layout.js";
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

export interface PlanFinding extends ConvertFinding {
  postId: string;
  file: string;
  /** 1-based line in the Markdown file where the text stands, when it can be found. */
  line?: number;
  sourceUrl: string;
}

export interface Plan {
  docs: Document[];
  /** Output path → content (Markdown text or a file's bytes). */
  files: Map<string, string | Uint8Array>;
  redirects: RedirectEntry[];
  findings: PlanFinding[];
}

/** ASCII-safe file name: the old name slugified, a content hash, the extension. */
export function assetName(url: string, sha256: string): string {
  const last = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "file");
  const dot = last.lastIndexOf(".");
  const ext = dot > 0 ? last.slice(dot).toLowerCase().replace(/[^.a-z0-9]/g, "") : "";
  const base = slugify(dot > 0 ? last.slice(0, dot) : last, 60) || "fil";
  return `${base}-${sha256.slice(0, 8)}${ext}`;
}

function lineOf(text: string, needle: string): number | undefined {
  const i = text.indexOf(needle);
  return i < 0 ? undefined : text.slice(0, i).split("\n").length;
}

export function planSite(posts: readonly Post[], otherUrls: ReadonlyMap<string, readonly string[]>, siteFiles: ReadonlyMap<string, SiteFile>, opts: PlanOptions): Plan {
  const { profile } = opts;
  const slugs = uniqueSlugs(posts, (p) => slugify(p.title, opts.slugMaxChars));
  const places = new Map(posts.map((p) => [p.id, placeOf(opts.layout, p.date, slugs.get(p) ?? p.id)]));
  const files = new Map<string, string | Uint8Array>();
  const findings: PlanFinding[] = [];
  const docs: Document[] = [];

  for (const post of posts) {
    const place = places.get(post.id);
    if (!place) continue;
    const local: ConvertFinding[] = [];
    const rewriteUrl = (raw: string): string => {
      const url = canonicalUrl(raw, profile);
      if (!url || !isSiteUrl(url, profile)) return raw;
      const id = postIdOf(url, profile);
      if (id !== undefined) {
        const target = places.get(id);
        if (target) return target.url + (new URL(raw).hash ?? "");
        local.push({ rule: "old-site-link", message: "a link to a post of the old site that was not migrated", text: raw });
        return raw;
      }
      if (pageKind(url, profile) === "asset" && opts.assets) {
        const file = siteFiles.get(url.href);
        if (!file) {
          local.push({ rule: "asset-missing", message: "a file of the old site that is not in the snapshot: the old URL is kept", text: raw });
          return url.href;
        }
        const name = assetName(url.href, file.sha256);
        const path = `${place.assetDir}/${name}`;
        if (!files.has(path)) files.set(path, file.read());
        return place.assetUrl(name);
      }
      if (pageKind(url, profile) !== "asset") local.push({ rule: "old-site-link", message: "a link to a page of the old site that is not part of the migration", text: raw });
      return url.href;
    };
    const ctx: ConvertContext = { rewriteUrl, figures: opts.figures, findings: local };
    const doc = toDocument(post, slugs.get(post) ?? post.id, place, otherUrls.get(post.id) ?? [], ctx, opts.fields, opts.layout === "eleventy");
    docs.push(doc);
    files.set(doc.path, doc.text);
    const reported = new Set<string>();
    for (const f of local) {
      // The same URL in the frontmatter and the body is one problem.
      const key = `${f.rule}\n${f.text}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const line = lineOf(doc.markdown, f.text);
      // Lines count from the top of the file: the frontmatter's lines come first.
      const offset = doc.text.length - doc.markdown.length;
      const fileLine = line === undefined ? undefined : doc.text.slice(0, offset).split("\n").length - 1 + line;
      findings.push({ ...f, postId: post.id, file: doc.path, sourceUrl: post.sourceUrl, ...(fileLine ? { line: fileLine } : {}) });
    }
  }
  const redirects: RedirectEntry[] = docs.flatMap((d) => [d.frontmatter.source_url, ...(otherUrls.get(d.postId) ?? [])].map((from) => ({ from, to: d.url, postId: d.postId })));
  return { docs, files, redirects, findings };
}
