// Running a command: errors become one line and a documented exit code; a stack trace only with --debug.
import { inConfigTerms } from "./config-file.js";
import { EXIT, MiaError, UsageError, type OptionName } from "../config/errors.js";

/** The library's options as the command line names them. */
export const FLAGS: Readonly<Record<OptionName, string>> = {
  outDir: "--out",
  snapshotDir: "--out or --snapshot",
  profile: "--profile",
  from: "--from",
  allowPrivate: "--allow-private",
  spellingWords: "--spelling-words",
  spelling: "--spelling",
  config: "--config",
};

/** A library error as the command line says it: its options named by their flags, a value from the
 *  config file named by the file and key. */
export function errorLine(err: MiaError): string {
  const message = err.worded(FLAGS);
  return err instanceof UsageError ? inConfigTerms(message) : message;
}

export async function runCommand(debug: boolean, body: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await body();
  } catch (err) {
    if (err instanceof MiaError) {
      process.stderr.write(`mia-migrate: ${errorLine(err)}\n`);
      code = err.exitCode;
    } else {
      const e = err as Error;
      process.stderr.write(
        `mia-migrate: unexpected error: ${e.message}${debug ? "" : " (rerun with --debug for details)"}\n`,
      );
      code = EXIT.runtime;
    }
    if (debug) process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  }
  process.exit(code);
}
