// Invisible and control characters: what never belongs in the author's text.

/** Soft hyphen, zero-width space/joiners, word joiner, BOM, C0/C1 controls other than tab and newline,
 *  and the bidirectional embeddings, overrides and isolates (U+202A–202E, U+2066–2069), which can make a
 *  title or a file name read differently from what it holds ("Trojan Source"). */
const INVISIBLE =
  /[\u00ad\u200b-\u200d\u2060\ufeff\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, "");
}

/** NFC (macOS produces NFD: "a" + ring above) and no invisible characters. */
export function cleanUnicode(text: string): string {
  return stripInvisible(text.normalize("NFC"));
}
