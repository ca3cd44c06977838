// The link checker: every unique URL requested once (fragment stripped), HEAD first and GET when HEAD
// gives 405, 501 or fails; redirects followed through the HTTP layer (http/client.ts: at most 10, chain
// kept, loops broken); 408/429/5xx and socket errors retried with backoff holding no slot, Retry-After
// pausing the host; links to non-public addresses not requested (SSRF) unless allowed; links to the
// old site answered from the snapshot where it has them. Verdicts as lychee's, with bot walls counted
// apart (ANCHORS.md).
import { defaults } from "../config/defaults.js";
import { follow, HttpClient, parseHttpUrl, RedirectError } from "../http/client.js";
import { FetchError, type HttpResponse } from "../http/fetcher.js";
import { HostGate, sleep } from "../http/host-gate.js";
import type { OriginMap } from "../http/origin-map.js";
import { nextTry, type RetryPolicy } from "../http/retry.js";
import { canonicalUrl, isSiteUrl } from "../profiles/url.js";
import type { Profile } from "../profiles/profile.js";

export type Verdict = "ok" | "redirected" | "broken" | "unverifiable" | "skipped";

export interface LinkResult {
  /** The URL checked, fragment stripped. */
  url: string;
  verdict: Verdict;
  status?: number;
  /** Why: a status code, or timeout, dns, connection-refused, connection-reset, tls, redirect-loop … */
  reason?: string;
  /** Each hop of a redirect chain, then the final URL. */
  chain: { url: string; status: number }[];
  finalUrl?: string;
  /** Every hop was 301 or 308: the link should be updated to finalUrl. */
  permanent?: boolean;
  /** Answered from the snapshot or the cache, without a request. */
  source: "request" | "snapshot" | "cache";
}

export interface CheckSettings {
  userAgent: string;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  maxRetryAfterMs: number;
  /** Requests in flight at once to the old site, and to each other host. */
  siteConcurrency: number;
  hostConcurrency: number;
  concurrency: number;
  /** Gap between requests to the old site (politeness); other hosts get none. */
  siteGapMs: number;
  timeLimitMs: number;
  /** Status codes re-classified by the user (--status-verdict, or the config file). */
  statusVerdicts?: ReadonlyMap<number, "ok" | "broken" | "unverifiable">;
  /** Links never requested (--skip-link, lychee's --exclude): reported as skipped, with the pattern. */
  skip?: readonly RegExp[];
  /** Statuses tried again (with backoff, Retry-After honoured up to maxRetryAfterMs). */
  retryStatuses: readonly number[];
  /** --allow-private: links to loopback, private and link-local addresses are requested too. */
  allowPrivate?: boolean;
}

/** What the snapshot knows of a page of the old site. */
export interface KnownPage {
  status: number;
  finalUrl: string;
  redirects: { url: string; status: number }[];
  /** Element ids (and a[name]s) on the page, for checking fragments; read when first needed. */
  ids?: () => ReadonlySet<string>;
}

export interface CheckInput {
  urls: readonly string[];
  profile: Profile;
  settings: CheckSettings;
  originMap: OriginMap;
  known?: ReadonlyMap<string, KnownPage>;
  cached?: ReadonlyMap<string, LinkResult>;
  onResult?: (r: LinkResult) => void;
}

/** mailto: and tel: are checked for syntax only. */
export function checkSyntax(url: string): LinkResult | null {
  if (/^mailto:/i.test(url)) {
    const addr = decodeURIComponent(url.slice(7).split("?")[0] ?? "");
    const ok = addr.split(",").every((a) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a.trim()));
    return {
      url,
      verdict: ok ? "ok" : "broken",
      ...(ok ? {} : { reason: "invalid e-mail address" }),
      chain: [],
      source: "request",
    };
  }
  if (/^tel:/i.test(url)) {
    const ok = /^tel:\+?[\d\s().-]{3,}$/i.test(url);
    return {
      url,
      verdict: ok ? "ok" : "broken",
      ...(ok ? {} : { reason: "invalid telephone number" }),
      chain: [],
      source: "request",
    };
  }
  if (!/^https?:/i.test(url)) return { url, verdict: "skipped", reason: "not http(s)", chain: [], source: "request" };
  return null;
}

