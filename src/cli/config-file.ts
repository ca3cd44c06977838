// The config file on the command line (reading and parsing it: config/config-file.ts): every option a
// flag has, under the flag's long name. Top-level keys apply to every command that has that option; a
// section named after a command applies to that command only. Flags given on the command line win.
// Values go through the same validation as flags (options.ts), so a bad value gets the same message.
import { isAbsolute } from "node:path";
import type { Command, Option } from "commander";
import { UsageError } from "../config/errors.js";
import { isRecord, readConfig, type ConfigFile } from "../config/config-file.js";

export { CONFIG_FILE } from "../config/config-file.js";

/** Options that only make sense on the command line (one run's input, or the config file itself). */
const NOT_IN_FILE = new Set(["config", "help", "version"]);

/** The key an option has in the file: its long name, without "no-" for a negated flag (cache: false). */
export function configKey(opt: Option): string {
  const long = (opt.long ?? "").replace(/^--/, "");
  return opt.negate ? long.replace(/^no-/, "") : long;
}

function suggest(key: string, known: Iterable<string>): string {
  let best = "";
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(key, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best ? ` (did you mean "${best}"?)` : "";
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] ?? 0;
      row[j] = Math.min(cur + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] ?? 0;
}

/** Every key the file may hold at the top: an option of the program or of any command. */
function fileOptions(cmd: Command): Map<string, Option> {
  return new Map(cmd.options.filter((o) => !NOT_IN_FILE.has(configKey(o))).map((o) => [configKey(o), o]));
}

/** Unknown keys are an error (a typo would otherwise be silently ignored). */
export function validateConfig(config: ConfigFile, program: Command): void {
  const all = new Set([...fileOptions(program).keys(), ...program.commands.flatMap((c) => [...fileOptions(c).keys()])]);
  for (const key of Object.keys(config.common)) {
    if (!all.has(key))
      throw new UsageError(
        `${config.path}: unknown option "${key}"${suggest(key, all)}; the keys are the flags' long names (mia-migrate init writes them all)`,
      );
  }
  for (const [name, section] of Object.entries(config.commands)) {
    const cmd = program.commands.find((c) => c.name() === name);
    const own = new Set(cmd ? [...fileOptions(cmd).keys(), ...fileOptions(program).keys()] : []);
    for (const key of Object.keys(section)) {
      if (!own.has(key)) throw new UsageError(`${config.path}: "${name}" has no option "${key}"${suggest(key, own)}`);
    }
  }
}

/** A file value as commander would have stored it from the command line. */
function asFlagValue(opt: Option, key: string, value: unknown, where: string): unknown {
  const isFlag = !opt.required && !opt.optional;
  if (isFlag) {
    if (typeof value !== "boolean")
      throw new UsageError(`${where}: "${key}" takes true or false, not ${JSON.stringify(value)}`);
    return value; // --no-cache is stored by commander as cache: false, which is what the file says
  }
  const scalar = (v: unknown): string => {
    if (typeof v === "string" || typeof v === "number") return String(v);
    throw new UsageError(
      `${where}: "${key}" takes a value such as ${JSON.stringify(String(opt.defaultValue ?? "…"))}, not ${JSON.stringify(v)}`,
    );
  };
  if (Array.isArray(opt.defaultValue)) {
    // A repeatable flag: a list, one value, or a mapping written as KEY=VALUE pairs (map-origin, status-verdict).
    if (Array.isArray(value)) return value.map(scalar);
    if (isRecord(value)) return Object.entries(value).map(([k, v]) => `${k}=${scalar(v)}`);
    return [scalar(value)];
  }
  return scalar(value);
}

/** Which options of this run took their value from the config file (and from which file), so that a
 *  bad value is reported with the file and the key rather than as a flag the user never typed. */
const fromFile = { path: "", keys: new Set<string>() };

/** A usage error about `--flag "value"` rewritten to name the file and key, when the value came from
 *  the config file; otherwise the message as it is. */
export function inConfigTerms(message: string): string {
  const m = /^--([a-z][a-z-]*) (.*)$/s.exec(message);
  if (!m || !fromFile.keys.has(m[1] ?? "")) return message;
  return `${fromFile.path}: key "${m[1] ?? ""}": ${m[2] ?? ""}`;
}

/** Sets, on `cmd`, every option the file gives and the command line did not. */
export function applyConfig(config: ConfigFile, cmd: Command, section: string | null): void {
  const values = { ...config.common, ...(section ? config.commands[section] : {}) };
  for (const opt of cmd.options) {
    const key = configKey(opt);
    if (!(key in values) || NOT_IN_FILE.has(key)) continue;
    const attr = opt.attributeName();
    const source = cmd.getOptionValueSource(attr);
    if (source === "cli" || source === "env") continue;
    cmd.setOptionValueWithSource(attr, asFlagValue(opt, key, values[key], config.path), "config");
    fromFile.path = config.path;
    fromFile.keys.add((opt.long ?? "").replace(/^--/, ""));
  }
}

export function loadConfigFor(
  program: Command,
  action: Command,
  explicit: string | undefined,
  cwd = process.cwd(),
): string | null {
  const config = readConfig(explicit, cwd, new Set(program.commands.map((c) => c.name())));
  if (!config) return null;
  validateConfig(config, program);
  applyConfig(config, program, null);
  applyConfig(config, action, action.name());
  return config.path;
}

/** `mia-migrate init`: a file with every option, its help text as a comment and its default value. */
export function renderConfigTemplate(program: Command): string {
  const lines = [
    "# mia-migrate configuration. Read from the working directory, or from the file given with --config.",
    "# Each key is a flag's long name (without --; for a --no-… flag, the name without no-, set to false).",
    "# Top-level keys apply to every command that has the option; a section named after a command",
    "# (migrate:, crawl:, convert:, check-links:, verify:, …) applies to that command only.",
    "# Flags given on the command line override this file. Every option is listed at its default,",
    "# commented out: remove the # in front of a key to set it.",
    "",
  ];
  const seen = new Set<string>();
  const write = (opt: Option) => {
    const key = configKey(opt);
    if (seen.has(key) || NOT_IN_FILE.has(key) || opt.mandatory) return;
    seen.add(key);
    lines.push(opt.negate ? `# ${opt.description} (when false)` : `# ${opt.description}`);
    const isFlag = !opt.required && !opt.optional;
    const value: unknown = isFlag ? opt.negate : opt.defaultValue;
    // Every key is written commented out, at its default: the file changes nothing until edited, and a
    // default that moves in a later version (the User-Agent's version number) is not pinned by accident.
    // Paths into the installed package (the built-in profile) are not shown: they differ per machine.
    if (value === undefined || (typeof value === "string" && isAbsolute(value)))
      lines.push(`# ${key}:${value === undefined ? "" : " (built in)"}`);
    else lines.push(`# ${key}: ${typeof value === "string" && /^\d+$/.test(value) ? value : JSON.stringify(value)}`);
    lines.push("");
  };
  for (const opt of program.options) write(opt);
  for (const cmd of program.commands) if (cmd.name() !== "init") for (const opt of cmd.options) write(opt);
  return lines.join("\n").trimEnd() + "\n";
}
