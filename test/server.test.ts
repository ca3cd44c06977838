// The loopback server's behaviour, and each fault switch doing what it says. Plain undici requests.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { request } from "undici";
import { startReplica, type ReplicaServer } from "../fixtures/server.js";

let server: ReplicaServer;
beforeAll(async () => {
  server = await startReplica();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.faults.clear();
  server.log.length = 0;
});

async function get(path: string, headers: Record<string, string> = {}, timeoutMs = 5000) {
  const res = await request(server.url + path, {
    headers: { host: "www.miaprojektet.se", ...headers },
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = Buffer.from(await res.body.arrayBuffer());
  return { status: res.statusCode, headers: res.headers, body };
}

async function failure(path: string, timeoutMs = 2000): Promise<string> {
  try {
    await get(path, {}, timeoutMs);
    return "no error";
  } catch (err) {
    const e = err as { code?: unknown; name?: string };
    return typeof e.code === "string" ? e.code : (e.name ?? "error");
  }
}

describe("the replica server", () => {
  it("answers with charset, ETag and Last-Modified, and 304 to a conditional request", async () => {
    const first = await get("/aktuellt-39586750");
    expect(first.status).toBe(200);
    expect(first.headers["content-type"]).toBe("text/html; charset=utf-8");
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect((await get("/aktuellt-39586750", { "if-none-match": etag })).status).toBe(304);
    expect(
      (await get("/aktuellt-39586750", { "if-modified-since": String(first.headers["last-modified"]) })).status,
    ).toBe(304);
    expect((await get("/aktuellt-39586750", { "if-none-match": '"stale"' })).status).toBe(200);
  });

  it("serves a post through upper- and lower-case percent-encoding alike", async () => {
    const upper = await get("/2021/11/16/v%C3%A5rd-f%C3%B6r-sexualbrottsutsatta%C2%A0-45881233");
    const lower = await get("/2021/11/16/v%c3%a5rd-f%c3%b6r-sexualbrottsutsatta%c2%a0-45881233");
    expect(upper.status).toBe(200);
    expect(lower.body.equals(upper.body)).toBe(true);
  });

  it("redirects an old slug, a stray trailing slash and the bare domain with 301", async () => {
    const old = await get("/2019/01/30/vad-h%C3%A4nder-i-stockholms-stad--41614257");
    expect(old.status).toBe(301);
    expect(old.headers.location).toBe(
      "https://www.miaprojektet.se/2019/01/30/vad-h%C3%A4nder-i-mia-projektet-stockholms-stad--41614257",
    );
    expect((await get("/i/a42007494/2021")).headers.location).toBe("https://www.miaprojektet.se/i/a42007494/2021/");
    const bare = await get("/aktuellt-39586750", { host: "miaprojektet.se" });
    expect([bare.status, bare.headers.location]).toEqual([301, "https://www.miaprojektet.se/aktuellt-39586750"]);
  });

  it("answers a missing page with 404 in the site's layout", async () => {
    const res = await get("/2019/02/14/mia-p%C3%A5-konferens-41700000");
    expect(res.status).toBe(404);
    expect(res.body.toString()).toContain('alt="1logo"');
  });

  it("serves windows-1252 posts with the iso-8859-1 label", async () => {
    const res = await get("/2017/09/27/ans%C3%B6kan-beviljad-av-esf-r%C3%A5det-39652118");
    expect(res.headers["content-type"]).toBe("text/html; charset=iso-8859-1");
    expect(res.body.includes(Buffer.from([0xe4]))).toBe(true); // "ä" as one byte
  });

  it("plays the external hosts of the table", async () => {
    const ext = (host: string, path: string) => get(path, { host });
    expect((await ext("www.wonsa.se", "/")).status).toBe(200);
    expect((await ext("www.varna.nu", "/mia")).status).toBe(410);
    expect((await ext("www.rsmh.se", "/brukarrevision/")).status).toBe(404);
    expect((await ext("www.linkedin.com", "/company/miaprojektet")).status).toBe(999);
    const cf = await ext("huskurage.se", "/");
    expect([cf.status, cf.headers["cf-mitigated"]]).toEqual([403, "challenge"]);
    const limited = await ext("www.instagram.com", "/annikastrandhall/");
    expect([limited.status, limited.headers["retry-after"]]).toEqual([429, "3600"]);
    // A plain request means http://; X-Forwarded-Proto (sent through --map-origin) says which was meant.
    const hop = await ext("sida.se", "/");
    expect([hop.status, hop.headers.location]).toEqual([301, "https://sida.se/"]);
    const secure = await get("/", { host: "sida.se", "x-forwarded-proto": "https" });
    expect([secure.status, secure.headers.location]).toEqual([301, "https://www.sida.se/"]);
    expect(await failure("/", 300).then((r) => r)).toBe("no error"); // the site itself answers
    const hang = request(server.url + "/utvardering-mia/", {
      headers: { host: "www.sweco.se" },
      signal: AbortSignal.timeout(300),
    });
    await expect(hang).rejects.toThrow();
  });

  it("keeps a request log with host, path, status and times", async () => {
    await get("/robots.txt", { "user-agent": "probe/1" });
    const entry = server.log.at(-1);
    expect(entry).toMatchObject({
      host: "www.miaprojektet.se",
      path: "/robots.txt",
      status: 200,
      outcome: "ok",
      userAgent: "probe/1",
    });
    expect(entry?.end).toBeGreaterThanOrEqual(entry?.start ?? Infinity);
  });
});

describe("fault switches", () => {
  it("latency delays the answer", async () => {
    server.faults.add({ path: "/robots.txt", action: { kind: "latency", ms: 150 } });
    await get("/robots.txt");
    const e = server.log.at(-1);
    expect((e?.end ?? 0) - (e?.start ?? 0)).toBeGreaterThanOrEqual(140);
  });

  it("429 with Retry-After in seconds and as an HTTP date", async () => {
    const date = new Date(Date.now() + 60_000).toUTCString();
    server.faults.add({ path: "/robots.txt", times: 1, action: { kind: "status", status: 429, retryAfter: "7" } });
    server.faults.add({
      path: "/aktuellt-39586750",
      times: 1,
      action: { kind: "status", status: 429, retryAfter: date },
    });
    const a = await get("/robots.txt");
    expect([a.status, a.headers["retry-after"]]).toEqual([429, "7"]);
    const b = await get("/aktuellt-39586750");
    expect([b.status, b.headers["retry-after"]]).toEqual([429, date]);
    expect((await get("/robots.txt")).status).toBe(200);
  });

  it("503 for the first N requests, then the page", async () => {
    server.faults.add({ path: "/robots.txt", times: 2, action: { kind: "status", status: 503 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get("/robots.txt")).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it("a share of requests, drawn from a seeded generator", async () => {
    server.faults.add({ path: "/robots.txt", share: 0.5, action: { kind: "status", status: 500 } });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await get("/robots.txt")).status);
    const hit = statuses.filter((s) => s === 500).length;
    expect(hit).toBeGreaterThan(8);
    expect(hit).toBeLessThan(32);
  });

  it("connection reset", async () => {
    server.faults.add({ path: "/robots.txt", action: { kind: "reset" } });
    expect(await failure("/robots.txt")).toMatch(/ECONNRESET|UND_ERR_SOCKET/);
    expect(server.log.at(-1)?.outcome).toBe("reset");
  });

  it("a truncated body", async () => {
    server.faults.add({ path: "/aktuellt-39586750", action: { kind: "truncate" } });
    expect(await failure("/aktuellt-39586750")).not.toBe("no error");
    expect(server.log.at(-1)?.outcome).toBe("truncated");
  });

  it("a body that never ends", async () => {
    server.faults.add({ path: "/aktuellt-39586750", action: { kind: "endless" } });
    expect(await failure("/aktuellt-39586750", 700)).toMatch(/TimeoutError|AbortError|UND_ERR_ABORTED/);
  });

  it("a very large page", async () => {
    server.faults.add({ path: "/aktuellt-39586750", action: { kind: "huge", bytes: 5 * 1024 * 1024 } });
    const res = await get("/aktuellt-39586750", {}, 10_000);
    expect(res.body.length).toBeGreaterThanOrEqual(5 * 1024 * 1024);
  });

  it("a gzip body that inflates far beyond its size on the wire", async () => {
    server.faults.add({ path: "/aktuellt-39586750", action: { kind: "gzip-bomb", bytes: 4 * 1024 * 1024 } });
    const res = await get("/aktuellt-39586750");
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.body.length).toBeLessThan(64 * 1024);
  });

  it("a redirect loop", async () => {
    server.faults.add({ path: /^\/mia-vidare-39488405/, action: { kind: "redirect-loop" } });
    const a = await get("/mia-vidare-39488405");
    expect(a.status).toBe(302);
    const b = await get(String(a.headers.location));
    expect(b.status).toBe(302);
    expect(b.headers.location).toBe("/mia-vidare-39488405");
  });
});
