// The crawl: from the start URL through everything the profile says leads to posts, each URL once and
// each post once (by id), politely (robots.txt, a gate per host, Retry-After), into a snapshot.
//
// Resume needs no separate queue file: the manifest records every finished URL with its body, and the
// links of a page are a pure function of that body. Replaying the manifest rebuilds the frontier exactly,
// so a rerun after kill -9 fetches only what was not finished.
import { ownCopy } from "../store/own-copy.js";
import { setMaxListeners } from "node:events";
import PQueue from "p-queue";
import { rawLinks } from "../extract/discover.js";
import { storageProblem } from "../store/storage-errors.js";
import { pageKind, postIdOf } from "../extract/classify.js";
import type { Profile } from "../profiles/profile.js";
import type { FetchRecord, PageKind, RedirectHop, SnapshotStore } from "../store/snapshot.js";
import { decodeBody } from "./charset.js";
import { follow, HttpClient, RedirectError } from "../http/client.js";
import { FetchError, type HttpResponse } from "../http/fetcher.js";
import { HostGate, sleep } from "../http/host-gate.js";
import type { OriginMap } from "../http/origin-map.js";
import { robotsVerdict, type RobotsVerdict } from "./robots.js";
import { canonicalUrl, isSiteUrl } from "../profiles/url.js";
import { nextTry, type RetryPolicy, type TryOutcome } from "../http/retry.js";

export interface CrawlSettings {
  userAgent: string;
  concurrency: number;
  perHostConcurrency: number;
  perHostGapMs: number;
  jitter: number;
  retries: number;
  backoffMs: number;
  maxRetryAfterMs: number;
  /** Longest robots.txt Crawl-delay obeyed; a host asking for more is not crawled (and said so). */
  maxCrawlDelayMs: number;
  retryStatuses: readonly number[];
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  totalTimeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  robotsMaxBytes: number;
  robotsMaxRedirects: number;
  maxPages: number;
  maxDepth: number;
  timeLimitMs: number;
  /** Only site URLs whose decoded path matches one of these are followed (all when empty). */
  include: readonly RegExp[];
  /** Site URLs whose decoded path matches one of these are never fetched. */
  exclude: readonly RegExp[];
}

export type CrawlEvent =
  | { type: "fetched"; url: string; status: number; kind: PageKind; queued: number }
  | { type: "failed"; url: string; reason: string }
  | { type: "not-found"; url: string; status: number }
  | { type: "retry"; url: string; attempt: number; delayMs: number; why: string }
  | { type: "skipped"; url: string; why: string }
  | { type: "robots"; origin: string; verdict: string };

export interface CrawlSummary {
  /** Pages fetched by this run. */
  fetched: number;
  /** Pages that were already in the snapshot (a resumed run). */
  resumed: number;
  /** Pages that failed after their retries, in this run or recorded earlier. */
  failed: number;
  failures: { url: string; reason: string }[];
  /** Pages that answered a final 4xx (404, 410 …): dead links on the site, not crawl failures. */
  notFound: { url: string; status: number }[];
  disallowedByRobots: number;
  /** Hosts whose robots.txt forbade everything or could not be read (RFC 9309: then crawl nothing). */
  robotsBlocked: { origin: string; reason: string }[];
  posts: number;
  durationMs: number;
  stoppedBy: "max-pages" | "time-limit" | null;
}

export interface CrawlInput {
  startUrl: string;
  profile: Profile;
  store: SnapshotStore;
  settings: CrawlSettings;
  originMap: OriginMap;
  onEvent?: (e: CrawlEvent) => void;
  random?: () => number;
  /** Archive runs: what the previous run stored for a URL, so the request can be conditional. */
  revalidate?: (url: string) => Revalidation | undefined;
  /** Archive runs: keep each robots.txt answer in the snapshot (kind "robots"), so the archive holds
   *  the rules the crawl obeyed, as Heritrix's does. Other runs leave it out: nothing migrates it. */
  recordRobots?: boolean;
}

