// Reading posts out of a snapshot: one Post per post id (whichever URL reached it), with every other
// URL that led to it (aliases and redirect hops) kept for redirects.
import { decodeBody } from "../crawl/charset.js";
import { extractPost, type ExtractOptions, type Post } from "../extract/post.js";
import type { Profile } from "../profiles/profile.js";
import type { SnapshotStore } from "../store/snapshot.js";

export interface SnapshotPosts {
  posts: Post[];
  /** Post id → other URLs of the site that lead to it. */
  otherUrls: Map<string, string[]>;
  /** Post pages that could not be read as posts. */
  unreadable: { url: string; reason: string }[];
}

export function postsFromSnapshot(store: SnapshotStore, profile: Profile, opts: ExtractOptions): SnapshotPosts {
  const byId = new Map<string, Post>();
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
    if (post) byId.set(post.id, post);
    else unreadable.push({ url: rec.finalUrl, reason: "no post id or date in the URL" });
  }
  for (const [id, urls] of otherUrls) {
    const post = byId.get(id);
    if (post) otherUrls.set(id, urls.filter((u) => u !== post.sourceUrl));
  }
  // Oldest first: stable slug suffixes go to the later post of a pair.
  const posts = [...byId.values()].sort((a, b) => Number(a.id) - Number(b.id));
  return { posts, otherUrls, unreadable };
}
