// One request handed to an undici dispatcher with a handler of our own, so that what went over the
// wire is known, not rebuilt: the response header fields as received (names in their case, in their
// order, repeats kept: undici's `request()` lower-cases and merges them), the request head exactly as
// undici wrote it (its own `connection` header included) and the address it was sent to. An archive
// record says these; everything else reads the parsed answer.
import { subscribe } from "node:diagnostics_channel";
import { Readable } from "node:stream";
import type { Dispatcher, DiagnosticsChannel } from "undici";

/** What went over the wire for one exchange, as far as undici shows it. */
export interface Wire {
  /** The address the connection went to (a WARC record's WARC-IP-Address); absent when unknown. */
  ip?: string;
  /** The request head as written: the request line and header lines, CRLF-separated, no blank line. */
  requestHead?: string;
  /** The response header fields as received. */
  responseHeaders: [string, string][];
}

export interface Answered {
  status: number;
  body: Readable;
  wire: Wire;
}

// undici writes a request's head in the same synchronous step in which it tells the request's handler
// the connection is ready (client-h1.js, writeH1: request.onConnect(), the head built, then this
// channel's message), so the handler that last heard onConnect is the one whose head this is. The
// method and path are checked as well: a head that does not match is not attributed to anyone.
const state: { connecting: Exchange | null } = { connecting: null };
subscribe("undici:client:sendHeaders", (message) => {
  const { request, headers, socket } = message as DiagnosticsChannel.ClientSendHeadersMessage;
  const exchange = state.connecting;
  state.connecting = null;
  if (!exchange || request.method !== exchange.method || request.path !== exchange.path) return;
  exchange.wire.requestHead = headers.replace(/\r\n$/, "");
  if (socket.remoteAddress) exchange.wire.ip = socket.remoteAddress;
});

/** Sends one request through `dispatcher` and resolves when the response head has come. The body is a
 *  stream with back-pressure; destroying it aborts the request. */
export function exchange(
  dispatcher: Dispatcher,
  opts: { origin: string; path: string; method: "GET" | "HEAD"; headers: Record<string, string> },
  signal: AbortSignal,
): Promise<Answered> {
  return new Promise<Answered>((resolve, reject) => {
    const handler = new Exchange(opts.method, opts.path, signal, resolve, reject);
    dispatcher.dispatch(opts, handler);
  });
}

// The legacy handler interface (onConnect, onHeaders, …): undici 7 marks it deprecated for
// interceptors but it is the one whose onHeaders receives the raw header fields (its request() uses it).
class Exchange implements Dispatcher.DispatchHandler {
  readonly wire: Wire = { responseHeaders: [] };
  private abortRequest: ((err?: Error) => void) | null = null;
  private body: Readable | null = null;
  private done = false;

  constructor(
    readonly method: string,
    readonly path: string,
    private readonly signal: AbortSignal,
    private readonly resolve: (answer: Answered) => void,
    private readonly reject: (err: Error) => void,
  ) {
    signal.addEventListener("abort", this.onAbort, { once: true });
  }

  private readonly onAbort = (): void => {
    const reason = this.reason();
    if (this.body) this.body.destroy(reason);
    else this.abortRequest?.(reason);
  };

  private reason(): Error {
    const r: unknown = this.signal.reason;
    return r instanceof Error ? r : Object.assign(new Error("aborted"), { name: "AbortError" });
  }

  onConnect(abort: (err?: Error) => void): void {
    // A request queued behind others connects later: if the run was stopped meanwhile, it ends here.
    if (this.signal.aborted) return abort(this.reason());
    this.abortRequest = abort;
    state.connecting = this;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void): boolean {
    if (statusCode < 200) return true; // 1xx: informational, the real answer follows
    for (let i = 0; i + 1 < rawHeaders.length; i += 2)
      this.wire.responseHeaders.push([
        String(rawHeaders[i]),
        (rawHeaders[i + 1] ?? Buffer.alloc(0)).toString("latin1"),
      ]);
    this.body = new Readable({
      read: () => resume(),
      destroy: (err, cb) => {
        // The reader stopped early (a size cap, robots.txt's limit, an abort): the request ends too.
        if (!this.done) this.abortRequest?.(err ?? undefined);
        this.finish();
        cb(err);
      },
    });
    this.resolve({ status: statusCode, body: this.body, wire: this.wire });
    return true;
  }

  onData(chunk: Buffer): boolean {
    return this.body?.push(chunk) ?? false;
  }

  onComplete(): void {
    this.done = true;
    this.body?.push(null);
    this.finish();
  }

  onError(err: Error): void {
    this.done = true;
    if (this.body) this.body.destroy(err);
    else this.reject(err);
    this.finish();
  }

  private finish(): void {
    this.signal.removeEventListener("abort", this.onAbort);
  }
}
