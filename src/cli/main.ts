#!/usr/bin/env node
// The mia-migrate command line: flags, progress and exit codes only; the work is in the library.
// Each command's code is loaded only when that command runs, so --help and a crawl do not pay for
// cheerio and turndown (measured: `--version` 0.32 s before, see the issue note).
import { setFlagsFromString } from "node:v8";
import { Command, Option } from "commander";
import { defaults, VERSION } from "../config/defaults.js";
import { EXIT } from "../config/errors.js";
import {
  addConvertOptions,
  addCrawlOptions,
  addLinkOptions,
  profileOption,
  type ConvertFlags,
  type CrawlFlags,
  type LinkFlags,
} from "./options.js";
import { errorLine, runCommand } from "./run.js";
import { DEFAULT_PROFILE_PATH } from "../profiles/profile.js";
import { CONFIG_FILE, configKey, loadConfigFor, renderConfigTemplate } from "./config-file.js";
import { UsageError } from "../config/errors.js";
import type { OutputFlags } from "./summary.js";

// A batch run allocates fast and keeps little (about 40 MB live at 10,000 posts), and V8's default lets
// the heap grow to four times what survived the last full collection before collecting again: peak RSS
// of a 10,000-post `migrate` swung between 420 and 920 MB from run to run. A smaller growing factor
// keeps it under 300 MB (see defaults.memory). Its cost in time is within the noise of this machine:
// `npm run bench:convert` (2,000 posts, 3 interleaved rounds) gives this setting / V8's own a time
// ratio of min 0.79, median 1.04, peak RSS 157 against 219 MiB. The command line only:
// the library leaves its host's collector alone; a --heap-growing-percent given to node wins.
if (!process.execArgv.some((a) => a.startsWith("--heap-growing-percent")))
  setFlagsFromString(`--heap-growing-percent=${defaults.memory.heapGrowingPercent}`);

const program = new Command();
program
  .name("mia-migrate")
  .description(
    "Moves the MIA project's blog (www.miaprojektet.se) to Markdown: crawl, extract, normalise, convert, report.",
  )
  .version(VERSION)
  .option("--debug", "show stack traces on errors")
  .option("--quiet", "no progress, only errors")
  .option("--json", "print the final summary as one JSON line on stdout")
  .option("--config <file>", `config file (default: ./${CONFIG_FILE} when there is one)`)
  .showHelpAfterError("(run with --help for usage)")
  // Commander's own usage errors (unknown flag, missing argument) get our usage exit code. Set before the
  // subcommands are added, so they inherit it.
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : EXIT.usage));

const global = () => program.opts<OutputFlags>();

// The config file fills in what the command line left at its default (flags win). `init` writes it.
program.hook("preAction", (_program, action) => {
  if (action.name() === "init") return;
  try {
    const file = loadConfigFor(program, action, program.opts<{ config?: string }>().config);
    // Checked here, once the file has had its say (commander's requiredOption is checked before it).
    for (const opt of action.options) {
      if (NEEDED.has(opt) && action.getOptionValue(opt.attributeName()) === undefined) {
        throw new UsageError(
          `required option '${opt.flags}' not specified (give it on the command line${file ? ` or as ${configKey(opt)}: in ${file}` : ` or in ${CONFIG_FILE}`})`,
        );
      }
    }
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`mia-migrate: ${errorLine(err)}\n`);
    process.exit(err.exitCode);
  }
});

/** Options a command cannot run without: given as a flag or in the config file. */
const NEEDED = new Set<Option>();
function needed(flags: string, description: string): Option {
  const opt = new Option(flags, description);
  NEEDED.add(opt);
  return opt;
}

addLinkOptions(
  addConvertOptions(
    addCrawlOptions(
      program
        .command("migrate")
        .description("crawl the blog and write one Markdown file per post (with the snapshot kept in <out>/snapshot)")
        .argument("<start-url>", "where the crawl starts, e.g. https://www.miaprojektet.se/aktuellt-39586750")
        .option("--out <dir>", "output directory", defaults.out)
        .option("--no-check-links", "skip the link check and QA report")
        .option("--strict", "exit 2 when links are broken (as check-links does)"),
    ),
  ),
)
  .addHelpText(
    "after",
    "\nExample:\n  mia-migrate migrate https://www.miaprojektet.se/aktuellt-39586750 --out site \\\n    --map-origin https://www.miaprojektet.se=http://127.0.0.1:8080\n",
  )
  .action(
    async (
      startUrl: string,
      flags: CrawlFlags & ConvertFlags & LinkFlags & { out: string; checkLinks?: boolean; strict?: boolean },
    ) => {
      await runCommand(global().debug === true, async () =>
        (await import("./commands/migrate.js")).runMigrate(startUrl, flags, global()),
      );
    },
  );

