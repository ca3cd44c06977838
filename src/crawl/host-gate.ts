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

  /** Waits for a slot; returns the release function. Callers are served in arrival order. */
  async acquire(host: string): Promise<() => void> {
    const s = this.state(host);
    // Queue behind earlier callers so nobody slips past together.
    if (s.waiters.length > 0 || s.inFlight >= this.opts.maxInFlight) {
      // release() hands its slot straight to us, so inFlight is already counted.
      await new Promise<void>((resolve) => s.waiters.push(resolve));
    } else {
      s.inFlight++;
    }
    for (;;) {
      const wait = Math.max(s.nextStart, s.pausedUntil) - this.now();
      if (wait <= 0) break;
      await new Promise((r) => setTimeout(r, wait));
    }
    const base = Math.max(this.opts.gapMs, s.floorMs);
    const factor = 1 + (this.random() * 2 - 1) * this.opts.jitter;
    // The floor (Crawl-delay) is never jittered below.
    s.nextStart = this.now() + Math.max(base * factor, s.floorMs);
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
