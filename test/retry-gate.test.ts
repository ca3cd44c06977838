// Retry-After parsing, backoff, and the per-host gate's ordering and pause, with a fake clock.
import { describe, expect, it } from "vitest";
import { HostGate } from "../src/http/host-gate.js";
import { nextTry, parseRetryAfter, retryDelayMs, type RetryPolicy, type TryOutcome } from "../src/http/retry.js";

describe("Retry-After", () => {
  const now = Date.parse("2021-11-16T12:00:00Z");
  it("reads seconds and HTTP dates, and ignores nonsense", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Tue, 16 Nov 2021 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Tue, 16 Nov 2021 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it("wins over backoff, which otherwise doubles with jitter", () => {
    expect(
      retryDelayMs({
        attempt: 1,
        res: { headers: { "retry-after": "3" } },
        backoffMs: 500,
        jitter: 0.5,
        random: () => 0.5,
        now,
      }),
    ).toBe(3000);
    expect(
      [1, 2, 3].map((attempt) => retryDelayMs({ attempt, backoffMs: 500, jitter: 0.5, random: () => 0.5, now })),
    ).toEqual([500, 1000, 2000]);
    expect(retryDelayMs({ attempt: 1, backoffMs: 500, jitter: 0.5, random: () => 0, now })).toBe(250);
    expect(retryDelayMs({ attempt: 1, backoffMs: 500, jitter: 0.5, random: () => 0.999999, now })).toBe(750);
  });
});

describe("HostGate", () => {
  it("lets at most N in at once and serves waiters in arrival order", async () => {
    const gate = new HostGate({ maxInFlight: 2, gapMs: 0, jitter: 0 });
    const order: number[] = [];
    let inside = 0;
    let most = 0;
    await Promise.all(
      [0, 1, 2, 3, 4, 5].map(async (i) => {
        const release = await gate.acquire("h");
        order.push(i);
        most = Math.max(most, ++inside);
        await new Promise((r) => setTimeout(r, 5));
        inside--;
        release();
      }),
    );
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("holds every request to a paused host, and no other host", async () => {
    const gate = new HostGate({ maxInFlight: 4, gapMs: 0, jitter: 0 });
    gate.pauseUntil("a", Date.now() + 120);
    const t0 = Date.now();
    (await gate.acquire("b"))();
    expect(Date.now() - t0).toBeLessThan(60);
    (await gate.acquire("a"))();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(115);
  });
});

describe("nextTry: one rule for the crawl, robots.txt and links", () => {
  const crawl: RetryPolicy = {
    retries: 3,
    backoffMs: 500,
    jitter: 0,
    retryStatuses: [429, 503],
    maxRetryAfterMs: 600_000,
    retryTimeoutsAndDns: true,
    random: () => 0.5,
  };
  const links: RetryPolicy = { ...crawl, maxRetryAfterMs: 60_000, retryTimeoutsAndDns: false };
  const now = Date.parse("2021-11-16T12:00:00Z");
  const res = (status: number, retryAfter?: string): TryOutcome => ({
    res: { status, headers: retryAfter ? { "retry-after": retryAfter } : {} },
  });
  const error = (reason: string, retryable = true) => ({ error: { reason, retryable } });

  it("tries a retryable status or failure again with backoff, up to the number of tries", () => {
    expect(nextTry(1, res(503), crawl, now)).toEqual({ retry: true, delayMs: 500 });
    expect(nextTry(2, error("connection-reset"), crawl, now)).toEqual({ retry: true, delayMs: 1000 });
    expect(nextTry(3, res(503), crawl, now)).toEqual({ retry: false, why: "exhausted" });
    expect(nextTry(1, res(404), crawl, now)).toEqual({ retry: false, why: "done" });
    expect(nextTry(1, error("private-address", false), crawl, now)).toEqual({ retry: false, why: "done" });
  });

  it("honours Retry-After up to the cap, and gives up past it", () => {
    expect(nextTry(1, res(429, "30"), links, now)).toEqual({ retry: true, delayMs: 30_000 });
    expect(nextTry(1, res(503, "86400"), crawl, now)).toEqual({
      retry: false,
      why: "retry-after-too-long",
      retryAfterMs: 86_400_000,
    });
  });

  it("tries timeouts and unknown names again in the crawl, not in the link check", () => {
    expect(nextTry(1, error("timeout"), crawl, now).retry).toBe(true);
    expect(nextTry(1, error("dns"), crawl, now).retry).toBe(true);
    expect(nextTry(1, error("timeout"), links, now).retry).toBe(false);
    expect(nextTry(1, error("dns"), links, now).retry).toBe(false);
  });
});