addCrawlOptions(
  program
    .command("crawl")
    .description("crawl the blog into a snapshot that later stages read offline (rerun to resume)")
    .argument("<start-url>", "where the crawl starts")
    .addOption(needed("--snapshot <dir>", "snapshot directory")),
)
  .addHelpText(
    "after",
    "\nExample:\n  mia-migrate crawl https://www.miaprojektet.se/aktuellt-39586750 --snapshot snap --time-limit 3600\n",
  )
  .action(async (startUrl: string, flags: CrawlFlags & { snapshot: string }) => {
    await runCommand(global().debug === true, async () =>
      (await import("./commands/crawl.js")).runCrawl(startUrl, flags, global()),
    );
  });

addCrawlOptions(
  program
    .command("snapshot")
    .description(
      "take one archive snapshot of the site: a WARC/1.1 file (revisits for what did not change), its CDXJ index and a diff against the last run; safe to run from cron",
    )
    .argument("<start-url>", "where the crawl starts")
    .addOption(needed("--archive <dir>", "the archive directory (one subdirectory per run)"))
    .option("--keep <n>", "keep the n newest complete runs (and any older run their revisits refer to)")
    .option(
      "--min-share <fraction>",
      `a run that captures fewer than this share of the last complete run's posts is incomplete: kept apart, exit 6 (default: ${defaults.archive.minPostShare}; a run with no post is always incomplete)`,
    )
    .option("--wacz", "also package the run as a WACZ file (WARC + index + datapackage.json)")
    .option(
      "--conditional",
      "ask for what the last run stored with If-None-Match/If-Modified-Since and keep the 304s as revisits: fewer bytes from the site, but ReplayWeb.page and pywb show such pages blank (see README)",
    ),
)
  .addHelpText(
    "after",
    "\nExit codes: 0 done, 2 done but some pages failed, 3 usage, 4 stopped by --time-limit (rerun resumes), 5 another run holds the lock, 6 the run is incomplete (no post, or fewer than --min-share of the last run's: the site is down; kept apart, nothing removed).\n\nExample (nightly, from cron):\n  mia-migrate --quiet snapshot https://www.miaprojektet.se/aktuellt-39586750 --archive /srv/mia-archive --keep 30 --time-limit 3600\n",
  )
  .action(async (startUrl: string, flags: import("./commands/snapshot.js").SnapshotFlags) => {
    await runCommand(global().debug === true, async () =>
      (await import("./commands/snapshot.js")).runSnapshot(startUrl, flags, global()),
    );
  });

addConvertOptions(
  program
    .command("convert")
    .description("convert a snapshot to Markdown, offline")
    .addOption(
      needed(
        "--from <path>",
        "a snapshot written by crawl or migrate, an archive directory written by snapshot (its newest run), or one run's .warc.gz",
      ),
    )
    .option("--out <dir>", "output directory", defaults.out)
    .addOption(profileOption()),
)
  .addHelpText("after", "\nExample:\n  mia-migrate convert --from site/snapshot --out site --layout hugo\n")
  .action(async (flags: ConvertFlags & { from: string; out: string; profile: string }) => {
    await runCommand(global().debug === true, async () =>
      (await import("./commands/convert.js")).runConvert(flags, global()),
    );
  });

addLinkOptions(
  addConvertOptions(
    addCrawlOptions(
      program
        .command("check-links")
        .description(
          "check every link of every post and write the QA report (report.json, report.md, report.html, links.csv); exit 2 when links are broken",
        )
        .argument(
          "[start-url]",
          "crawl the live site from here into <out>/snapshot first (instead of --from); with neither, the Markdown in --out is checked on its own",
        )
        .option(
          "--from <path>",
          "a snapshot of the old site from crawl or migrate, or an archive from snapshot (its newest run, read offline)",
        )
        .option("--out <dir>", "the output directory (Markdown and report)", defaults.out),
    ),
  ),
)
  .addHelpText(
    "after",
    "\nExamples:\n  mia-migrate check-links --from site/snapshot --out site --link-timeout 10\n  mia-migrate check-links https://www.miaprojektet.se/aktuellt-39586750 --out qa\n",
  )
  .action(
    async (
      startUrl: string | undefined,
      flags: CrawlFlags & ConvertFlags & LinkFlags & { from?: string; out: string },
    ) => {
      await runCommand(global().debug === true, async () =>
        (await import("./commands/check-links.js")).runCheckLinks(startUrl, flags, global()),
      );
    },
  );

