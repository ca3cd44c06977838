// Reading a migration's Markdown back from disk: each file's frontmatter and body, keyed by post id.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { parse } from "yaml";

export interface OutputDoc {
  postId: string;
  /** Relative to the output directory. */
  file: string;
  text: string;
  body: string;
  slug: string;
}

function markdownFiles(dir: string, root = dir): string[] {
  const out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const full = join(dir, name);
    const top = relative(root, full).split(sep)[0];
    if (top === "snapshot" || top === "report" || top === "node_modules" || top === ".mia-migrate") continue;
    if (statSync(full).isDirectory()) out.push(...markdownFiles(full, root));
    else if (name.endsWith(".md")) out.push(full);
  }
  return out.sort();
}

/** Every file of the output (not the snapshot or the report), relative to it, with "/" separators. */
export function outputFiles(outDir: string, dir = outDir): Set<string> {
  const out = new Set<string>();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const full = join(dir, name);
    const rel = relative(outDir, full).split(sep).join("/");
    const top = rel.split("/")[0];
    if (top === "snapshot" || top === "report" || top === ".mia-migrate") continue;
    if (statSync(full).isDirectory()) for (const f of outputFiles(outDir, full)) out.add(f);
    else out.add(rel);
  }
  return out;
}

export function readOutput(outDir: string): Map<string, OutputDoc> {
  const docs = new Map<string, OutputDoc>();
  for (const full of markdownFiles(outDir)) {
    const text = readFileSync(full, "utf8");
    const m = /^---\n([\s\S]*?)\n---\n\n?([\s\S]*)$/.exec(text);
    if (!m) continue;
    const fm = parse(m[1] ?? "") as { source_id?: unknown; slug?: unknown } | null;
    if (!fm?.source_id) continue;
    const postId = String(fm.source_id);
    docs.set(postId, { postId, file: relative(outDir, full).split(sep).join("/"), text, body: m[2] ?? "", slug: String(fm.slug ?? "") });
  }
  return docs;
}
