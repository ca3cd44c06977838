// The network guard: a connection or a name lookup for anything but this machine's loopback is refused
// and recorded. In the test processes (vitest.config.ts setupFiles) a test that tried fails after it
// runs (test/network-guard-hooks.ts); in the CLI processes the tests start (helpers.ts `cli`), the
// attempt is printed to stderr and the process exits 97. So a test that would reach the internet, or
// another address of the network, fails loudly instead of passing by luck.
import dns from "node:dns";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+|localhost)$/i;
const store = globalThis as { __networkGuardAttempts?: string[] };
const attempts = (store.__networkGuardAttempts ??= []);
const inChild = process.env.MIA_NETWORK_GUARD_CHILD === "1";

// However the CLI ends (process.exit with its own code), an attempt makes it exit 97.
if (inChild)
  process.on("exit", () => {
    if (attempts.length) process.exitCode = 97;
  });

function refused(what: string): Error {
  attempts.push(what);
  const message = `network guard: a test tried to reach ${what}; tests may only use the loopback (127.0.0.1)`;
  if (inChild) {
    process.stderr.write(message + "\n");
    process.exitCode = 97;
  }
  return Object.assign(new Error(message), { code: "ENETUNREACH" });
}

type Connect = (this: net.Socket, ...args: unknown[]) => net.Socket;
const connect = net.Socket.prototype.connect as unknown as Connect;
(net.Socket.prototype as unknown as { connect: Connect }).connect = function (
  this: net.Socket,
  ...args: unknown[]
): net.Socket {
  const first = args[0];
  const opts = (Array.isArray(first) ? first[0] : first) as { host?: unknown; path?: unknown } | number | undefined;
  let host: string | undefined;
  if (opts && typeof opts === "object" && !opts.path) host = String(opts.host ?? "localhost");
  else if (typeof first === "number") host = typeof args[1] === "string" ? args[1] : "localhost";
  host = host?.replace(/^\[|\]$/g, "");
  // A name is checked where it is resolved (below); an address here.
  if (host !== undefined && net.isIP(host) && !LOOPBACK.test(host)) {
    const err = refused(host);
    process.nextTick(() => this.destroy(err));
    return this;
  }
  return connect.apply(this, args);
};

type Lookup = (this: unknown, hostname: string, ...rest: unknown[]) => void;
const lookup = dns.lookup as unknown as Lookup;
(dns as unknown as { lookup: Lookup }).lookup = function (this: unknown, hostname: string, ...rest: unknown[]): void {
  const name = String(hostname);
  if (!LOOPBACK.test(name)) {
    const err = refused(name);
    const callback = rest.at(-1);
    if (typeof callback === "function") {
      process.nextTick(() => (callback as (e: Error) => void)(err));
      return;
    }
    throw err;
  }
  lookup.call(this, hostname, ...rest);
};

// `import { lookup } from "node:dns"` (the fetcher's address policy) sees the guarded function too.
syncBuiltinESMExports();