program
  .command("verify")
  .description(
    "render the Markdown back to HTML and hold it to each post's source in the snapshot: every word, link, image and caption (exit 2 on any loss)",
  )
  .addOption(needed("--from <path>", "the snapshot (or archive from snapshot) the Markdown was converted from"))
  .option("--out <dir>", "the output directory holding the Markdown", defaults.out)
  .addOption(profileOption())
  .option("--keep-typography", "the Markdown was converted with --keep-typography")
  .addHelpText("after", "\nExample:\n  mia-migrate verify --from site/snapshot --out site\n")
  .action(async (flags: { from: string; out: string; profile: string; keepTypography?: boolean }) => {
    await runCommand(global().debug === true, async () =>
      (await import("./commands/verify.js")).runVerify(flags, global()),
    );
  });

addConvertOptions(
  program
    .command("extract")
    .description(
      "extract one saved page and print the Markdown file migrate would write for it (with --json: title, date, tags, markdown, text, extractedBy as one JSON object)",
    )
    .argument("<file>", "a saved HTML page, or - to read standard input")
    .option("--url <page-url>", "the page's address (default: its canonical link or og:url, else the file's path)")
    .addOption(
      new Option("--profile <name|file>", "site profile: a YAML file, or generic for any site").default(
        DEFAULT_PROFILE_PATH,
        "the built-in MIA profile",
      ),
    ),
)
  .addHelpText(
    "after",
    "\nLinks to other posts keep their old URLs and images are not copied (migrate rewrites them); the rest is what migrate writes.\n\nExamples:\n  mia-migrate extract saved.html --url https://www.miaprojektet.se/2019/11/05/…-12345678\n  curl -s https://example.org/a-post | mia-migrate extract - --profile generic --json\n",
  )
  .action(async (file: string, flags: import("./commands/extract.js").ExtractFlags) => {
    await runCommand(global().debug === true, async () =>
      (await import("./commands/extract.js")).runExtract(file, flags, global()),
    );
  });

program
  .command("probe")
  .description(
    "sample a blog the built-in profile does not know and propose a site profile for it (URL patterns and selectors, each with the evidence), checked on the sampled posts",
  )
  .argument("<start-url>", "the blog's list of posts, e.g. its start page")
  .option("--pages <n>", "pages to sample", String(defaults.probe.pages))
  .option("--write-profile <file>", "write the proposed profile (commented YAML) to this file instead of stdout")
  .option("--force", "replace the --write-profile file if it exists")
  .option(
    "--map-origin <from=to>",
    "send requests for origin FROM to TO, keeping FROM's Host header and URLs (repeatable; * maps every origin)",
    (v: string, prev: string[]) => [...prev, v],
    [],
  )
  .option("--user-agent <ua>", "User-Agent to send", defaults.userAgent)
  .option(
    "--host-gap <ms>",
    "minimum gap between requests to one host, randomised ±50% (politeness: loosen only for your own server)",
    String(defaults.crawl.perHostGapMs),
  )
  .addHelpText(
    "after",
    "\nExample (then review the profile, and migrate with it):\n  mia-migrate probe https://blog.example.org/ --write-profile example.yaml\n  mia-migrate migrate https://blog.example.org/ --profile example.yaml --out site\n\nExit codes: 0 the profile extracts every sampled post, 2 it misses some, 3 usage, 7 no post found in the sample.\n",
  )
  .action(async (startUrl: string, flags: import("./commands/probe.js").ProbeFlags) => {
    await runCommand(global().debug === true, async () =>
      (await import("./commands/probe.js")).runProbe(startUrl, flags, global()),
    );
  });

program
  .command("init")
  .description(
    `write ${CONFIG_FILE} with every option, its default and what it does (edit it, then run any command here)`,
  )
  .option("--force", "overwrite an existing file")
  .addHelpText("after", `\nExample:\n  mia-migrate init && $EDITOR ${CONFIG_FILE}\n`)
  .action(async (flags: { force?: boolean }) => {
    await runCommand(global().debug === true, async () =>
      (await import("./commands/init.js")).runInit(renderConfigTemplate(program), flags, global()),
    );
  });

await program.parseAsync(process.argv);
