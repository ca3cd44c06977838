// Reading a migration's Markdown back from disk: each file's frontmatter and body, keyed by post id.
import { readdirSync, readFileSync, statSync, type Dirent } from "node:fs";
import { join, relative, sep } from "node:path";
import { parse } from "yaml";
import { ownCopy } from "../store/own-copy.js";
import { pageUrlOf } from "./layout.js";

/** A post's Markdown file as the whole-site rules see it: where it is and what it became, no text. */
export interface DocRef {
  file: string;
  slug: string;
  /** The page's URL path on the new site. */
  url?: string;
}

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
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = join(dir, entry.name);
    const rel = relative(outDir, full).split(sep).join("/");
    const top = rel.split("/")[0];
    if (top === "snapshot" || top === "report" || top === ".mia-migrate" || top === "node_modules") continue;
    // A symbolic link is never followed into a folder (it may lead out of the output, or in a circle);
    // one to a file counts as the file, a dangling one as nothing.
    if (entry.isDirectory()) for (const f of outputFiles(outDir, full)) out.add(f);
    else if (entry.isFile() || (entry.isSymbolicLink() && isFileBehind(full))) out.add(rel);
  }
  return out;
}

function isFileBehind(link: string): boolean {
  try {
    return statSync(link).isFile();
  } catch {
    return false;
  }
}

/** The output's Markdown files, sorted by path. */
const markdownFiles = (outDir: string): string[] => [...outputFiles(outDir)].filter((f) => f.endsWith(".md")).sort();

/** Each Markdown post of the output, read one at a time (sorted by path). */
export function* eachOutputDoc(outDir: string): Generator<OutputDoc> {
  for (const rel of markdownFiles(outDir)) {
    const doc = readOutputDoc(outDir, rel);
    if (doc) yield doc;
  }
}

const FRONTMATTER = /^---\n([\s\S]*?)\n---\n\n?([\s\S]*)$/;

/** One Markdown file of the output as a post's document, or null if it is not one of our posts. */
export function readOutputDoc(outDir: string, rel: string): OutputDoc | null {
  const text = readFileSync(join(outDir, rel), "utf8");
  const m = FRONTMATTER.exec(text);
  if (!m) return null;
  let fm: { source_id?: unknown; slug?: unknown } | null;
  try {
    fm = parse(m[1] ?? "") as typeof fm;
  } catch {
    return null; // not ours: a page of the user's site whose frontmatter this parser does not read
  }
  if (!fm?.source_id) return null;
  return { postId: String(fm.source_id), file: rel, text, body: m[2] ?? "", slug: String(fm.slug ?? "") };
}

/** A post's file that indexOutput has already read, read again when its turn comes: what the index
 *  knows (id, slug) is not parsed out of the frontmatter a second time. */
export function readIndexedDoc(outDir: string, postId: string, ref: DocRef): OutputDoc | null {
  const text = readFileSync(join(outDir, ref.file), "utf8");
  const m = FRONTMATTER.exec(text);
  return m ? { postId, file: ref.file, text, body: m[2] ?? "", slug: ref.slug } : null;
}

/** A post's file as the conversion that wrote it knows it (what indexOutput would read back). */
export interface WrittenDoc extends DocRef {
  postId: string;
}

/** What indexOutput reads back from a document the conversion has just written. */
export function writtenDoc(postId: string, file: string, slug: string, text: string): WrittenDoc {
  const url = pageUrlOf(file, text);
  return { postId, file, slug, ...(url ? { url: ownCopy(url) } : {}) };
}

/** Post id → its file, slug and page URL, without keeping any text: the whole-site view of a report.
 *  `written`: the documents a conversion has just written, by file; they are taken as it knows them,
 *  not read and parsed again (only the output's other Markdown files are). */
export function indexOutput(outDir: string, written: ReadonlyMap<string, WrittenDoc> = new Map()): Map<string, DocRef> {
  const index = new Map<string, DocRef>();
  for (const rel of markdownFiles(outDir)) {
    const known = written.get(rel);
    if (known) {
      const { postId, ...ref } = known;
      index.set(postId, ref);
      continue;
    }
    const d = readOutputDoc(outDir, rel);
    if (!d) continue;
    const url = pageUrlOf(d.file, d.text);
    index.set(ownCopy(d.postId), { file: d.file, slug: ownCopy(d.slug), ...(url ? { url: ownCopy(url) } : {}) });
  }
  return index;
}
