// Links the conversion rewrote to new paths (other posts, copied files), checked against the output
// tree itself, offline: a target that is not there would be a broken link on the new site.
import type { QaContext, Rule } from "../finding.js";

/** The page URL each Markdown file becomes, per layout (see convert/layout.ts). */
export function pageUrlOf(file: string, text: string): string | undefined {
  const permalink = /^permalink: (\S+)$/m.exec(text.split("\n---\n")[0] ?? "")?.[1];
  if (permalink) return permalink.replace(/^["']|["']$/g, "");
  let m = /^content\/(.+)\/index\.md$/.exec(file);
  if (m) return `/${m[1]}/`;
  m = /^(posts\/.+)\.md$/.exec(file);
  return m ? `/${m[1]}/` : undefined;
}

const LINK = /!?\[(?:[^\]\\]|\\.)*\]\(([^)\s]+)\)/g;

export const missingTarget: Rule = {
  id: "missing-target",
  severity: "error",
  description: "A link rewritten to a new page or a copied file that is not in the output.",
  check: (ctx: QaContext) => {
    const pages = new Set<string>();
    const files = new Set<string>();
    for (const d of ctx.docs.values()) {
      const url = pageUrlOf(d.file, d.text);
      if (url) pages.add(url);
    }
    for (const f of ctx.outputFiles ?? []) files.add(f);
    const out = [];
    for (const p of ctx.posts) {
      const doc = ctx.docs.get(p.id);
      if (!doc) continue;
      const lines = doc.text.split("\n");
      for (const [i, line] of lines.entries()) {
        for (const m of line.matchAll(LINK)) {
          const target = decodeURIComponent((m[1] ?? "").replace(/#.*$/, ""));
          if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // absolute URLs are the link checker's
          const dir = doc.file.slice(0, doc.file.lastIndexOf("/") + 1);
          const asFile = target.startsWith("/") ? target.slice(1) : dir + target; // page-bundle files are relative
          const ok = pages.has(target) || pages.has(target + "/") || files.has(asFile) || files.has(asFile.replace(/\/$/, ""));
          if (!ok) out.push({ postId: p.id, postUrl: p.sourceUrl, file: doc.file, line: i + 1, text: m[0], url: m[1] ?? "", message: `the link target ${target} is not in the output` });
        }
      }
    }
    return out;
  },
};
