// Repairing UTF-8 that was read as windows-1252 (or Latin-1), once or twice: "Ã¥" → "å",
// "ÃƒÂ¤" → "ä", "â€“" → "–", "Â" + NBSP → NBSP. Only with evidence: a run is re-decoded only when it is
// a valid UTF-8 sequence spelled in windows-1252 letters, so clean Swedish text never changes.
import iconv from "iconv-lite";

// A lead byte (Â-ô as windows-1252 letters, 0xC2-0xF4) followed by 1-3 continuation bytes (0x80-0xBF as
// windows-1252 letters, which include €‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ and NBSP-¿).
const CONT =
  "[\\u0080-\\u00bf\\u20ac\\u201a\\u0192\\u201e\\u2026\\u2020\\u2021\\u02c6\\u2030\\u0160\\u2039\\u0152\\u017d\\u2018\\u2019\\u201c\\u201d\\u2022\\u2013\\u2014\\u02dc\\u2122\\u0161\\u203a\\u0153\\u017e\\u0178\\u0081\\u008d\\u008f\\u0090\\u009d]";
// As many continuation bytes as the lead byte announces: Â–ß one, à–ï two, ð–ô three. A greedy {1,3}
// swallowed a following NBSP ("Ã¥" + NBSP) into an invalid run and left the damage (found by fast-check).
const SUSPECT = new RegExp(`[\\u00c2-\\u00df]${CONT}|[\\u00e0-\\u00ef]${CONT}{2}|[\\u00f0-\\u00f4]${CONT}{3}`, "g");

/** Characters a repaired run may yield: Latin-1 letters and signs (and C1 bytes, the middle step of double
 * encoding), general punctuation, €, ™, ♦. */
const PLAUSIBLE = /^[\u0080-\u00ff\u2010-\u2044\u20ac\u2122\u2666]+$/;
const PLAUSIBLE_FINAL = /^[\u00a0-\u00ff\u2010-\u2044\u20ac\u2122\u2666]+$/;

/** Undoes one round of UTF-8-read-as-windows-1252 on each suspicious run, where it decodes cleanly. */
function repairOnce(text: string, plausible: RegExp): string {
  return text.replace(SUSPECT, (run) => {
    const bytes = iconv.encode(run, "windows-1252");
    // iconv-lite writes "?" for characters windows-1252 lacks; the C1 gaps (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to themselves.
    for (let i = 0; i < run.length; i++) {
      const c = run.charCodeAt(i);
      if (c >= 0x80 && c <= 0x9f) bytes[i] = c;
    }
    const decoded = bytes.toString("utf8");
    // Evidence: the bytes form valid UTF-8, say something shorter, and say a character that Swedish text
    // uses. "Å" + NBSP would decode to "Š": not on the list, so a clean "Å" before an NBSP stays.
    if (decoded.includes("\ufffd") || decoded.length >= run.length || !plausible.test(decoded)) return run;
    return decoded;
  });
}

function rounds(text: string, plausible: RegExp): string {
  let current = text;
  // Double encoding needs two rounds; a third is never needed in practice but costs nothing.
  for (let round = 0; round < 3; round++) {
    const next = repairOnce(current, plausible);
    if (next === current) break;
    current = next;
  }
  return current;
}

const C1 = /[\u0080-\u009f]/;

export function repairMojibake(text: string): string {
  const repaired = rounds(text, PLAUSIBLE);
  // A C1 character is only ever the middle step of double encoding. One left at the end means a run like
  // "Â”" was read as damage when it was not (and the C1 would then be stripped): repair without that step.
  return C1.test(repaired) ? rounds(text, PLAUSIBLE_FINAL) : repaired;
}

/** True when text still shows the marks of encoding damage (for the QA report). */
export function looksDamaged(text: string): boolean {
  return /Ã[\u0080-\u00bf]|â€|\ufffd/.test(text);
}
