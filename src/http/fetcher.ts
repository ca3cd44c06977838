// One HTTP exchange with undici: no redirects followed here (client.ts follows them, so each hop is
// recorded, scope-checked and gated), timeouts for connect, headers, body idle and in all, a size cap
// that also holds for compressed bodies (it counts decoded bytes), and the address policy: a request
// the policy covers never connects to a non-public address, checked on the IP literal and again on
// every address the name resolves to when the connection is made (no DNS-rebinding window).
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { Agent } from "undici";
import { ipLiteral, isNonPublicAddress } from "./address.js";
import { exchange, type Wire } from "./exchange.js";
import type { OriginMap } from "./origin-map.js";
import { route } from "./origin-map.js";

export interface FetcherOptions {
  userAgent: string;
  originMap: OriginMap;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  totalTimeoutMs: number;
  maxBodyBytes: number;
  /** Connections kept per origin; the host gate decides how many are used at once. */
  connectionsPerOrigin: number;
  /** Whether a URL may go to any address (a mapped origin, the site being crawled, --allow-private);
   *  for the others only public addresses are connected to. Absent: every URL may. */
  anyAddress?: (url: URL) => boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** What went over the wire: the request head as written, the header fields as received, the address. */
  wire?: Wire;
  /** The body was read only up to `truncateAt` (robots.txt's limit): it is not the whole body. */
  truncated?: boolean;
}

export type FetchFailure =
  | "timeout"
  | "connection-reset"
  | "connection-refused"
  | "dns"
  | "truncated"
  | "too-large"
  | "tls"
  | "network"
  | "aborted"
  | "private-address"
  | "invalid-url";

export class FetchError extends Error {
  constructor(
    readonly reason: FetchFailure,
    message: string,
  ) {
    super(message);
  }
  /** Socket-level failures are worth another try; a body over the cap, or a request refused before it
   *  was sent, is not. */
  get retryable(): boolean {
    return (
      this.reason !== "too-large" &&
      this.reason !== "aborted" &&
      this.reason !== "private-address" &&
      this.reason !== "invalid-url"
    );
  }
}

/** Header fields by lower-cased name, repeated fields joined with ", " (RFC 9110 §5.3). */
function flattenHeaders(fields: readonly [string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of fields) {
    const name = k.toLowerCase();
    const had = out[name];
    out[name] = had === undefined ? v : `${had}, ${v}`;
  }
  return out;
}

function classify(err: unknown): FetchError {
  if (err instanceof FetchError) return err;
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? "";
  const msg = e.message ?? String(err);
  if (
    e.name === "TimeoutError" ||
    code === "UND_ERR_CONNECT_TIMEOUT" ||
    code === "UND_ERR_HEADERS_TIMEOUT" ||
    code === "UND_ERR_BODY_TIMEOUT" ||
    code === "ETIMEDOUT"
  )
    return new FetchError("timeout", `timed out (${code || e.name})`);
  if (
    code === "UND_ERR_RES_CONTENT_LENGTH_MISMATCH" ||
    code === "UND_ERR_REQ_CONTENT_LENGTH_MISMATCH" ||
    code === "ERR_STREAM_PREMATURE_CLOSE" ||
    code === "Z_BUF_ERROR"
  )
    return new FetchError("truncated", "the body ended before its announced length");
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET" || code === "EPIPE")
    return new FetchError("connection-reset", "connection reset by the server");
  if (code === "ECONNREFUSED") return new FetchError("connection-refused", "connection refused");
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return new FetchError("dns", "host name not found");
  if (code.startsWith("ERR_TLS") || code.startsWith("CERT_") || code === "DEPTH_ZERO_SELF_SIGNED_CERT")
    return new FetchError("tls", `TLS error (${code})`);
  if (code === PRIVATE) return new FetchError("private-address", msg);
  if (e.name === "AbortError" || code === "UND_ERR_ABORTED") return new FetchError("aborted", "aborted");
  return new FetchError("network", msg);
}

function decoder(encoding: string | undefined): NodeJS.ReadWriteStream | null {
  switch ((encoding ?? "").trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return createGunzip();
    case "deflate":
      return createInflate();
    case "br":
      return createBrotliDecompress();
    default:
      return null;
  }
}

/** The headers every request carries; archive request records are written from the same function. */
export function requestHeaders(
  host: string,
  userAgent: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    host,
    "user-agent": userAgent,
    accept: "text/html,application/xhtml+xml,*/*;q=0.8",
    "accept-encoding": "gzip, deflate, br",
    ...extra,
  };
}

const PRIVATE = "EMIA_PRIVATE_ADDRESS";

function privateError(host: string, address: string): Error {
  return Object.assign(
    new Error(`${host} is at ${address}, not a public address: not requested (the allow-private setting allows it)`),
    { code: PRIVATE },
  );
}

/** dns.lookup that fails when any address of the name is not public (net.connect calls it). */
function publicLookup(
  hostname: string,
  options: LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const bad = addresses.find((a) => isNonPublicAddress(a.address));
    if (bad) return callback(privateError(hostname, bad.address), []);
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    return first
      ? callback(null, first.address, first.family)
      : callback(Object.assign(new Error(`${hostname}: no address`), { code: "ENOTFOUND" }), []);
  });
}

