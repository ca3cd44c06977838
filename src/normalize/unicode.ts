// Invisible and control characters: what never belongs in the author's text.

/** Soft hyphen, zero-width space/joiners, word joiner, BOM, and C0/C1 controls other than tab and newline. */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, "");
}

/** NFC (macOS produces NFD: "a" + ring above) and no invisible characters. */
export function cleanUnicode(text: string): string {
  return stripInvisible(text.normalize("NFC"));
}
