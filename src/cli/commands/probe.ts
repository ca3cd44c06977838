// `mia-migrate probe <start-url> [--pages N] [--write-profile <file>]`: sample a blog the tool has never
// seen and propose a profile for it, with how well each field agrees with the generic extractor and the
// pages' metadata. The proposal is printed (stdout) or written to a file the user reviews.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { EXIT, RunError, UsageError } from "../../config/errors.js";
import { defaults } from "../../config/defaults.js";
import { parseOriginMap } from "../../http/origin-map.js";
import { probe } from "../../pipeline/probe.js";
import { writeFileAtomic } from "../../store/atomic.js";
import { crawlFlags, type CrawlFlags } from "../options.js";
import { CrawlProgress } from "../progress.js";
import { report, type OutputFlags } from "../summary.js";

export interface ProbeFlags extends CrawlFlags {
  pages?: string;
  writeProfile?: string;
  force?: boolean;
}

function blogUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `start URL "${value}" is not a URL; give the blog's list of posts, e.g. https://blog.example.org/`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(`start URL "${value}": only http and https are crawled`);
  return url.href;
}

export async function runProbe(startUrl: string, flags: ProbeFlags, g: OutputFlags): Promise<number> {
  const pages = Number(flags.pages ?? defaults.probe.pages);
  if (!Number.isInteger(pages) || pages < 2)
    throw new UsageError(`--pages "${flags.pages}": expected a whole number ≥ 2`);
  const start = blogUrl(startUrl);
  const out = flags.writeProfile === undefined ? undefined : resolve(flags.writeProfile);
  if (out && existsSync(out) && flags.force !== true)
    throw new UsageError(`--write-profile ${out}: the file exists; choose another name, or add --force to replace it`);
  const progress = new CrawlProgress({ quiet: g.quiet === true || g.json === true });
  const result = await probe({
    startUrl: start,
    pages,
    settings: crawlFlags(flags),
    originMap: parseOriginMap(flags.mapOrigin),
    onEvent: progress.onEvent,
  }).finally(() => progress.stop());
  const c = result.check;
  const n = result.posts;
  const s = result.selectors;
  const kinds = Object.entries(result.kindCounts)
    .map(([k, v]) => `${v} ${k}`)
    .join(", ");
  const lines = [
    `probe: ${result.fetched} pages sampled (${kinds}); ${result.kinds.postPathsSeen} post URLs seen`,
    `  post URLs  ${result.kinds.patterns.post}`,
    `  title      ${s.title.value.padEnd(28)} same as the page's metadata title on ${c.titleAgrees} of ${n}`,
    `  body       ${s.body.value.padEnd(28)} text F1 against the generic extractor: mean ${c.bodyF1Mean.toFixed(3)}, lowest ${c.bodyF1Min.toFixed(3)}`,
    `  date       ${(s.date?.value ?? "(from the URL)").padEnd(28)} same as the metadata or URL date on ${c.dateAgrees} of ${c.datesCompared}`,
    `  tags       ${s.tags.value.padEnd(28)} found on ${c.tagsFound} of ${n}`,
    `  images     ${`${s.image.value} / ${s.imageCaption.value}`.padEnd(28)} ${s.image.evidence}`,
    `the proposed profile extracts ${c.extracted} of ${n} sampled posts with its own selectors`,
    out
      ? `profile written to ${out}; review it, then: mia-migrate migrate ${start} --profile ${out}`
      : "(add --write-profile <file> to save it)",
  ];
  if (out) {
    try {
      writeFileAtomic(out, result.yaml);
    } catch (err) {
      throw new RunError(
        `cannot write ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}; choose a writable path`,
      );
    }
  } else if (!g.json) process.stdout.write(result.yaml);
  report(g, { fetched: result.fetched, posts: n, kinds: result.kindCounts, check: c, profile: out ?? null }, lines);
  return c.extracted === n ? EXIT.ok : EXIT.partial;
}
