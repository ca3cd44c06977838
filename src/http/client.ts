// The one path every outgoing request takes (the crawl, robots.txt, the link check): URL validation,
// the address policy and the body and time caps (fetcher.ts), the per-host gate and an overall limit
// of requests in flight, Retry-After pausing the host up to a cap, and the run's abort signal, which
// ends every wait. Redirects are followed by `follow`, hop by hop through the same path, with loop and
// hop limits. Retries are the caller's: it waits (with `sleep`) holding no slot, since a slot is held
// only while one request is on the wire.
import { setMaxListeners } from "node:events";
import { Fetcher, FetchError, type FetcherOptions, type FetchInit, type HttpResponse } from "./fetcher.js";
import type { Wire } from "./exchange.js";
import { HostGate } from "./host-gate.js";
import { parseRetryAfter } from "./retry.js";

export interface HttpClientOptions extends FetcherOptions {
  /** The gate a URL's requests pass (per-host limits, gaps, pauses): the caller's politeness policy. */
  gateFor(url: URL): HostGate;
  /** Requests on the wire at once, over all hosts. */
  concurrency: number;
  /** Statuses whose Retry-After pauses the host. */
  retryStatuses: readonly number[];
  /** Longest Retry-After honoured; a longer one does not pause the host (the caller fails the URL). */
  maxRetryAfterMs: number;
  /** Ends every wait and every request of the run (a time limit, Ctrl-C). */
  signal: AbortSignal;
}

export class HttpClient {
  private readonly fetcher: Fetcher;
  private readonly all: HostGate;

  constructor(private readonly opts: HttpClientOptions) {
    // Every request and every wait listens on the one signal: far more than Node's default of 10.
    setMaxListeners(0, opts.signal);
    this.fetcher = new Fetcher(opts);
    this.all = new HostGate({ maxInFlight: opts.concurrency, gapMs: 0, jitter: 0 });
  }

  get signal(): AbortSignal {
    return this.opts.signal;
  }

  /** One request: through the host's gate and the overall limit, the policy and the caps. */
  async send(
    url: URL,
    headers: Record<string, string> = {},
    method: "GET" | "HEAD" = "GET",
    init: FetchInit = {},
  ): Promise<HttpResponse> {
    const gate = this.opts.gateFor(url);
    // The host's slot first: a request waiting for a busy host holds none of the overall slots.
    const release = await gate.acquire(url.host, this.opts.signal);
    try {
      const releaseAll = await this.all.acquire("*", this.opts.signal);
      try {
        const res = await this.fetcher.fetchOnce(url, headers, method, this.opts.signal, init);
        // Retry-After pauses the whole host, before this slot passes to the next request.
        const wait = this.opts.retryStatuses.includes(res.status)
          ? parseRetryAfter(res.headers["retry-after"], Date.now())
          : undefined;
        if (wait !== undefined && wait <= this.opts.maxRetryAfterMs) gate.pauseUntil(url.host, Date.now() + wait);
        return res;
      } finally {
        releaseAll();
      }
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    await this.fetcher.close();
  }
}

export interface Hop {
  url: string;
  status: number;
  headers: Record<string, string>;
  /** What went over the wire for this hop, and the body it came with (archive records keep both). */
  wire?: Wire;
  body?: Buffer;
}

export type RedirectFailure = "redirect-loop" | "too-many-redirects" | "bad-redirect" | "refused-redirect";

export class RedirectError extends Error {
  constructor(
    readonly reason: RedirectFailure,
    message: string,
    /** The hops made before it stopped. */
    readonly hops: readonly Hop[],
    /** The status of the last answer (the redirect that was not followed). */
    readonly status: number,
  ) {
    super(message);
  }
}

export interface FollowOptions {
  maxRedirects: number;
  /** The next URL of a redirect, or undefined when Location is not a URL this caller follows. Default:
   *  Location resolved against the current URL, fragment dropped, http(s) only. */
  resolve?(location: string, from: URL): URL | undefined;
  /** Why the redirect to `next` is not followed (off the site), or null to follow it. */
  refuse?(next: URL, from: URL): string | null;
}

export function resolveLocation(location: string, from: URL): URL | undefined {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    return undefined;
  }
  if (next.protocol !== "http:" && next.protocol !== "https:") return undefined;
  next.hash = "";
  return next;
}

/**
 * Sends `start` with `request` and follows redirects, each hop through `request` again (so each is
 * gated, policed and capped). Stops with a RedirectError on a loop, too many hops, a Location that is
 * not an http(s) URL (file:, javascript:, garbage) or one the caller refuses. A 3xx without Location is
 * an answer like any other: the caller decides what it means.
 */
export async function follow(
  request: (url: URL) => Promise<HttpResponse>,
  start: URL,
  opts: FollowOptions,
): Promise<{ res: HttpResponse; url: URL; hops: Hop[] }> {
  const hops: Hop[] = [];
  const seen = new Set<string>([start.href]);
  let current = start;
  for (;;) {
    const res = await request(current);
    const location = res.headers.location;
    if (res.status < 300 || res.status >= 400 || location === undefined) return { res, url: current, hops };
    hops.push({
      url: current.href,
      status: res.status,
      headers: res.headers,
      body: res.body,
      ...(res.wire ? { wire: res.wire } : {}),
    });
    const next = (opts.resolve ?? resolveLocation)(location, current);
    if (!next)
      throw new RedirectError(
        "bad-redirect",
        `redirects to "${location.slice(0, 200)}", not an http(s) URL`,
        hops,
        res.status,
      );
    const refused = opts.refuse?.(next, current) ?? null;
    if (refused !== null) throw new RedirectError("refused-redirect", refused, hops, res.status);
    if (seen.has(next.href))
      throw new RedirectError("redirect-loop", `redirect loop: back to ${next.href}`, hops, res.status);
    if (hops.length > opts.maxRedirects)
      throw new RedirectError("too-many-redirects", `more than ${opts.maxRedirects} redirects`, hops, res.status);
    seen.add(next.href);
    current = next;
  }
}

/** A URL from content, or the reason it is not one (`http://[`, `http://a.b:99999/`, `http://`). */
export function parseHttpUrl(raw: string, base?: string | URL): URL | FetchError {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return new FetchError("invalid-url", `not a valid URL: "${raw.slice(0, 200)}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return new FetchError("invalid-url", `not an http(s) URL: "${raw.slice(0, 200)}"`);
  if (url.hostname === "") return new FetchError("invalid-url", `no host in "${raw.slice(0, 200)}"`);
  return url;
}
