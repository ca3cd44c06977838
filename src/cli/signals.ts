// Ctrl-C (SIGINT) or SIGTERM (systemd stopping a unit, a container shutting down): stop at once with
// the shell's conventional code, after one line saying what is kept and what to do next. Every file is
// written atomically or named by a journal only once complete, and exit handlers still run (the archive
// lock's, the snapshot's last journal lines), so exiting here leaves all valid.
import { EXIT } from "../config/errors.js";

export const SIGNAL_EXIT: Readonly<Record<"SIGINT" | "SIGTERM", number>> = { SIGINT: 130, SIGTERM: 143 };

/** Until the returned function is called, a signal ends the run with `then` as its last line. */
export function onStopSignal(then: string, cleanup: () => void = () => {}): () => void {
  const handler = (signal: NodeJS.Signals) => {
    cleanup();
    process.stderr.write(`mia-migrate: stopped by ${signal}; ${then}\n`);
    process.exit(signal === "SIGINT" ? SIGNAL_EXIT.SIGINT : signal === "SIGTERM" ? SIGNAL_EXIT.SIGTERM : EXIT.runtime);
  };
  process.once("SIGINT", handler).once("SIGTERM", handler);
  return () => {
    process.removeListener("SIGINT", handler);
    process.removeListener("SIGTERM", handler);
  };
}
