// `mia-migrate verify --from <snapshot | archive> --out <dir>`: the Markdown files on disk, rendered back to HTML,
// against each post's source on the old page (convert/conserve.ts). Exit 2 when anything differs, naming
// the file, what and the source block.
import { resolve } from "node:path";
import { verify } from "../../pipeline/verify.js";
import { EXIT } from "../../config/errors.js";
import { siteProfile } from "../options.js";
import { report, type OutputFlags } from "../summary.js";

export async function runVerify(
  flags: { from: string; out: string; profile: string; keepTypography?: boolean },
  g: OutputFlags,
): Promise<number> {
  const profile = siteProfile(flags.profile);
  const from = resolve(flags.from);
  const out = resolve(flags.out);
  const result = await verify({ from, outDir: out, profile, typography: flags.keepTypography !== true });
  const { fidelity: s, snapshotPosts: posts } = result;
  const pct = (n: number) => (s.posts ? ((100 * n) / s.posts).toFixed(1) : "0.0") + "%";
  const lines = [
    `verified ${s.posts} posts of ${posts.length} in the snapshot: text equal ${s.textEqual} (${pct(s.textEqual)}), links kept ${pct(s.linksKept)}, images ${pct(s.imagesKept)}, captions ${pct(s.captionsKept)}`,
    ...s.mismatches.map(
      (m) =>
        `  ${m.file}: ${m.mismatch.what} differ${m.mismatch.block ? ` in ${m.mismatch.block}` : ""}: the original has ${m.mismatch.expected || "nothing more"}; the Markdown ${m.mismatch.found ? `has ${m.mismatch.found}` : "does not"}`,
    ),
  ];
  report(g, { ...s, snapshotPosts: posts.length }, lines);
  return s.mismatches.length === 0 && s.posts === posts.length ? EXIT.ok : EXIT.partial;
}
