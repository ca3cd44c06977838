// Decoding response bytes: the header's charset, then a BOM, then <meta>, then windows-1252 (the
// HTML standard's fallback for unlabelled Western pages). iconv-lite, because Node 20's TextDecoder
// maps bytes 0x80–0x9F of windows-1252 wrongly.
import iconv from "iconv-lite";

/** Labels that the WHATWG Encoding standard treats as windows-1252: the site says iso-8859-1 and means it. */
const WINDOWS_1252_LABELS = new Set([
  "iso-8859-1",
  "iso8859-1",
  "latin1",
  "l1",
  "us-ascii",
  "ascii",
  "windows-1252",
  "cp1252",
  "x-cp1252",
]);

function canonicalLabel(label: string): string | null {
  const l = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, "");
  if (WINDOWS_1252_LABELS.has(l)) return "windows-1252";
  if (l === "utf8" || l === "utf-8" || l === "unicode-1-1-utf-8") return "utf-8";
  return iconv.encodingExists(l) ? l : null;
}

export function charsetFromContentType(contentType: string | undefined): string | null {
  const m = /charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType ?? "");
  return m?.[2] ? canonicalLabel(m[2]) : null;
}

function charsetFromBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  return null;
}

function charsetFromMeta(bytes: Uint8Array): string | null {
  // The HTML standard's prescan looks at the first 1024 bytes.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  const m = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head);
  return m?.[1] ? canonicalLabel(m[1]) : null;
}

export interface Decoded {
  text: string;
  charset: string;
  /** Where the charset came from. */
  source: "header" | "bom" | "meta" | "fallback";
}

/** `fallback`: the charset when nothing names one: windows-1252 for a page from the web (the HTML
 *  standard's default for unlabelled Western pages), UTF-8 for a file a user saved. */
export function decodeBody(
  bytes: Uint8Array,
  contentType: string | undefined,
  fallback: "windows-1252" | "utf-8" = "windows-1252",
): Decoded {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = charsetFromBom(bytes);
  // A BOM outranks the header in the HTML standard's decoding algorithm.
  if (bom) return { text: iconv.decode(buf, bom), charset: bom, source: "bom" };
  const header = charsetFromContentType(contentType);
  if (header) return { text: iconv.decode(buf, header), charset: header, source: "header" };
  const meta = charsetFromMeta(bytes);
  if (meta) return { text: iconv.decode(buf, meta), charset: meta, source: "meta" };
  return { text: iconv.decode(buf, fallback), charset: fallback, source: "fallback" };
}
