// The crawl: from the start URL through everything the profile says leads to posts, each URL once and
// each post once (by id), politely (robots.txt, a gate per host, Retry-After), into a snapshot.
//
// Resume needs no separate queue file: the manifest records every finished URL with its body, and the
// links of a page are a pure function of that body. Replaying the manifest rebuilds the frontier exactly,
// so a rerun after kill -9 fetches only what was not finished.
//
// The parts, each readable alone: the frontier (frontier.ts: scope, each URL and each post once), the
// robots.txt rules per origin (robots-rules.ts), the records written (records.ts), the scheduler
// (scheduler.ts: a queue, retries waiting outside it), and here the resume (replay), the fetch step of
// one page, and the limits that stop the crawl.
import { setMaxListeners } from "node:events";
import { storageProblem } from "../store/storage-errors.js";
import type { Profile } from "../profiles/profile.js";
import type { ManifestRecord, PageKind, RedirectHop, SnapshotStore } from "../store/snapshot.js";
import { follow, HttpClient, RedirectError } from "../http/client.js";
import { FetchError } from "../http/fetcher.js";
import { HostGate } from "../http/host-gate.js";
import type { OriginMap } from "../http/origin-map.js";
import { canonicalUrl, isSiteUrl } from "../profiles/url.js";
import { nextTry, type RetryPolicy, type TryOutcome } from "../http/retry.js";
import { Frontier, type Task } from "./frontier.js";
import { failureRecord, redirectsOf, responseRecord, storeHopBodies, wireFields } from "./records.js";
import { RobotsRules } from "./robots-rules.js";
import { TaskScheduler } from "./scheduler.js";

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
  /** An archive run: keep each robots.txt answer in the snapshot (kind "robots"), so the archive holds
   *  the rules the crawl obeyed, as Heritrix's does; also fetch what each page needs to render
   *  (stylesheets, scripts, icons, and what the stylesheets load) from the site's own origin, once per
   *  run (frontier.ts); and record what went over the wire (header fields as received, the request
   *  head as written, the address) and each redirect's body. A migration needs none of it. */
  forArchive?: boolean;
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

/** Resume: what the snapshot of an interrupted run already holds, counted into the summary, its
 *  records restored into the frontier, and the tasks their pages' links lead to. */