function fromKnown(url: string, page: KnownPage): LinkResult {
  const chain = page.redirects;
  if (page.status >= 400)
    return {
      url,
      verdict: "broken",
      status: page.status,
      reason: page.status === 404 ? "404 (dead internal link)" : String(page.status),
      chain,
      source: "snapshot",
    };
  if (page.status === 0)
    return { url, verdict: "broken", reason: "the crawl could not fetch it", chain, source: "snapshot" };
  if (chain.length)
    return {
      url,
      verdict: "redirected",
      status: page.status,
      chain,
      finalUrl: page.finalUrl,
      permanent: chain.every((h) => h.status === 301 || h.status === 308),
      source: "snapshot",
    };
  return { url, verdict: "ok", status: page.status, chain: [], source: "snapshot" };
}

function classify(
  url: string,
  res: HttpResponse,
  chain: LinkResult["chain"],
  finalUrl: string,
  overrides?: CheckSettings["statusVerdicts"],
): LinkResult {
  const status = res.status;
  const override = overrides?.get(status);
  if (override)
    return {
      url,
      verdict: override,
      status,
      reason: `${status} (re-classified as ${override} by the status-verdict setting)`,
      chain,
      ...(override === "ok" && chain.length ? { finalUrl } : {}),
      source: "request",
    };
  if (status === 999 || (status === 403 && res.headers["cf-mitigated"] !== undefined) || status === 429) {
    return {
      url,
      verdict: "unverifiable",
      status,
      reason: status === 999 ? "999 (bot wall)" : status === 429 ? "429 after retries" : "403 (cf-mitigated challenge)",
      chain,
      source: "request",
    };
  }
  if (status >= 400) return { url, verdict: "broken", status, reason: String(status), chain, source: "request" };
  if (chain.length)
    return {
      url,
      verdict: "redirected",
      status,
      chain,
      finalUrl,
      permanent: chain.every((h) => h.status === 301 || h.status === 308),
      source: "request",
    };
  return { url, verdict: "ok", status, chain: [], source: "request" };
}

