// The crawl's journal as a run's WARC holds it (its metadata record), so a migration can be made from the
// WARC alone. It says only what no HTTP record can: which post a URL is, its aliases, its kind and depth,
// what failed. What the records say already is left out and read back from them: the HTTP details, and
// for each capture its payload digest and size (the WARC's own records, in the journal's order, are the
// redirect hops and the final answer of each fetch; the reader checks every URL as it pairs them).
// An unchanged fetch then costs a short line, not one with its sha256 twice over.
import type { FetchRecord, ManifestRecord } from "../store/snapshot.js";

/** A fetch as the journal line has it: digest and size absent when its capture record holds them;
 *  finalUrl, redirects and tries absent when they are the URL itself, none and one. */
export type JournalFetch = Omit<FetchRecord, "sha256" | "size" | "finalUrl" | "redirects" | "tries"> &
  Partial<Pick<FetchRecord, "sha256" | "size" | "finalUrl" | "redirects" | "tries">>;
export type JournalLine = JournalFetch | Exclude<ManifestRecord, FetchRecord>;

/** Whether a fetch has a final capture record (a response or revisit) in the WARC. */
export const hasCapture = (r: { status: number; sha256?: string | null }) => r.status !== 0 && r.sha256 !== null;

/** The line for a record: only the content type is kept of the headers (later stages decode by it). */
export function journalLine(r: ManifestRecord): JournalLine {
  if (r.type !== "fetch") return r;
  const {
    redirectHeaders: _h,
    requestHeaders: _r,
    redirectRequestHeaders: _rr,
    notModified: _n,
    wire: _w,
    redirectWire: _rw,
    redirectBodies: _rb,
    headers,
    sha256,
    size,
    finalUrl,
    redirects,
    tries,
    ...rest
  } = r;
  return {
    ...rest,
    headers: headers["content-type"] !== undefined ? { "content-type": headers["content-type"] } : {},
    ...(hasCapture(r) ? {} : { sha256, size }),
    ...(finalUrl !== r.url ? { finalUrl } : {}),
    ...(redirects.length ? { redirects } : {}),
    ...(tries !== 1 ? { tries } : {}),
  };
}

/** A capture record of the WARC, in file order: its target URI and payload digest (hex sha256). */
export interface CaptureRef {
  uri: string;
  sha256: string | undefined;
}

/**
 * The journal's records whole again: each fetch paired with its records (its redirect hops, then its
 * final capture) in order, its digest taken from the capture and its size from `sizeOf` (the stored
 * body's). Lines written before the journal was slimmed carry their own digest and size, and are kept.
 * Throws when a record is not where the journal says: the WARC is not the one this journal was written with.
 */
export function restoreJournal(
  lines: readonly JournalLine[],
  captures: readonly CaptureRef[],
  sizeOf: (sha256: string) => number,
): ManifestRecord[] {
  let next = 0;
  const take = (uri: string): CaptureRef => {
    const c = captures[next++];
    if (c?.uri !== uri)
      throw new Error(`the WARC's record ${next} is for ${c?.uri ?? "nothing"}, where its journal expects ${uri}`);
    return c;
  };
  return lines.map((line): ManifestRecord => {
    if (line.type !== "fetch") return line;
    const redirects = line.redirects ?? [];
    for (const hop of redirects) take(hop.url);
    const finalUrl = line.finalUrl ?? line.url;
    let sha256 = line.sha256;
    if (hasCapture({ status: line.status, ...(sha256 === undefined ? {} : { sha256 }) })) {
      const capture = take(finalUrl);
      sha256 ??= capture.sha256;
      if (sha256 === undefined) throw new Error(`the WARC's record for ${finalUrl} has no payload digest`);
    }
    return {
      ...line,
      finalUrl,
      redirects,
      tries: line.tries ?? 1,
      sha256: sha256 ?? null,
      size: line.size ?? (sha256 ? sizeOf(sha256) : 0),
    };
  });
}
