// `mia-migrate init`: writes mia-migrate.config.yaml in the working directory, with every option at its
// default and its help text as a comment. It never overwrites a file without --force.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { writeFileAtomic } from "../../store/atomic.js";
import { CONFIG_FILE } from "../config-file.js";
import { EXIT, UsageError } from "../../config/errors.js";
import type { OutputFlags } from "../summary.js";

export async function runInit(template: string, flags: { force?: boolean }, g: OutputFlags): Promise<number> {
  const path = resolve(CONFIG_FILE);
  if (existsSync(path) && flags.force !== true)
    throw new UsageError(
      `${path} exists already; edit it, or run "mia-migrate init --force" to replace it with the defaults`,
    );
  writeFileAtomic(path, template);
  if (g.json === true) process.stdout.write(JSON.stringify({ config: path }) + "\n");
  else if (g.quiet !== true) process.stderr.write(`wrote ${path}\n`);
  return Promise.resolve(EXIT.ok);
}
