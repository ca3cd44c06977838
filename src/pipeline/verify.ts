// The verify pipeline: the Markdown files on disk, rendered back to HTML, against the posts of a
// snapshot, one post at a time (each extracted post is checked against its file and let go).
import { defaults } from "../config/defaults.js";
import { extractPosts, postKey, type PostKey } from "../convert/from-snapshot.js";
import { indexOutput, readIndexedDoc } from "../convert/read-output.js";
import { emptyFidelity, verifyInto, type FidelitySummary } from "../convert/verify.js";
import type { Profile } from "../profiles/profile.js";
import { SnapshotStore } from "../store/snapshot.js";
import { withSource } from "./source.js";

export interface VerifyOptions {
  snapshotDir: string;
  outDir: string;
  profile: Profile;
  /** The Markdown was converted with Swedish typography (false: --keep-typography). */
  typography: boolean;
}

export interface VerifyResult {
  fidelity: FidelitySummary;
  /** The posts of the snapshot (a post without its file is counted as not verified). */
  snapshotPosts: PostKey[];
}

export function verifyOutput(opts: VerifyOptions): VerifyResult {
  const docs = indexOutput(opts.outDir);
  const s = emptyFidelity();
  const { posts } = extractPosts(
    new SnapshotStore(opts.snapshotDir),
    opts.profile,
    { leadMaxChars: defaults.extract.leadMaxChars, typography: opts.typography },
    (post) => {
      const ref = docs.get(post.id);
      const doc = ref ? readIndexedDoc(opts.outDir, post.id, ref) : null;
      if (doc) verifyInto(s, post, doc.file, doc.body, { profile: opts.profile, strict: !opts.typography });
      return postKey(post);
    },
  );
  s.mismatches.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { fidelity: s, snapshotPosts: posts };
}

/** `verify`: the Markdown in `outDir` against a snapshot or an archive (its newest run, or one run's
 *  .warc.gz). */
export function verify(opts: Omit<VerifyOptions, "snapshotDir"> & { from: string }): Promise<VerifyResult> {
  const { from, ...rest } = opts;
  return withSource(from, (snapshotDir) => verifyOutput({ ...rest, snapshotDir }));
}
