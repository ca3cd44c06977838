// `mia-migrate verify --from <snapshot> --out <dir>`: the Markdown files on disk, rendered back to HTML,
// against the posts in the snapshot. Exit 2 when anything differs, naming the file and what.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { parse } from "yaml";
import { defaults } from "../../config/defaults.js";
import { postsFromSnapshot } from "../../convert/from-snapshot.js";
import { verifyAll } from "../../convert/verify.js";
import { loadProfile } from "../../profiles/profile.js";
import { SnapshotStore } from "../../store/snapshot.js";
import { EXIT, UsageError } from "../errors.js";
import { report, type OutputFlags } from "../summary.js";

function markdownFiles(dir: string, root = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const rel = relative(root, full).split(sep)[0];
    if (rel === "snapshot" || rel === "report" || rel === "node_modules") continue;
    if (statSync(full).isDirectory()) out.push(...markdownFiles(full, root));
    else if (name.endsWith(".md")) out.push(full);
  }
  return out.sort();
}

export async function runVerify(flags: { from: string; out: string; profile: string; keepTypography?: boolean }, g: OutputFlags): Promise<number> {
  const profile = loadProfile(flags.profile);
  const from = resolve(flags.from);
  const out = resolve(flags.out);
  if (!new SnapshotStore(from).exists()) throw new UsageError(`--from ${from}: no snapshot there (no manifest.jsonl)`);
  const { posts } = postsFromSnapshot(new SnapshotStore(from), profile, { leadMaxChars: defaults.extract.leadMaxChars, typography: flags.keepTypography !== true });
  const byId = new Map(posts.map((p) => [p.id, p]));
  const pairs = markdownFiles(out).flatMap((file) => {
    const m = /^---\n([\s\S]*?)\n---\n\n?([\s\S]*)$/.exec(readFileSync(file, "utf8"));
    const fm = (m ? parse(m[1] ?? "") : null) as { source_id?: string } | null;
    const post = fm?.source_id ? byId.get(String(fm.source_id)) : undefined;
    return post && m ? [{ post, file: relative(out, file), body: m[2] ?? "" }] : [];
  });
  const s = verifyAll(pairs);
  const pct = (n: number) => (s.posts ? ((100 * n) / s.posts).toFixed(1) : "0.0") + "%";
  const lines = [
    `verified ${s.posts} posts of ${posts.length} in the snapshot: text equal ${s.textEqual} (${pct(s.textEqual)}), links kept ${pct(s.linksKept)}, images ${pct(s.imagesKept)}, captions ${pct(s.captionsKept)}`,
    ...s.mismatches.map((m) => `  ${m.file}: ${m.mismatch.what} differ: expected ${m.mismatch.expected} | found ${m.mismatch.found}`),
  ];
  report(g, { ...s, snapshotPosts: posts.length }, lines);
  return s.mismatches.length === 0 && s.posts === posts.length ? EXIT.ok : EXIT.partial;
}
