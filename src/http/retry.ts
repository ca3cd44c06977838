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

/** What decides whether a request is tried again: the same rule for the crawl, robots.txt and links. */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  retries: number;
  backoffMs: number;
  jitter: number;
  retryStatuses: readonly number[];
  /** A longer Retry-After is not waited for: the URL fails (or is "unverifiable", for a link). */
  maxRetryAfterMs: number;
  /** Whether a timeout or an unknown host name is tried again: yes for the crawl (the site is there, a
   *  resolver or a server may hiccup), no for the link check (a timeout has already waited the whole
   *  timeout, and a name that does not resolve is the verdict). */
  retryTimeoutsAndDns: boolean;
  random: () => number;
}

/** The outcome of one try: an answer, or a failure that carries its kind. */
export type TryOutcome =
  { res: { status: number; headers: Record<string, string> } } | { error: { reason: string; retryable: boolean } };

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; why: "done" | "exhausted" | "retry-after-too-long"; retryAfterMs?: number };

/** Whether try number `attempt` is followed by another, and after how long. */
export function nextTry(attempt: number, outcome: TryOutcome, p: RetryPolicy, now = Date.now()): RetryDecision {
  if ("res" in outcome) {
    if (!p.retryStatuses.includes(outcome.res.status)) return { retry: false, why: "done" };
  } else {
    const { reason, retryable } = outcome.error;
    if (!retryable || ((reason === "dns" || reason === "timeout") && !p.retryTimeoutsAndDns))
      return { retry: false, why: "done" };
  }
  const delayMs = retryDelayMs({
    attempt,
    res: "res" in outcome ? outcome.res : undefined,
    backoffMs: p.backoffMs,
    jitter: p.jitter,
    random: p.random,
    now,
  });
  if (delayMs > p.maxRetryAfterMs) return { retry: false, why: "retry-after-too-long", retryAfterMs: delayMs };
  if (attempt >= p.retries) return { retry: false, why: "exhausted" };
  return { retry: true, delayMs };
}
