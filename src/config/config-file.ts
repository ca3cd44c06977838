// The config file (`mia-migrate.config.yaml` in the working directory, or one named by the caller): found,
// read and parsed into the values common to every command and those of each command's section. Which
// keys exist and what their values mean is the command line's business (cli/config-file.ts: the keys are
// its flags' long names).
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseDocument } from "yaml";
import { option, UsageError } from "./errors.js";

export const CONFIG_FILE = "mia-migrate.config.yaml";

export interface ConfigFile {
  path: string;
  common: Record<string, unknown>;
  commands: Record<string, Record<string, unknown>>;
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The file the caller names (the command line: --config), else the one in `cwd` if there is one; null
 *  when there is none. */
export function findConfig(explicit: string | undefined, cwd: string): string | null {
  if (explicit !== undefined) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path))
      throw new UsageError(`${option("config")} ${explicit}: no such file (mia-migrate init writes one)`);
    return path;
  }
  const here = resolve(cwd, CONFIG_FILE);
  return existsSync(here) ? here : null;
}

export function parseConfig(text: string, path: string, commandNames: ReadonlySet<string>): ConfigFile {
  const doc = parseDocument(text, { prettyErrors: false });
  const first = doc.errors[0];
  if (first)
    throw new UsageError(
      `${path}: not valid YAML (${first.message.split("\n")[0] ?? ""}); fix the file or run "mia-migrate init --force" for a fresh one`,
    );
  const data: unknown = doc.toJS() ?? {};
  if (!isRecord(data)) throw new UsageError(`${path}: expected a mapping of option names to values at the top`);
  const common: Record<string, unknown> = {};
  const commands: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(data)) {
    // "check-links" is a command and an option (migrate's --no-check-links): a mapping is the command's section.
    if (commandNames.has(key) && isRecord(value)) commands[key] = value;
    else if (commandNames.has(key) && value === null) continue;
    else common[key] = value;
  }
  return { path, common, commands };
}

/** Finds (see findConfig), reads and parses the config file; null when there is none. */
export function readConfig(
  explicit: string | undefined,
  cwd: string,
  commandNames: ReadonlySet<string>,
): ConfigFile | null {
  const path = findConfig(explicit, cwd);
  if (!path) return null;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new UsageError(
      `${path}: cannot read the config file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  return parseConfig(text, path, commandNames);
}
