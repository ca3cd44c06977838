// `mia-migrate convert --from <snapshot | archive dir | run .warc.gz> --out <dir>`
import { resolve } from "node:path";
import { convertSnapshot } from "../../pipeline/convert.js";
import { loadProfile } from "../../profiles/profile.js";
import { SnapshotStore } from "../../store/snapshot.js";
import { EXIT, NoPostsError, UsageError } from "../../config/errors.js";
import { isArchive, snapshotOfArchive } from "../../pipeline/source.js";
import { convertFlags, type ConvertFlags } from "../options.js";
import { convertLine, report, type OutputFlags } from "../summary.js";

export async function runConvert(
  flags: ConvertFlags & { from: string; out: string; profile: string },
  g: OutputFlags,
): Promise<number> {
  const profile = loadProfile(flags.profile);
  const from = resolve(flags.from);
  const out = resolve(flags.out);
  let snapshotDir = from;
  let done = () => {};
  if (isArchive(from)) {
    // The newest run of the archive (or the run given), turned back into a snapshot, offline.
    ({ dir: snapshotDir, done } = await snapshotOfArchive(from));
  } else if (!new SnapshotStore(from).exists()) {
    throw new UsageError(
      `--from ${from}: no snapshot (manifest.jsonl) and no archive (run directories or a .warc.gz) there; run "mia-migrate crawl" or "mia-migrate snapshot" first`,
    );
  }
  try {
    const result = convertSnapshot(snapshotDir, out, convertFlags(flags, profile));
    if (result.posts === 0)
      throw new NoPostsError(
        `no post in ${from}: the snapshot holds ${result.findings.length ? "only pages that failed or are not posts" : "no page that is a post of this site profile"}; crawl the blog's start page, or give a profile that fits the site (--profile)`,
      );
    report(g, { posts: result.posts, problems: result.findings.length }, [convertLine(result, out)]);
    return EXIT.ok;
  } finally {
    done();
  }
}