/** Options a caller gives per request. */
export interface FetchInit {
  /** Read at most this many bytes of the body and stop, without failing (robots.txt: RFC 9309 says
   *  parse at least 500 KiB, and a longer file is read up to there). */
  truncateAt?: number;
}

export class Fetcher {
  private readonly agent: Agent;
  /** The same, for requests under the address policy: it connects to public addresses only. */
  private readonly publicAgent: Agent;

  constructor(private readonly opts: FetcherOptions) {
    const agentOptions = {
      headersTimeout: opts.headersTimeoutMs,
      bodyTimeout: opts.bodyTimeoutMs,
      connections: opts.connectionsPerOrigin,
    };
    this.agent = new Agent({ ...agentOptions, connect: { timeout: opts.connectTimeoutMs } });
    this.publicAgent = new Agent({
      ...agentOptions,
      connect: { timeout: opts.connectTimeoutMs, lookup: publicLookup },
    });
  }

  /** One request, one response; redirects are returned as they are (3xx with a location header). */
  async fetchOnce(
    url: URL,
    extraHeaders: Record<string, string> = {},
    method: "GET" | "HEAD" = "GET",
    signal?: AbortSignal,
    init: FetchInit = {},
  ): Promise<HttpResponse> {
    if (url.protocol !== "http:" && url.protocol !== "https:")
      throw new FetchError("invalid-url", `${url.protocol} is not http or https`);
    const { target, host } = route(url, this.opts.originMap);
    // A mapped origin goes where the user sent it; the policy covers what content names.
    const guarded = this.opts.anyAddress !== undefined && target.origin === url.origin && !this.opts.anyAddress(url);
    const literal = guarded ? ipLiteral(target.hostname) : undefined;
    if (literal !== undefined && isNonPublicAddress(literal))
      throw new FetchError("private-address", privateError(url.host, literal).message);
    // The total time cap. Not AbortSignal.any([signal, AbortSignal.timeout()]): on Node 20 the combined
    // signal holds its sources weakly, the timeout signal can be garbage-collected before it fires, and a
    // body that never ends then hangs the crawl (seen in our tests). A timer we own cannot vanish.
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new FetchError("timeout", `no complete answer within ${this.opts.totalTimeoutMs} ms`)),
      this.opts.totalTimeoutMs,
    );
    const onAbort = () => controller.abort(new FetchError("aborted", "aborted"));
    if (signal?.aborted) onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const sent = {
        ...requestHeaders(host, this.opts.userAgent, extraHeaders),
        // Through --map-origin the scheme can change (https to a loopback http): say which was meant,
        // as a reverse proxy does.
        ...(target.origin !== url.origin ? { "x-forwarded-proto": url.protocol.slice(0, -1) } : {}),
      };
      const res = await exchange(
        guarded ? this.publicAgent : this.agent,
        { origin: target.origin, path: `${target.pathname}${target.search}`, method, headers: sent },
        controller.signal,
      );
      const headers = flattenHeaders(res.wire.responseHeaders);
      const declared =
        headers["content-length"] !== undefined && !headers["content-encoding"]
          ? Number(headers["content-length"])
          : undefined;
      const read = await this.readCapped(res.body, headers["content-encoding"], declared, init.truncateAt);
      return {
        status: res.status,
        headers,
        body: read.body,
        wire: res.wire,
        ...(read.truncated ? { truncated: true } : {}),
      };
    } catch (err) {
      const reason: unknown = controller.signal.reason;
      throw controller.signal.aborted && reason instanceof FetchError ? reason : classify(err);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  private async readCapped(
    body: Readable,
    encoding: string | undefined,
    declared: number | undefined,
    truncateAt?: number,
  ): Promise<{ body: Buffer; truncated: boolean }> {
    const dec = decoder(encoding);
    const source = (dec ? body.pipe(dec) : body) as AsyncIterable<Buffer>;
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    try {
      for await (const chunk of source) {
        if (truncateAt !== undefined && size + chunk.length > truncateAt) {
          chunks.push(chunk.subarray(0, truncateAt - size));
          size = truncateAt;
          truncated = true;
          body.destroy();
          break;
        }
        size += chunk.length;
        if (size > this.opts.maxBodyBytes) {
          body.destroy();
          throw new FetchError("too-large", `body larger than ${this.opts.maxBodyBytes} bytes (the size cap)`);
        }
        chunks.push(chunk);
      }
    } catch (err) {
      // The connection dropped after part of an announced body: that is a truncated body, not a reset.
      if (!(err instanceof FetchError) && declared !== undefined && size < declared)
        throw new FetchError("truncated", `the body ended after ${size} of ${declared} bytes`);
      throw err;
    } finally {
      if (dec) body.unpipe(dec);
    }
    return { body: Buffer.concat(chunks), truncated };
  }

  async close(): Promise<void> {
    await Promise.all([this.agent.close(), this.publicAgent.close()]);
  }
}
