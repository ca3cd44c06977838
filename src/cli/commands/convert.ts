// `mia-migrate convert --from <snapshot | archive dir | run .warc.gz> --out <dir>`
import { resolve } from "node:path";
import { convert } from "../../pipeline/convert.js";
import { EXIT, NoPostsError } from "../../config/errors.js";
import { convertFlags, siteProfile, type ConvertFlags } from "../options.js";
import { convertLine, report, type OutputFlags } from "../summary.js";

export async function runConvert(
  flags: ConvertFlags & { from: string; out: string; profile: string },
  g: OutputFlags,
): Promise<number> {
  const profile = siteProfile(flags.profile);
  const from = resolve(flags.from);
  const out = resolve(flags.out);
  const result = await convert(from, out, convertFlags(flags, profile));
  if (result.posts === 0)
    throw new NoPostsError(
      `no post in ${from}: the snapshot holds ${result.findings.length ? "only pages that failed or are not posts" : "no page that is a post of this site profile"}; crawl the blog's start page, or give a profile that fits the site (--profile)`,
    );
  report(g, { posts: result.posts, problems: result.findings.length }, [convertLine(result, out)]);
  return EXIT.ok;
}
