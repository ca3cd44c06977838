// `mia-migrate convert --from <snapshot> --out <dir>`
import { resolve } from "node:path";
import { convertSnapshot } from "../../migrate.js";
import { loadProfile } from "../../profiles/profile.js";
import { SnapshotStore } from "../../store/snapshot.js";
import { EXIT, UsageError } from "../errors.js";
import { convertOptions, type ConvertFlags } from "../options.js";
import { convertLine, report, type OutputFlags } from "../summary.js";

export async function runConvert(flags: ConvertFlags & { from: string; out: string; profile: string }, g: OutputFlags): Promise<number> {
  const profile = loadProfile(flags.profile);
  const from = resolve(flags.from);
  if (!new SnapshotStore(from).exists()) throw new UsageError(`--from ${from}: no snapshot there (no manifest.jsonl); run "mia-migrate crawl" first`);
  const out = resolve(flags.out);
  const result = convertSnapshot(from, out, convertOptions(flags, profile));
  report(g, { posts: result.posts, problems: result.problems.length }, [convertLine(result, out)]);
  return EXIT.ok;
}
