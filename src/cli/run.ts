// Running a command: errors become one line and a documented exit code; a stack trace only with --debug.
import { inConfigTerms } from "./config-file.js";
import { EXIT, NoPostsError, RunError, UsageError } from "../config/errors.js";

export async function runCommand(debug: boolean, body: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await body();
  } catch (err) {
    if (err instanceof UsageError || err instanceof RunError || err instanceof NoPostsError) {
      process.stderr.write(`mia-migrate: ${err instanceof UsageError ? inConfigTerms(err.message) : err.message}\n`);
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