/** A stored response the server can confirm unchanged with a 304 (RFC 9110 §13.1). */
export interface Revalidation {
  etag?: string;
  lastModified?: string;
  headers: Record<string, string>;
  body: () => Promise<Buffer>;
}

function conditionalHeaders(v: Revalidation): Record<string, string> {
  return {
    ...(v.etag ? { "if-none-match": v.etag } : {}),
    ...(v.lastModified ? { "if-modified-since": v.lastModified } : {}),
  };
}

interface Task {
  url: URL;
  depth: number;
  attempt: number;
}

const HTML_KINDS: ReadonlySet<PageKind> = new Set(["post", "archive", "tag", "index", "page"]);

function safeUrl(raw: string, base: string): string | undefined {
  try {
    return new URL(raw, base).href;
  } catch {
    return undefined;
  }
}

export async function crawl(input: CrawlInput): Promise<CrawlSummary> {
  const { profile, store, settings: s, originMap } = input;
  const emit = input.onEvent ?? (() => {});
  const random = input.random ?? Math.random;
  const started = Date.now();
  // Aborts requests in flight and every wait when a limit stops the crawl; what was in flight is not
  // recorded, so a rerun fetches it.
  const abort = new AbortController();
  // Every request in flight listens on this one signal: more than Node's default of 10 is expected.
  setMaxListeners(0, abort.signal);
  const gate = new HostGate({ maxInFlight: s.perHostConcurrency, gapMs: s.perHostGapMs, jitter: s.jitter, random });
  const policy: RetryPolicy = {
    retries: s.retries,
    backoffMs: s.backoffMs,
    jitter: s.jitter,
    retryStatuses: s.retryStatuses,
    maxRetryAfterMs: s.maxRetryAfterMs,
    retryTimeoutsAndDns: true,
    random,
  };
  // robots.txt: any 5xx is worth another try (RFC 9309 reads them all as "unreachable": crawl nothing).
  const robotsPolicy: RetryPolicy = {
    ...policy,
    retryStatuses: [...s.retryStatuses, ...Array.from({ length: 100 }, (_, i) => 500 + i)],
  };
  const client = new HttpClient({
    userAgent: s.userAgent,
    originMap,
    connectTimeoutMs: s.connectTimeoutMs,
    headersTimeoutMs: s.headersTimeoutMs,
    bodyTimeoutMs: s.bodyTimeoutMs,
    totalTimeoutMs: s.totalTimeoutMs,
    maxBodyBytes: s.maxBodyBytes,
    connectionsPerOrigin: Math.max(1, s.perHostConcurrency),
    // The site is the one the user named; nothing off it is ever requested (redirects off it are refused).
    anyAddress: (url) => isSiteUrl(url, profile),
    gateFor: () => gate,
    concurrency: s.concurrency,
    retryStatuses: s.retryStatuses,
    maxRetryAfterMs: s.maxRetryAfterMs,
    signal: abort.signal,
  });
  const queue = new PQueue({ concurrency: s.concurrency });
  const robots = new Map<string, Promise<RobotsVerdict>>();
  const robotsRecorded = new Set<string>(); // robots.txt URLs whose answer is in the snapshot

  const seen = new Set<string>(); // canonical URLs queued or done
  const postUrlById = new Map<string, string>();
  const aliasesRecorded = new Set<string>();
  const summary: CrawlSummary = {
    fetched: 0,
    resumed: 0,
    failed: 0,
    failures: [],
    notFound: [],
    disallowedByRobots: 0,
    robotsBlocked: [],
    posts: 0,
    durationMs: 0,
    stoppedBy: null,
  };
  // Pages begun, reserved before the first request so concurrent tasks cannot overshoot --max-pages.
  // When it is reached no new page starts, but those begun finish, retries included.
  let pagesStarted = 0;
  let stopping = false;
  let outstanding = 0;
  const timers = new Set<NodeJS.Timeout>();
  let finish: () => void = () => {};
  const done = new Promise<void>((r) => (finish = r));

  // A write to the snapshot that fails (disk full, read-only, permissions) ends the crawl: every later
  // page would fail the same way. What is in the journal stays valid, and a rerun resumes from it.
  let storageError: NodeJS.ErrnoException | null = null;
  const onError = (task: Task, err: unknown) => {
    if (storageProblem(err)) {
      storageError ??= err as NodeJS.ErrnoException;
      stop(null);
      return;
    }
    recordFailure(task, "internal", (err as Error).message);
  };
  const stop = (why: "time-limit" | null) => {
    if (stopping) return;
    stopping = true;
    if (why) summary.stoppedBy = why;
    abort.abort();
    for (const t of timers) {
      clearTimeout(t);
      timers.delete(t);
      settle();
    }
    // Queued tasks see `stopping` and return at once, so every hold on `outstanding` is released.
  };
  const settle = () => {
    outstanding--;
    if (outstanding === 0) finish();
  };
  const limitTimer = Number.isFinite(s.timeLimitMs) ? setTimeout(() => stop("time-limit"), s.timeLimitMs) : null;

  const schedule = (task: Task, delayMs = 0) => {
    if (stopping) return;
    outstanding++;
    const run = () => {
      void queue
        .add(async () => (stopping ? undefined : work(task)))
        .catch((err: unknown) => onError(task, err))
        .finally(settle);
    };
    if (delayMs <= 0) return run();
    const t = setTimeout(() => {
      timers.delete(t);
      run(); // the timer's hold on `outstanding` passes to the queued task
    }, delayMs);
    timers.add(t);
  };

  /** Adds a discovered URL to the frontier if it is in scope and new; records aliases of posts. */
  const enqueue = (raw: string, depth: number, isSeed = false) => {
    const url = canonicalUrl(raw, profile);
    if (!url || !isSiteUrl(url, profile)) return; // external: recorded in the bodies, never followed
    const kind = pageKind(url, profile);
    if (!isSeed && kind !== "post" && !profile.follow.includes(kind)) return;
    if (depth > s.maxDepth) return;
    if (!isSeed && !inScope(url)) return;
    const href = url.href;
    const id = kind === "post" ? postIdOf(url, profile) : undefined;
    if (id !== undefined) {
      const known = postUrlById.get(id);
      if (known !== undefined) {
        if (known !== href && !aliasesRecorded.has(href)) {
          aliasesRecorded.add(href);
          store.append({ type: "alias", url: href, postId: id });
        }
        return;
      }
      postUrlById.set(id, href);
    }
    if (seen.has(href)) return;
    seen.add(href);
    schedule({ url, depth, attempt: 1 });
  };

  const inScope = (url: URL): boolean => {
    let path = url.pathname;
    try {
      path = decodeURIComponent(path);
    } catch {
      /* matched as sent */
    }
    if (s.exclude.some((re) => re.test(path))) return false;
    return s.include.length === 0 || s.include.some((re) => re.test(path));
  };

  const robotsFor = (url: URL): Promise<RobotsVerdict> => {
    const origin = url.origin;
    let p = robots.get(origin);
    if (!p) {
      p = fetchRobots(origin);
      robots.set(origin, p);
    }
    return p;
  };

  const fetchRobots = async (origin: string): Promise<RobotsVerdict> => {
    const robotsUrl = `${origin}/robots.txt`;
    let res: { status: number; body: string; error?: string } = { status: 0, body: "" };
    // RFC 9309: at most robotsMaxBytes are parsed (a longer file is read up to there, not refused); a 5xx
    // or a network error is tried again before the host is given up as unreachable.
    const get = (url: URL) => client.send(url, {}, "GET", { truncateAt: s.robotsMaxBytes });
    for (let attempt = 1; ; attempt++) {
      let answer: Awaited<ReturnType<typeof follow>> | null = null;
      let failure: FetchError | null = null;
      try {
        answer = await follow(get, new URL(robotsUrl), { maxRedirects: s.robotsMaxRedirects });
      } catch (err) {
        if (err instanceof RedirectError) {
          res = { status: 0, body: "", error: `robots.txt ${err.message}` };
          break;
        }
        failure = err instanceof FetchError ? err : new FetchError("network", String(err));
      }
      const outcome: TryOutcome =
        failure || !answer ? { error: failure ?? new FetchError("network", "no answer") } : { res: answer.res };
      const next = nextTry(attempt, outcome, robotsPolicy);
      if (next.retry && !stopping) {
        emit({
          type: "retry",
          url: robotsUrl,
          attempt,
          delayMs: next.delayMs,
          why: failure ? failure.reason : String(answer?.res.status),
        });
        try {
          await sleep(next.delayMs, abort.signal);
          continue;
        } catch {
          /* stopped: the answer so far stands */
        }
      }
      if (failure || !answer) {
        res = { status: 0, body: "", error: failure?.reason ?? "network error" };
        break;
      }
      const r = answer.res;
      res = { status: r.status, body: r.body.toString("utf8") };
      // A resumed run asks again for the rules, but its journal already holds the capture.
      if (input.recordRobots && !robotsRecorded.has(robotsUrl)) {
        robotsRecorded.add(robotsUrl);
        const sha = await store.putBodyAsync(r.body);
        const redirects = answer.hops.map((h) => ({ url: h.url, status: h.status }));
        const redirectHeaders = answer.hops.map((h) => h.headers);
        store.append({
          type: "fetch",
          url: robotsUrl,
          finalUrl: answer.url.href,
          redirects,
          status: r.status,
          headers: r.headers,
          sha256: sha,
          size: r.body.length,
          fetchedAt: new Date().toISOString(),
          kind: "robots",
          depth: 0,
          tries: attempt,
          ...(redirectHeaders.length ? { redirectHeaders } : {}),
        });
      }
      break;
    }
    const verdict = robotsVerdict(robotsUrl, res, s.userAgent, s.maxCrawlDelayMs);
    if (verdict.kind === "rules" && verdict.crawlDelayMs !== undefined)
      gate.setFloor(new URL(origin).host, verdict.crawlDelayMs);
    if (verdict.kind === "disallow-all") summary.robotsBlocked.push({ origin, reason: verdict.reason });
    emit({ type: "robots", origin, verdict: verdict.kind === "rules" ? "rules" : verdict.reason });
    return verdict;
  };

  const recordFailure = (task: Task, reason: string, message: string, redirects: RedirectHop[] = [], status = 0) => {
    const rec: FetchRecord = {
      type: "fetch",
      url: task.url.href,
      finalUrl: redirects.length ? (redirects[redirects.length - 1]?.url ?? task.url.href) : task.url.href,
      redirects,
      status,
      headers: {},
      sha256: null,
      size: 0,
      fetchedAt: new Date().toISOString(),
      kind: pageKind(task.url, profile),
      depth: task.depth,
      tries: task.attempt,
      error: { reason, message },
    };
    const id = postIdOf(task.url, profile);
    if (id) rec.postId = id;
    store.append(rec);
    summary.failed++;
    summary.failures.push({ url: task.url.href, reason: `${reason}: ${message}` });
    emit({ type: "failed", url: task.url.href, reason: `${reason}: ${message}` });
  };

  const retryOrFail = (
    task: Task,
    why: string,
    reason: string,
    message: string,
    outcome: TryOutcome,
    redirects: RedirectHop[] = [],
  ): void => {
    const next = nextTry(task.attempt, outcome, policy);
    if (!next.retry) {
      const res = "res" in outcome ? outcome.res : undefined;
      recordFailure(
        task,
        reason,
        next.why === "retry-after-too-long"
          ? `${message}; Retry-After asks for ${Math.round((next.retryAfterMs ?? 0) / 1000)} s, more than the limit`
          : message,
        redirects,
        res?.status ?? 0,
      );
      return;
    }
    emit({ type: "retry", url: task.url.href, attempt: task.attempt, delayMs: next.delayMs, why });
    // The retry waits outside the queue: no slot is held while sleeping.
    schedule({ ...task, attempt: task.attempt + 1 }, next.delayMs);
  };

  const work = async (task: Task): Promise<void> => {
    if (task.attempt === 1) {
      if (pagesStarted >= s.maxPages) {
        summary.stoppedBy ??= "max-pages";
        return;
      }
      pagesStarted++;
    }
    const verdict = await robotsFor(task.url);
    if (verdict.kind === "disallow-all" || (verdict.kind === "rules" && !verdict.isAllowed(task.url.href))) {
      if (task.attempt === 1) pagesStarted--; // not fetched, so not counted
      summary.disallowedByRobots++;
      // Disallow: / (or a rule that covers the start page): the crawl cannot begin, which the user must
      // hear as clearly as an unreachable robots.txt (exit 2, one line), not as an empty success.
      if (task.depth === 0 && verdict.kind === "rules")
        summary.robotsBlocked.push({
          origin: task.url.origin,
          reason: `robots.txt disallows the start URL ${task.url.href} for ${s.userAgent}`,
        });
      emit({
        type: "skipped",
        url: task.url.href,
        why: verdict.kind === "rules" ? "disallowed by robots.txt" : verdict.reason,
      });
      return;
    }
    // Each hop asks conditionally for what the last run stored under its URL (archive runs).
    const send = (url: URL) => {
      const v = input.revalidate?.(url.href);
      return client.send(url, v ? conditionalHeaders(v) : {});
    };
    let answer: Awaited<ReturnType<typeof follow>>;
    try {
      answer = await follow(send, task.url, {
        maxRedirects: s.maxRedirects,
        resolve: (location, from) => canonicalUrl(location, profile, from) ?? undefined,
        refuse: (next) => (isSiteUrl(next, profile) ? null : `redirects off the site to ${next.href}`),
      });
    } catch (err) {
      if (stopping) return; // aborted by a limit: not finished, so not recorded
      if (err instanceof RedirectError) {
        const reason = err.reason === "refused-redirect" ? "off-site-redirect" : err.reason;
        return recordFailure(
          task,
          reason,
          err.message,
          err.hops.map((h) => ({ url: h.url, status: h.status })),
          err.status,
        );
      }
      const e = err instanceof FetchError ? err : new FetchError("network", String(err));
      return retryOrFail(task, e.reason, e.reason, e.message, { error: e });
    }
    const current = answer.url;
    let res: HttpResponse = answer.res;
    const redirects: RedirectHop[] = answer.hops.map((h) => ({ url: h.url, status: h.status }));
    const redirectHeaders = answer.hops.map((h) => h.headers);
    const stored = input.revalidate?.(current.href);
    const sent = stored ? conditionalHeaders(stored) : {};
    if (s.retryStatuses.includes(res.status))
      return retryOrFail(
        task,
        String(res.status),
        `http-${res.status}`,
        `answered ${res.status} after ${task.attempt} tries`,
        { res },
        redirects,
      );
    // 304 to our conditional request: the stored response stands, its headers updated with the 304's.
    const notModified = res.status === 304 && stored ? { headers: res.headers } : undefined;
    if (notModified && stored)
      res = { status: 200, headers: { ...stored.headers, ...res.headers }, body: await stored.body() };

    // The body is on disk before the manifest line that names it (crash safety), written asynchronously.
    const sha = await store.putBodyAsync(res.body);
    const kind = pageKind(current, profile);
    const rec: FetchRecord = {
      type: "fetch",
      url: task.url.href,
      finalUrl: current.href,
      redirects,
      status: res.status,
      headers: res.headers,
      sha256: sha,
      size: res.body.length,
      fetchedAt: new Date().toISOString(),
      kind,
      depth: task.depth,
      tries: task.attempt,
      ...(redirectHeaders.length ? { redirectHeaders } : {}),
      ...(Object.keys(sent).length ? { requestHeaders: sent } : {}),
      ...(notModified ? { notModified } : {}),
    };
    const id = postIdOf(current, profile) ?? postIdOf(task.url, profile);
    if (id) rec.postId = id;
    if (res.status >= 400) rec.error = { reason: `http-${res.status}`, message: `answered ${res.status}` };
    store.append(rec);
    if (rec.error) {
      summary.notFound.push({ url: task.url.href, status: res.status });
      emit({ type: "not-found", url: task.url.href, status: res.status });
    } else {
      summary.fetched++;
      if (kind === "post") summary.posts++;
      emit({ type: "fetched", url: task.url.href, status: res.status, kind, queued: outstanding - 1 });
    }
    if (current.href !== task.url.href) {
      seen.add(current.href);
      if (id && postUrlById.get(id) === task.url.href) postUrlById.set(id, current.href);
    }
    followLinks(rec, res.body, task.depth);
  };

  // Hrefs already put through enqueue. Sidebars repeat the same links on every page; a root-relative or
  // absolute href means the same URL on every page of the site, so it need not be parsed again.
  const processed = new Set<string>();
  const followLinks = (rec: FetchRecord, body: Buffer, depth: number) => {
    if (rec.status !== 200 || !HTML_KINDS.has(rec.kind)) return;
    const { links, base } = rawLinks(decodeBody(body, rec.headers["content-type"]).text);
    const pageBase = base === undefined ? rec.finalUrl : (safeUrl(base, rec.finalUrl) ?? rec.finalUrl);
    for (const raw of links) {
      const pageIndependent =
        base === undefined && ((raw.startsWith("/") && !raw.startsWith("//")) || /^https?:/i.test(raw));
      if (pageIndependent) {
        if (processed.has(raw)) continue;
        processed.add(ownCopy(raw));
      }
      const abs = safeUrl(raw, pageBase);
      if (abs) enqueue(abs, depth + 1);
    }
  };

  // Resume: every finished URL is done; its links rebuild the frontier.
  const previous = store.records();
  for (const rec of previous) {
    if (rec.type === "alias") {
      aliasesRecorded.add(rec.url);
      continue;
    }
    seen.add(rec.url);
    seen.add(rec.finalUrl);
    if (rec.postId && !postUrlById.has(rec.postId)) postUrlById.set(rec.postId, rec.finalUrl);
  }
  outstanding++; // held until the seeds are in, so an early finish cannot fire
  for (const rec of previous) {
    if (rec.type === "fetch" && rec.kind === "robots") robotsRecorded.add(rec.url);
    if (rec.type !== "fetch" || rec.kind === "robots") continue; // robots.txt is asked again each run
    pagesStarted++;
    summary.resumed++;
    if (rec.error && rec.status >= 400 && rec.status < 500) summary.notFound.push({ url: rec.url, status: rec.status });
    else if (rec.error) {
      summary.failed++;
      summary.failures.push({ url: rec.url, reason: rec.error.message });
    } else if (rec.kind === "post") summary.posts++;
    if (rec.sha256) followLinks(rec, store.readBody(rec.sha256), rec.depth);
  }
  enqueue(input.startUrl, 0, true);
  settle();

  await done;
  await queue.onIdle();
  if (limitTimer) clearTimeout(limitTimer);
  await client.close();
  summary.durationMs = Date.now() - started;
  if (storageError) throw storageError;
  return summary;
}
