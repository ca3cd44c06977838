// What a user sees during a crawl: a single rewritten status line on a terminal, a plain line every
// few seconds when output is a log, nothing with --quiet. Always on stderr; stdout is for data.
import type { CrawlEvent } from "../crawl/crawler.js";

export interface ProgressOptions {
  quiet: boolean;
  stream?: NodeJS.WriteStream;
  intervalMs?: number;
}

export class CrawlProgress {
  private done = 0;
  private failed = 0;
  private retries = 0;
  private notFound = 0;
  private queued = 0;
  private skipped = 0;
  private readonly started = Date.now();
  private timer: NodeJS.Timeout | null = null;
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;

  constructor(private readonly opts: ProgressOptions) {
    this.stream = opts.stream ?? process.stderr;
    this.tty = redraws(this.stream);
    if (!opts.quiet) this.timer = setInterval(() => this.render(), this.tty ? 200 : (opts.intervalMs ?? 5000));
    this.timer?.unref();
  }

  readonly onEvent = (e: CrawlEvent): void => {
    if (e.type === "fetched") {
      this.done++;
      this.queued = e.queued;
    } else if (e.type === "failed") this.failed++;
    else if (e.type === "retry") this.retries++;
    else if (e.type === "not-found") this.notFound++;
    else if (e.type === "skipped") this.skipped++;
    else if (e.type === "robots" && e.verdict !== "rules" && !this.opts.quiet)
      this.stream.write(`${this.tty ? "\r\x1b[K" : ""}robots.txt of ${e.origin}: ${e.verdict}\n`);
  };

  private line(): string {
    const secs = (Date.now() - this.started) / 1000;
    const rate = secs > 0 ? (this.done / secs).toFixed(1) : "0.0";
    return `crawl: ${this.done} pages, ${this.queued} queued, ${this.failed} failed, ${this.notFound} not found, ${this.retries} retries, ${this.skipped} skipped · ${rate}/s · ${secs.toFixed(0)} s`;
  }

  private render(): void {
    if (this.tty) this.stream.write(`\r\x1b[K${this.line()}`);
    else this.stream.write(this.line() + "\n");
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.tty && !this.opts.quiet) this.stream.write("\r\x1b[K");
  }
}

/** The link checker's progress: links checked and broken so far, on one line (TTY) or every few seconds. */
/** A line redrawn in place only on a terminal that can (not a pipe, a log file, or TERM=dumb). */
function redraws(stream: NodeJS.WriteStream): boolean {
  return stream.isTTY === true && process.env.TERM !== "dumb";
}

export class LinkProgress {
  private checked = 0;
  private broken = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly stream: NodeJS.WriteStream = process.stderr;
  private readonly tty = redraws(process.stderr);

  constructor(private readonly opts: { quiet: boolean }) {
    if (!opts.quiet) this.timer = setInterval(() => this.render(), this.tty ? 200 : 5000);
    this.timer?.unref();
  }

  readonly onResult = (r: { verdict: string }): void => {
    this.checked++;
    if (r.verdict === "broken") this.broken++;
  };

  private render(): void {
    const line = `links: ${this.checked} checked, ${this.broken} broken`;
    this.stream.write(this.tty ? `\r\x1b[K${line}` : line + "\n");
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.tty && !this.opts.quiet) this.stream.write("\r\x1b[K");
  }
}
