// A cache of successes (as lychee's): a warm re-run makes no request for a link that answered well
// within the cache's age. Failures are never cached: they are always checked again.
import { readFileSync } from "node:fs";
import { writeFileAtomic } from "../store/atomic.js";
import type { LinkResult } from "./checker.js";

interface CacheFile {
  format: "mia-migrate-link-cache/1";
  entries: Record<string, { result: LinkResult; checkedAt: number }>;
}

export function loadCache(path: string, maxAgeMs: number, now = Date.now()): Map<string, LinkResult> {
  const out = new Map<string, LinkResult>();
  let file: CacheFile;
  try {
    file = JSON.parse(readFileSync(path, "utf8")) as CacheFile;
  } catch {
    return out; // none yet, or unreadable: start afresh
  }
  if (file.format !== "mia-migrate-link-cache/1") return out;
  for (const [url, e] of Object.entries(file.entries)) if (now - e.checkedAt <= maxAgeMs) out.set(url, e.result);
  return out;
}

export function saveCache(
  path: string,
  previous: ReadonlyMap<string, LinkResult>,
  results: Iterable<LinkResult>,
  now = Date.now(),
  maxAgeMs = Infinity,
): void {
  let old: CacheFile["entries"] = {};
  try {
    old = (JSON.parse(readFileSync(path, "utf8")) as CacheFile).entries ?? {};
  } catch {
    /* no earlier cache */
  }
  const entries: CacheFile["entries"] = {};
  for (const [url, e] of Object.entries(old)) if (previous.has(url) && now - e.checkedAt <= maxAgeMs) entries[url] = e;
  for (const r of results) {
    if (r.source !== "request") continue;
    if (r.verdict === "ok" || r.verdict === "redirected")
      entries[r.url] = { result: { ...r, source: "request" }, checkedAt: now };
    else delete entries[r.url];
  }
  const sorted = Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileAtomic(path, JSON.stringify({ format: "mia-migrate-link-cache/1", entries: sorted }, null, 1) + "\n");
}
