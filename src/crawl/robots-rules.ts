// robots.txt per origin, asked once per run and shared by every page of that origin: fetched through the
// crawl's client (its gate, timeouts and caps), tried again on a 5xx or a network error (RFC 9309 reads
// those as "unreachable": crawl nothing), parsed by robots.ts, and on archive runs kept in the snapshot.
import { follow, RedirectError, type HttpClient } from "../http/client.js";
import { FetchError } from "../http/fetcher.js";
import { sleep } from "../http/host-gate.js";
import { nextTry, type RetryPolicy, type TryOutcome } from "../http/retry.js";
import type { SnapshotStore } from "../store/snapshot.js";
import { redirectsOf, storeHopBodies, wireFields } from "./records.js";
import { robotsVerdict, type RobotsVerdict } from "./robots.js";

export interface RobotsSettings {
  userAgent: string;
  robotsMaxBytes: number;
  robotsMaxRedirects: number;
  maxCrawlDelayMs: number;
}

export interface RobotsDeps {
  client: HttpClient;
  store: SnapshotStore;
  settings: RobotsSettings;
  /** The crawl's retry policy: robots.txt also retries every 5xx. */
  policy: RetryPolicy;
  /** Aborted when the crawl stops: a retry's wait ends, and the answer so far stands. */
  signal: AbortSignal;
  /** Keep each answer in the snapshot (kind "robots"): archive runs, so the archive holds the rules
   *  the crawl obeyed, as Heritrix's does. */
  record: boolean;
  onRetry(url: string, attempt: number, delayMs: number, why: string): void;
  /** Each origin's verdict, once, as it is known. */
  onVerdict(origin: string, verdict: RobotsVerdict): void;
}

/** Every 5xx: a server error on robots.txt is worth another try before the host is given up. */
const ANY_5XX = Array.from({ length: 100 }, (_, i) => 500 + i);

interface Answer {
  status: number;
  body: string;
  error?: string;
}

export class RobotsRules {
  private readonly verdicts = new Map<string, Promise<RobotsVerdict>>();
  /** robots.txt URLs whose answer is in the snapshot already (a resumed run asks again, records once). */
  private readonly recorded = new Set<string>();
  private readonly policy: RetryPolicy;

  constructor(private readonly deps: RobotsDeps) {
    this.policy = { ...deps.policy, retryStatuses: [...deps.policy.retryStatuses, ...ANY_5XX] };
  }

  /** Resume: this robots.txt's answer is already in the snapshot. */
  restoreRecorded(url: string): void {
    this.recorded.add(url);
  }

  /** The verdict for `url`'s origin (asked once per origin). */
  verdictFor(url: URL): Promise<RobotsVerdict> {
    let p = this.verdicts.get(url.origin);
    if (!p) {
      p = this.fetch(url.origin);
      this.verdicts.set(url.origin, p);
    }
    return p;
  }

  private async fetch(origin: string): Promise<RobotsVerdict> {
    const { settings: s } = this.deps;
    const robotsUrl = `${origin}/robots.txt`;
    const answer = await this.ask(robotsUrl);
    const verdict = robotsVerdict(robotsUrl, answer, s.userAgent, s.maxCrawlDelayMs);
    this.deps.onVerdict(origin, verdict);
    return verdict;
  }

  private async ask(robotsUrl: string): Promise<Answer> {
    const { client, settings: s, signal } = this.deps;
    // RFC 9309: at most robotsMaxBytes are parsed (a longer file is read up to there, not refused).
    const get = (url: URL) => client.send(url, {}, "GET", { truncateAt: s.robotsMaxBytes });
    for (let attempt = 1; ; attempt++) {
      let answer: Awaited<ReturnType<typeof follow>> | null = null;
      let failure: FetchError | null = null;
      try {
        answer = await follow(get, new URL(robotsUrl), { maxRedirects: s.robotsMaxRedirects });
      } catch (err) {
        if (err instanceof RedirectError) return { status: 0, body: "", error: `robots.txt ${err.message}` };
        failure = err instanceof FetchError ? err : new FetchError("network", String(err));
      }
      const outcome: TryOutcome =
        failure || !answer ? { error: failure ?? new FetchError("network", "no answer") } : { res: answer.res };
      const next = nextTry(attempt, outcome, this.policy);
      if (next.retry && !signal.aborted) {
        this.deps.onRetry(robotsUrl, attempt, next.delayMs, failure ? failure.reason : String(answer?.res.status));
        try {
          await sleep(next.delayMs, signal);
          continue;
        } catch {
          /* stopped: the answer so far stands */
        }
      }
      if (failure || !answer) return { status: 0, body: "", error: failure?.reason ?? "network error" };
      const r = answer.res;
      if (this.deps.record && !this.recorded.has(robotsUrl)) {
        this.recorded.add(robotsUrl);
        const { store } = this.deps;
        const sha = store.packBody(r.body);
        // Not responseRecord: a robots.txt that answers 4xx is "no rules", not a failed page.
        store.append({
          type: "fetch",
          url: robotsUrl,
          finalUrl: answer.url.href,
          redirects: redirectsOf(answer.hops),
          status: r.status,
          headers: r.headers,
          sha256: sha,
          size: r.body.length,
          fetchedAt: new Date().toISOString(),
          kind: "robots",
          depth: 0,
          tries: attempt,
          ...wireFields(answer.hops, r, await storeHopBodies(store, answer.hops)),
        });
      }
      return { status: r.status, body: r.body.toString("utf8") };
    }
  }
}
