// When to try again: Retry-After (seconds or an HTTP date) when the server says, otherwise exponential
// backoff with jitter (0.5 s, 1 s, 2 s … ±jitter), so that retries from many tasks do not arrive together.

/** Milliseconds from `now` that a Retry-After header asks for, or undefined if it is absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

export function retryDelayMs(opts: {
  attempt: number;
  res?: { headers: Record<string, string> } | undefined;
  backoffMs: number;
  jitter: number;
  random: () => number;
  now: number;
}): number {
  const asked = parseRetryAfter(opts.res?.headers["retry-after"], opts.now);
  if (asked !== undefined) return asked;
  const base = opts.backoffMs * 2 ** (opts.attempt - 1);
  return Math.round(base * (1 + (opts.random() * 2 - 1) * opts.jitter));
}
