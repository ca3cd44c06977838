// Reading posts out of a snapshot: one Post per post id (whichever URL reached it), with every other
// URL that led to it (aliases and redirect hops) kept for redirects.
import { decodeBody } from "../crawl/charset.js";
import { extractPost, type ExtractOptions, type Post } from "../extract/post.js";
import type { Profile } from "../profiles/profile.js";
import { ownCopy } from "../store/own-copy.js";
import type { SnapshotStore } from "../store/snapshot.js";

/** What the whole-site steps (slugs, places, redirects, duplicate titles) need of a post: no body. */
export type PostKey = Pick<Post, "id" | "sourceUrl" | "title" | "date">;

/** A post's key, in strings of its own: a key must not keep the post's body (or its page) alive. */
export const postKey = (p: Post): PostKey => ({
  id: ownCopy(p.id),
  sourceUrl: ownCopy(p.sourceUrl),
  title: ownCopy(p.title),
  date: ownCopy(p.date),
});

export interface SnapshotPosts<P extends PostKey = Post> {
  /** Oldest first (by id): stable slug suffixes go to the later post of a pair. */
  posts: P[];
  /** Post id → other URLs of the site that lead to it. */
  otherUrls: Map<string, string[]>;
  /** Post pages that could not be read as posts. */
  unreadable: { url: string; reason: string }[];
}

/** Extracts every post of the snapshot once, handing each to `take`; keeps what `take` returns. */
export function extractPosts<P extends PostKey>(
  store: SnapshotStore,
  profile: Profile,
  opts: ExtractOptions,
  take: (post: Post) => P,
): SnapshotPosts<P> {
  const byId = new Map<string, P>();
  const otherUrls = new Map<string, string[]>();
  const unreadable: SnapshotPosts["unreadable"] = [];
  const addUrl = (id: string, url: string) => {
    const list = otherUrls.get(id) ?? [];
    if (!list.includes(url)) list.push(url);
    otherUrls.set(id, list);
  };
  for (const rec of store.records()) {
    if (rec.type === "alias") {
      addUrl(rec.postId, rec.url);
      continue;
    }
    if (rec.kind !== "post" || !rec.postId) continue;
    for (const hop of rec.redirects) addUrl(rec.postId, hop.url);
    if (rec.status !== 200 || !rec.sha256 || byId.has(rec.postId)) continue;
    const { text } = decodeBody(store.readBody(rec.sha256), rec.headers["content-type"]);
    const post = extractPost(text, rec.finalUrl, profile, opts);
    if (post) byId.set(post.id, take(post));
    else unreadable.push({ url: rec.finalUrl, reason: "no post id or date in the URL" });
  }
  for (const [id, urls] of otherUrls) {
    const post = byId.get(id);
    if (post)
      otherUrls.set(
        id,
        urls.filter((u) => u !== post.sourceUrl),
      );
  }
  const posts = [...byId.values()].sort((a, b) => Number(a.id) - Number(b.id));
  return { posts, otherUrls, unreadable };
}

/** Every post in memory: for library callers and the extraction benchmark. A migration streams (see PostSpool). */
export function postsFromSnapshot(store: SnapshotStore, profile: Profile, opts: ExtractOptions): SnapshotPosts {
  return extractPosts(store, profile, opts, (post) => post);
}
