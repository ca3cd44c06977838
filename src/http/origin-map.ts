// --map-origin FROM=TO: requests for origin FROM go to TO, with FROM's Host header kept (as curl's
// --connect-to), while every URL the tool records keeps FROM. How tests and the demo point the real
// URLs at the loopback replica, and how a user points the tool at a staging copy.
import { UsageError } from "../config/errors.js";

export interface OriginMap {
  /** FROM origin (or "*") → TO origin. */
  entries: ReadonlyMap<string, string>;
}

export function parseOriginMap(specs: readonly string[]): OriginMap {
  const entries = new Map<string, string>();
  for (const spec of specs) {
    const eq = spec.indexOf("=");
    const from = spec.slice(0, eq).trim();
    const to = spec.slice(eq + 1).trim();
    if (eq < 0 || !to)
      throw new UsageError(
        `--map-origin "${spec}": expected FROM=TO, e.g. https://www.miaprojektet.se=http://127.0.0.1:8080`,
      );
    entries.set(from === "*" ? "*" : originOf(from, spec), originOf(to, spec));
  }
  return { entries };
}

function originOf(value: string, spec: string): string {
  try {
    const u = new URL(value);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("scheme");
    return u.origin;
  } catch {
    throw new UsageError(`--map-origin "${spec}": "${value}" is not an http(s) origin such as http://127.0.0.1:8080`);
  }
}

export interface Route {
  /** Where the request really goes. */
  target: URL;
  /** The Host header to send: the original URL's host. */
  host: string;
}

export function route(url: URL, map: OriginMap): Route {
  const to = map.entries.get(url.origin) ?? map.entries.get("*");
  if (!to) return { target: url, host: url.host };
  const target = new URL(url.pathname + url.search, to);
  return { target, host: url.host };
}
