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

/** Every file of the output (not the snapshot, report or cache folders), relative to it, with "/" separators. */
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
    if (top === "snapshot" || top === "report" || top === ".mia-migrate" || top === "node_modules") continue;
    if (statSync(full).isDirectory()) for (const f of outputFiles(outDir, full)) out.add(f);
    else out.add(rel);
  }
  return out;
}

export function readOutput(outDir: string): Map<string, OutputDoc> {
  const docs = new Map<string, OutputDoc>();
  for (const rel of [...outputFiles(outDir)].filter((f) => f.endsWith(".md")).sort()) {
    const full = join(outDir, rel);
    const text = readFileSync(full, "utf8");
    const m = /^---\n([\s\S]*?)\n---\n\n?([\s\S]*)$/.exec(text);
    if (!m) continue;
    const fm = parse(m[1] ?? "") as { source_id?: unknown; slug?: unknown } | null;
    if (!fm?.source_id) continue;
    const postId = String(fm.source_id);
    docs.set(postId, { postId, file: rel, text, body: m[2] ?? "", slug: String(fm.slug ?? "") });
  }
  return docs;
}
