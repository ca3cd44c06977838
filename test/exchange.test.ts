// What the fetcher knows of the wire (http/exchange.ts): header fields as a server sent them, the request
// head byte for byte as the server received it, the address; and that stopping early still ends the request.
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Fetcher } from "../src/http/fetcher.js";
import { parseOriginMap } from "../src/http/origin-map.js";

/** A server that answers every request with the same raw bytes and keeps each request head it read. */
function rawServer(answer: (path: string) => string): Promise<{ server: Server; port: number; heads: string[] }> {
  const heads: string[] = [];
  const server = createServer((socket: Socket) => {
    let buffered = "";
    socket.on("data", (chunk) => {
      buffered += chunk.toString("latin1");
      let end: number;
      while ((end = buffered.indexOf("\r\n\r\n")) >= 0) {
        const head = buffered.slice(0, end);
        buffered = buffered.slice(end + 4);
        heads.push(head);
        socket.write(answer(head.split(" ")[1] ?? "/"));
      }
    });
    socket.on("error", () => undefined);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({ server, port: typeof address === "object" && address ? address.port : 0, heads });
    }),
  );
}

const FIELDS: [string, string][] = [
  ["X-Zeta", "first"],
  ["content-TYPE", "text/plain; charset=utf-8"],
  ["Set-Cookie", "a=1; Path=/"],
  ["Set-Cookie", "b=2; Path=/"],
  ["ETag", '"v1"'],
  ["Content-Length", "2"],
];

const newFetcher = (connectionsPerOrigin: number) =>
  new Fetcher({
    userAgent: "mia-migrate-test",
    originMap: parseOriginMap([]),
    connectTimeoutMs: 5000,
    headersTimeoutMs: 5000,
    bodyTimeoutMs: 5000,
    totalTimeoutMs: 10000,
    maxBodyBytes: 1 << 20,
    connectionsPerOrigin,
  });

describe("the wire", () => {
  let s: Awaited<ReturnType<typeof rawServer>>;
  let fetcher: Fetcher;
  beforeAll(async () => {
    s = await rawServer((path) =>
      path === "/long"
        ? `HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n${"x".repeat(100000)}`
        : `HTTP/1.1 200 OK\r\n${FIELDS.map(([k, v]) => `${k}: ${v}`).join("\r\n")}\r\n\r\nok`,
    );
    fetcher = newFetcher(1);
  });
  afterAll(async () => {
    await fetcher.close();
    s.server.close();
  });

  it("keeps the response's header fields as sent: case, order and repeats", async () => {
    const res = await fetcher.fetchOnce(new URL(`http://127.0.0.1:${s.port}/a?b=1`), { "if-none-match": '"v0"' });
    expect(res.body.toString()).toBe("ok");
    expect(res.wire?.responseHeaders).toEqual(FIELDS);
    // The parsed map the crawl reads: lower-cased names, repeats joined.
    expect(res.headers["set-cookie"]).toBe("a=1; Path=/, b=2; Path=/");
    expect(res.headers["content-type"]).toBe("text/plain; charset=utf-8");
  });

  it("records the request head exactly as the server received it, and the address", async () => {
    s.heads.length = 0;
    const res = await fetcher.fetchOnce(new URL(`http://127.0.0.1:${s.port}/p%C3%A5?q=%22x%22`), {
      "if-modified-since": "Tue, 01 Dec 2026 10:00:00 GMT",
    });
    expect(s.heads).toHaveLength(1);
    expect(res.wire?.requestHead).toBe(s.heads[0]);
    expect(res.wire?.requestHead).toMatch(/^GET \/p%C3%A5\?q=%22x%22 HTTP\/1\.1\r\nhost: 127\.0\.0\.1:\d+\r\n/);
    expect(res.wire?.requestHead).toContain("\r\nconnection: keep-alive\r\n");
    expect(res.wire?.requestHead).toContain("\r\nif-modified-since: Tue, 01 Dec 2026 10:00:00 GMT");
    expect(res.wire?.ip).toBe("127.0.0.1");
  });

  it("attributes each head to its own request when several are in flight", async () => {
    s.heads.length = 0;
    const paths = Array.from({ length: 24 }, (_, i) => `/n${i}`);
    const many = newFetcher(6);
    const answers = await Promise.all(paths.map((p) => many.fetchOnce(new URL(`http://127.0.0.1:${s.port}${p}`))));
    await many.close();
    expect(s.heads).toHaveLength(paths.length);
    for (const [i, res] of answers.entries()) {
      expect(res.wire?.requestHead?.split(" ")[1]).toBe(paths[i]);
      expect(s.heads).toContain(res.wire?.requestHead);
    }
  });

  it("stops reading at a limit, says the body is cut, and the connection serves the next request", async () => {
    const cut = await fetcher.fetchOnce(new URL(`http://127.0.0.1:${s.port}/long`), {}, "GET", undefined, {
      truncateAt: 1000,
    });
    expect(cut.body.length).toBe(1000);
    expect(cut.truncated).toBe(true);
    const whole = await fetcher.fetchOnce(new URL(`http://127.0.0.1:${s.port}/a`), {}, "GET", undefined, {
      truncateAt: 1000,
    });
    expect(whole.body.toString()).toBe("ok");
    expect(whole.truncated).toBeUndefined();
  });

  it("ends a request whose run is stopped while the body is coming", async () => {
    const stop = new AbortController();
    const pending = fetcher.fetchOnce(new URL(`http://127.0.0.1:${s.port}/long`), {}, "GET", stop.signal);
    stop.abort();
    await expect(pending).rejects.toMatchObject({ reason: "aborted" });
  });
});
