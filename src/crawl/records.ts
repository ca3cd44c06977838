// What the crawl writes into the snapshot for one page: the response as it came (or as a 304 confirmed
// the stored one), or the failure after its tries. Pure but for storeHopBodies: the caller appends them.
import { pageKind, postIdOf } from "../extract/classify.js";
import type { Hop } from "../http/client.js";
import type { HttpResponse } from "../http/fetcher.js";
import type { Profile } from "../profiles/profile.js";
import type { FetchRecord, RedirectHop, SnapshotStore } from "../store/snapshot.js";
import type { Task } from "./frontier.js";

/** A page that failed for good: no body, the reason, and where its redirects led. */
export function failureRecord(
  task: Task,
  profile: Profile,
  failure: { reason: string; message: string; redirects?: RedirectHop[]; status?: number },
): FetchRecord {
  const redirects = failure.redirects ?? [];
  const rec: FetchRecord = {
    type: "fetch",
    url: task.url.href,
    finalUrl: redirects.length ? (redirects[redirects.length - 1]?.url ?? task.url.href) : task.url.href,
    redirects,
    status: failure.status ?? 0,
    headers: {},
    sha256: null,
    size: 0,
    fetchedAt: new Date().toISOString(),
    kind: pageKind(task.url, profile),
    depth: task.depth,
    tries: task.attempt,
    error: { reason: failure.reason, message: failure.message },
  };
  const id = postIdOf(task.url, profile);
  if (id) rec.postId = id;
  return rec;
}

/** The redirect hops a request went through (by URL and status). */
export const redirectsOf = (hops: readonly Hop[]): RedirectHop[] => hops.map((h) => ({ url: h.url, status: h.status }));

/** Archive runs: each redirect hop's body stored like a page's (an empty one is one shared file). */
export function storeHopBodies(store: SnapshotStore, hops: readonly Hop[]): string[] {
  return hops.map((h) => store.packBody(h.body ?? Buffer.alloc(0)));
}

/** Archive runs: what went over the wire for each redirect hop and the final request, the hops' bodies
 *  (stored under `hopBodies`, in hop order), and whether the body was cut at a limit. */
export function wireFields(
  hops: readonly Hop[],
  res: HttpResponse,
  hopBodies: readonly string[],
): Pick<FetchRecord, "wire" | "redirectWire" | "redirectBodies" | "truncated"> {
  return {
    ...(res.wire ? { wire: res.wire } : {}),
    ...(hops.length ? { redirectWire: hops.map((h) => h.wire ?? {}), redirectBodies: [...hopBodies] } : {}),
    ...(res.truncated ? { truncated: "length" as const } : {}),
  };
}

/** A page's response (its body already stored under `sha256`); a 4xx is recorded with its error. */
export function responseRecord(
  task: Task,
  profile: Profile,
  answer: {
    finalUrl: URL;
    res: HttpResponse;
    sha256: string;
    hops: readonly Hop[];
    /** A 304 confirmed the stored response: the 304's own headers. */
    notModified?: { headers: Record<string, string> };
    /** Archive runs: the wire fields (wireFields). */
    wire?: Pick<FetchRecord, "wire" | "redirectWire" | "redirectBodies" | "truncated">;
  },
): FetchRecord {
  const { finalUrl, res } = answer;
  const rec: FetchRecord = {
    type: "fetch",
    url: task.url.href,
    finalUrl: finalUrl.href,
    redirects: redirectsOf(answer.hops),
    status: res.status,
    headers: res.headers,
    sha256: answer.sha256,
    size: res.body.length,
    fetchedAt: new Date().toISOString(),
    kind: pageKind(finalUrl, profile),
    depth: task.depth,
    tries: task.attempt,
    ...(answer.notModified ? { notModified: answer.notModified } : {}),
    ...answer.wire,
  };
  const id = postIdOf(finalUrl, profile) ?? postIdOf(task.url, profile);
  if (id) rec.postId = id;
  if (res.status >= 400) rec.error = { reason: `http-${res.status}`, message: `answered ${res.status}` };
  return rec;
}
