// Links the conversion rewrote to new paths (other posts, copied files), checked against the output
// tree itself, offline: a target that is not there would be a broken link on the new site.
import type { Rule } from "../finding.js";

const LINK = /!?\[(?:[^\]\\]|\\.)*\]\(([^)\s]+)\)/g;

export const missingTarget: Rule = {
  id: "missing-target",
  severity: "error",
  description: "A link rewritten to a new page or a copied file that is not in the output.",
  forPosts: (site) => {
    const pages = new Set<string>();
    for (const d of site.docs.values()) if (d.url) pages.add(d.url);
    const files = site.outputFiles ?? new Set<string>();
    return (pc) => {
      const doc = pc.doc;
      if (!doc) return [];
      const out = [];
      for (const [i, line] of doc.text.split("\n").entries()) {
        for (const m of line.matchAll(LINK)) {
          const target = decodeURIComponent((m[1] ?? "").replace(/#.*$/, ""));
          if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // absolute URLs are the link checker's
          const dir = doc.file.slice(0, doc.file.lastIndexOf("/") + 1);
          const asFile = target.startsWith("/") ? target.slice(1) : dir + target; // page-bundle files are relative
          const ok =
            pages.has(target) || pages.has(target + "/") || files.has(asFile) || files.has(asFile.replace(/\/$/, ""));
          if (!ok)
            out.push({
              postId: pc.post.id,
              postUrl: pc.post.sourceUrl,
              file: doc.file,
              line: i + 1,
              text: m[0],
              url: m[1] ?? "",
              message: `the link target ${target} is not in the output`,
              params: { target },
            });
        }
      }
      return out;
    };
  },
};