export function replay(
  previous: readonly ManifestRecord[],
  frontier: Frontier,
  robots: RobotsRules,
  readBody: (sha256: string) => Buffer,
  summary: CrawlSummary,
): { tasks: Task[]; pages: number } {
  for (const rec of previous) frontier.restore(rec);
  const tasks: Task[] = [];
  let pages = 0;
  for (const rec of previous) {
    if (rec.type !== "fetch") continue;
    if (rec.kind === "robots") {
      robots.restoreRecorded(rec.url); // asked again each run, recorded once
      continue;
    }
    pages++;
    summary.resumed++;
    if (rec.error && rec.status >= 400 && rec.status < 500) summary.notFound.push({ url: rec.url, status: rec.status });
    else if (rec.error) {
      summary.failed++;
      summary.failures.push({ url: rec.url, reason: rec.error.message });
    } else if (rec.kind === "post") summary.posts++;
    if (rec.sha256) tasks.push(...frontier.linksOf(rec, readBody(rec.sha256)));
  }
  return { tasks, pages };
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
  const frontier = new Frontier(profile, { ...s, requisites: input.forArchive === true }, (url, postId) =>
    store.append({ type: "alias", url, postId }),
  );
  const robots = new RobotsRules({
    client,
    store,
    settings: s,
    policy,
    signal: abort.signal,
    record: input.forArchive === true,
    onRetry: (url, attempt, delayMs, why) => emit({ type: "retry", url, attempt, delayMs, why }),
    onVerdict: (origin, verdict) => {
      if (verdict.kind === "rules" && verdict.crawlDelayMs !== undefined)
        gate.setFloor(new URL(origin).host, verdict.crawlDelayMs);
      if (verdict.kind === "disallow-all") summary.robotsBlocked.push({ origin, reason: verdict.reason });
      emit({ type: "robots", origin, verdict: verdict.kind === "rules" ? "rules" : verdict.reason });
    },
  });

  // --- The scheduler (scheduler.ts), and the limits that stop it. ---
  // Pages begun, reserved before the first request so concurrent tasks cannot overshoot --max-pages.
  // When it is reached no new page starts, but those begun finish, retries included.
  let pagesStarted = 0;
  // A write to the snapshot that fails (disk full, read-only, permissions) ends the crawl: every later
  // page would fail the same way. What is in the journal stays valid, and a rerun resumes from it.
  let storageError: NodeJS.ErrnoException | null = null;
  const onError = (task: Task, err: unknown) => {
    if (storageProblem(err)) {
      storageError ??= err as NodeJS.ErrnoException;
      stop(null);
      return;
    }
    recordFailure(task, { reason: "internal", message: (err as Error).message });
  };
  const scheduler = new TaskScheduler<Task>(s.concurrency, (task) => fetchStep(task), onError);
  const stop = (why: "time-limit" | null) => {
    if (!scheduler.stop()) return;
    if (why) summary.stoppedBy = why;
    abort.abort();
  };
  const limitTimer = Number.isFinite(s.timeLimitMs) ? setTimeout(() => stop("time-limit"), s.timeLimitMs) : null;

  const recordFailure = (task: Task, failure: Parameters<typeof failureRecord>[2]) => {
    store.append(failureRecord(task, profile, failure));
    const reason = `${failure.reason}: ${failure.message}`;
    summary.failed++;
    summary.failures.push({ url: task.url.href, reason });
    emit({ type: "failed", url: task.url.href, reason });
  };

  const retryOrFail = (
    task: Task,
    why: string,
    failure: { reason: string; message: string; redirects?: RedirectHop[] },
    outcome: TryOutcome,
  ): void => {
    const next = nextTry(task.attempt, outcome, policy);
    if (!next.retry) {
      const res = "res" in outcome ? outcome.res : undefined;
      const message =
        next.why === "retry-after-too-long"
          ? `${failure.message}; Retry-After asks for ${Math.round((next.retryAfterMs ?? 0) / 1000)} s, more than the limit`
          : failure.message;
      return recordFailure(task, { ...failure, message, status: res?.status ?? 0 });
    }
    emit({ type: "retry", url: task.url.href, attempt: task.attempt, delayMs: next.delayMs, why });
    // The retry waits outside the queue: no slot is held while sleeping.
    scheduler.schedule({ ...task, attempt: task.attempt + 1 }, next.delayMs);
  };

  /** Whether robots.txt lets the task's page be fetched (said and counted when not). */
  const allowed = async (task: Task): Promise<boolean> => {
    const verdict = await robots.verdictFor(task.url);
    if (verdict.kind === "allow-all" || (verdict.kind === "rules" && verdict.isAllowed(task.url.href))) return true;
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
    return false;
  };

  // --- The fetch step: one page, asked (conditionally on archive runs), recorded, its links followed. ---
  const fetchStep = async (task: Task): Promise<void> => {
    if (task.attempt === 1) {
      if (pagesStarted >= s.maxPages) {
        summary.stoppedBy ??= "max-pages";
        return;
      }
      pagesStarted++;
    }
    if (!(await allowed(task))) {
      if (task.attempt === 1) pagesStarted--; // not fetched, so not counted
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
      if (scheduler.stopped) return; // aborted by a limit: not finished, so not recorded
      if (err instanceof RedirectError)
        return recordFailure(task, {
          reason: err.reason === "refused-redirect" ? "off-site-redirect" : err.reason,
          message: err.message,
          redirects: redirectsOf(err.hops),
          status: err.status,
        });
      const e = err instanceof FetchError ? err : new FetchError("network", String(err));
      return retryOrFail(task, e.reason, { reason: e.reason, message: e.message }, { error: e });
    }
    const current = answer.url;
    let res = answer.res;
    if (s.retryStatuses.includes(res.status))
      return retryOrFail(
        task,
        String(res.status),
        {
          reason: `http-${res.status}`,
          message: `answered ${res.status} after ${task.attempt} tries`,
          redirects: redirectsOf(answer.hops),
        },
        { res },
      );
    const stored = input.revalidate?.(current.href);
    // 304 to our conditional request: the stored response stands, its headers updated with the 304's.
    const notModified = res.status === 304 && stored ? { headers: res.headers } : undefined;
    if (notModified && stored)
      res = { status: 200, headers: { ...stored.headers, ...res.headers }, body: await stored.body() };
    // The body is on disk before the manifest line that names it (crash safety).
    const sha256 = store.packBody(res.body);
    const wire = input.forArchive ? wireFields(answer.hops, answer.res, storeHopBodies(store, answer.hops)) : undefined;
    const rec = responseRecord(task, profile, {
      finalUrl: current,
      res,
      sha256,
      hops: answer.hops,
      ...(notModified ? { notModified } : {}),
      ...(wire ? { wire } : {}),
    });
    store.append(rec);
    if (rec.error) {
      summary.notFound.push({ url: task.url.href, status: res.status });
      emit({ type: "not-found", url: task.url.href, status: res.status });
    } else {
      summary.fetched++;
      if (rec.kind === "post") summary.posts++;
      emit({ type: "fetched", url: task.url.href, status: res.status, kind: rec.kind, queued: scheduler.pending });
    }
    frontier.landed(task, current.href, rec.postId);
    for (const next of frontier.linksOf(rec, res.body)) scheduler.schedule(next);
  };

  // --- Resume, then the start URL. ---
  const resumed = replay(store.records(), frontier, robots, (sha) => store.readBody(sha), summary);
  pagesStarted += resumed.pages;
  for (const task of resumed.tasks) scheduler.schedule(task);
  const seed = frontier.admit(input.startUrl, 0, "seed");
  if (seed) scheduler.schedule(seed);

  await scheduler.idle();
  if (limitTimer) clearTimeout(limitTimer);
  await client.close();
  summary.durationMs = Date.now() - started;
  if (storageError) throw storageError;
  return summary;
}
