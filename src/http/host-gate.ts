// The per-host gate: at most N requests in flight to a host and a minimum gap between request starts,
// with jitter; a pause (Retry-After) holds the whole host. p-queue cannot do this (one queue is one
// rate domain), so each host gets its own serialised gate; concurrent callers wait their turn in order.

export interface HostGateOptions {
  maxInFlight: number;
  gapMs: number;
  /** 0.5 gives gaps of 0.5–1.5× gapMs (Scrapy's RANDOMIZE_DOWNLOAD_DELAY). */
  jitter: number;
  random?: () => number;
  now?: () => number;
}

interface HostState {
  inFlight: number;
  nextStart: number;
  pausedUntil: number;
  floorMs: number;
  waiters: (() => void)[];
}

export class HostGate {
  private readonly hosts = new Map<string, HostState>();
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(private readonly opts: HostGateOptions) {
    this.random = opts.random ?? Math.random;
    this.now = opts.now ?? Date.now;
  }

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) {
      s = { inFlight: 0, nextStart: 0, pausedUntil: 0, floorMs: 0, waiters: [] };
      this.hosts.set(host, s);
    }
    return s;
  }

  /** Crawl-delay from robots.txt: the host's gap never goes below it. */
  setFloor(host: string, ms: number): void {
    this.state(host).floorMs = ms;
  }

  /** Holds every request to the host until `until` (epoch ms): Retry-After pauses the host, not one URL. */
  pauseUntil(host: string, until: number): void {
    const s = this.state(host);
    s.pausedUntil = Math.max(s.pausedUntil, until);
  }

  pausedUntil(host: string): number {
    return this.state(host).pausedUntil;
  }

  /**
   * Waits for a slot; returns the release function. Callers are served in arrival order. Every wait
   * (for a slot, for the gap, for a pause) ends when `signal` aborts: the call then throws the signal's
   * reason, holding no slot, so a time limit or Ctrl-C ends a crawl however long the host asked to wait.
   */
  async acquire(host: string, signal?: AbortSignal): Promise<() => void> {
    const s = this.state(host);
    signal?.throwIfAborted();
    // Queue behind earlier callers so nobody slips past together.
    if (s.waiters.length > 0 || s.inFlight >= this.opts.maxInFlight) {
      // release() hands its slot straight to us, so inFlight is already counted.
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          const i = s.waiters.indexOf(grant);
          if (i >= 0) s.waiters.splice(i, 1);
          reject(signal?.reason as Error);
        };
        const grant = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        s.waiters.push(grant);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    } else {
      s.inFlight++;
    }
    const release = this.releaser(s);
    try {
      for (;;) {
        const wait = Math.max(s.nextStart, s.pausedUntil) - this.now();
        if (wait <= 0) break;
        await sleep(wait, signal);
      }
    } catch (err) {
      release(); // the slot passes on: an aborted caller holds nothing
      throw err;
    }
    const base = Math.max(this.opts.gapMs, s.floorMs);
    const factor = 1 + (this.random() * 2 - 1) * this.opts.jitter;
    // The floor (Crawl-delay) is never jittered below.
    s.nextStart = this.now() + Math.max(base * factor, s.floorMs);
    return release;
  }

  private releaser(s: HostState): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = s.waiters.shift();
      if (next) next();
      else s.inFlight--;
    };
  }
}

/** Waits `ms`, or less when `signal` aborts (then throws its reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