export async function checkLinks(input: CheckInput): Promise<Map<string, LinkResult>> {
  const { profile, settings: s } = input;
  const results = new Map<string, LinkResult>();
  // The time limit ends every wait and request at once; what was not checked by then is "skipped".
  const stop = new AbortController();
  const limit = Number.isFinite(s.timeLimitMs)
    ? setTimeout(() => stop.abort(new FetchError("aborted", "time limit reached")), s.timeLimitMs)
    : null;
  const siteGate = new HostGate({ maxInFlight: s.siteConcurrency, gapMs: s.siteGapMs, jitter: 0.5 });
  const otherGate = new HostGate({ maxInFlight: s.hostConcurrency, gapMs: 0, jitter: 0 });
  const client = new HttpClient({
    userAgent: s.userAgent,
    originMap: input.originMap,
    connectTimeoutMs: Math.min(defaults.links.connectTimeoutMs, s.timeoutMs),
    headersTimeoutMs: s.timeoutMs,
    bodyTimeoutMs: s.timeoutMs,
    totalTimeoutMs: s.timeoutMs,
    maxBodyBytes: defaults.links.maxBodyBytes,
    connectionsPerOrigin: Math.max(s.siteConcurrency, s.hostConcurrency),
    // Content names these addresses: only public ones are asked, unless the user allows private ones.
    anyAddress: (url) => s.allowPrivate === true || isSiteUrl(url, profile),
    gateFor: (url) => (isSiteUrl(url, profile) ? siteGate : otherGate),
    concurrency: s.concurrency,
    retryStatuses: s.retryStatuses,
    maxRetryAfterMs: s.maxRetryAfterMs,
    signal: stop.signal,
  });
  // A timeout already waited the whole timeout, and a name that does not resolve will not: neither is
  // tried again; the rest as in the crawl.
  const policy: RetryPolicy = {
    retries: s.retries,
    backoffMs: s.backoffMs,
    jitter: 0.5,
    retryStatuses: s.retryStatuses,
    maxRetryAfterMs: s.maxRetryAfterMs,
    retryTimeoutsAndDns: false,
    random: Math.random,
  };
  const done = (r: LinkResult) => {
    results.set(r.url, r);
    input.onResult?.(r);
  };

  /** HEAD, and GET when HEAD is refused (405, 501), errs (5xx) or fails: many servers answer HEAD wrongly.
   *  A timeout is not retried as GET: the server is not answering at all. */
  const request = async (url: URL): Promise<HttpResponse> => {
    try {
      const head = await client.send(url, {}, "HEAD");
      if (head.status !== 405 && head.status !== 501 && head.status < 500) return head;
    } catch (err) {
      if (err instanceof FetchError && (err.reason === "timeout" || !err.retryable)) throw err;
    }
    return client.send(url, {}, "GET");
  };

  const check = async (url: string, start: URL): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      if (stop.signal.aborted)
        return done({ url, verdict: "skipped", reason: "time limit reached", chain: [], source: "request" });
      let answer: Awaited<ReturnType<typeof follow>>;
      try {
        answer = await follow(request, start, { maxRedirects: defaults.links.maxRedirects });
      } catch (err) {
        if (stop.signal.aborted)
          return done({ url, verdict: "skipped", reason: "time limit reached", chain: [], source: "request" });
        if (err instanceof RedirectError) {
          const chain = err.hops.map((h) => ({ url: h.url, status: h.status }));
          return done({
            url,
            verdict: "broken",
            reason: err.reason === "redirect-loop" ? "redirect loop" : err.message,
            chain,
            source: "request",
          });
        }
        const e = err instanceof FetchError ? err : new FetchError("network", String(err));
        if (e.reason === "private-address")
          return done({
            url,
            verdict: "skipped",
            reason: `private address: ${e.message}`,
            chain: [],
            source: "request",
          });
        const next = nextTry(attempt, { error: e }, policy);
        if (next.retry) {
          await pause(next.delayMs);
          continue;
        }
        return done({ url, verdict: "broken", reason: e.reason, chain: [], source: "request" });
      }
      const { res, url: final, hops } = answer;
      const chain = hops.map((h) => ({ url: h.url, status: h.status }));
      const next = nextTry(attempt, { res }, policy);
      if (next.retry) {
        await pause(next.delayMs);
        continue;
      }
      if (res.status >= 300 && res.status < 400)
        return done({
          url,
          verdict: "broken",
          status: res.status,
          reason: `${res.status} without a Location to follow`,
          chain,
          source: "request",
        });
      return done(classify(url, res, chain, final.href, s.statusVerdicts));
    }
  };
  /** Waits out a backoff holding no slot; the time limit ends the wait (the next try sees it). */
  const pause = async (ms: number): Promise<void> => {
    await sleep(ms, stop.signal).catch(() => undefined);
  };

  const checks: Promise<void>[] = [];
  for (const raw of new Set(input.urls)) {
    const skippedBy = s.skip?.find((re) => re.test(raw));
    if (skippedBy) {
      const key = raw.replace(/#.*$/, "");
      if (!results.has(key))
        done({
          url: key,
          verdict: "skipped",
          reason: `excluded by the skip-link setting ${skippedBy.source}`,
          chain: [],
          source: "request",
        });
      continue;
    }
    const syntax = checkSyntax(raw);
    if (syntax) {
      done(syntax);
      continue;
    }
    const url = parseHttpUrl(raw);
    if (url instanceof FetchError) {
      const key = raw.replace(/#.*$/, "");
      if (!results.has(key))
        done({ url: key, verdict: "broken", reason: `invalid URL (${url.message})`, chain: [], source: "request" });
      continue;
    }
    url.hash = "";
    const key = url.href;
    if (results.has(key)) continue;
    const canonical = canonicalUrl(key, profile);
    const page = canonical && isSiteUrl(canonical, profile) ? input.known?.get(canonical.href) : undefined;
    if (page) {
      done({ ...fromKnown(key, page) });
      continue;
    }
    const cached = input.cached?.get(key);
    if (cached) {
      done({ ...cached, source: "cache" });
      continue;
    }
    results.set(key, { url: key, verdict: "skipped", reason: "pending", chain: [], source: "request" });
    checks.push(check(key, url));
  }
  await Promise.all(checks);
  if (limit) clearTimeout(limit);
  await client.close();
  return results;
}
