// `mia-migrate check-links --from <snapshot> --out <dir>`: every link of every post checked, and the QA
// report written to <out>/report/. Exit codes as lychee's: 0 nothing broken, 2 broken links.
import { resolve } from "node:path";
import { parseOriginMap } from "../../crawl/origin-map.js";
import { checkAndReport } from "../../links/check-and-report.js";
import { loadProfile } from "../../profiles/profile.js";
import type { Report } from "../../report/report.js";
import { SnapshotStore } from "../../store/snapshot.js";
import { EXIT, UsageError } from "../errors.js";
import { checkSettings, crawlSettings, type CrawlFlags, type LinkFlags } from "../options.js";
import { report, type OutputFlags } from "../summary.js";

export function reportLine(r: Report, out: string): string {
  const l = r.summary.links;
  return `links: ${l.unique} checked (${l.ok} ok, ${l.redirected} redirected, ${l.broken} broken, ${l.unverifiable} unverifiable, ${l.skipped} skipped); findings: ${r.summary.findings.error} errors, ${r.summary.findings.warning} warnings, ${r.summary.findings.info} info (see ${out}/report/report.md)`;
}

export async function runCheckLinks(flags: CrawlFlags & LinkFlags & { from: string; out: string; keepTypography?: boolean }, g: OutputFlags): Promise<number> {
  const profile = loadProfile(flags.profile);
  const from = resolve(flags.from);
  if (!new SnapshotStore(from).exists()) throw new UsageError(`--from ${from}: no snapshot there (no manifest.jsonl); run "mia-migrate crawl" or "migrate" first`);
  const { settings, cacheFile, cacheAgeMs, spellingWords } = checkSettings(flags, crawlSettings(flags));
  const out = resolve(flags.out);
  const r = await checkAndReport({ snapshotDir: from, outDir: out, profile, originMap: parseOriginMap(flags.mapOrigin), settings, typography: flags.keepTypography !== true, cacheFile, cacheAgeMs, spellingWords });
  report(g, r.summary, [reportLine(r, out)]);
  return r.summary.links.broken > 0 ? EXIT.partial : EXIT.ok;
}
