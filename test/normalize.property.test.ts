// Properties of normalisation over generated input (fast-check): idempotence, no invisible or control
// characters out, clean Swedish text untouched by repair, slugs ASCII and unique.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { repairMojibake } from "../src/normalize/mojibake.js";
import { slugify, uniqueSlugs } from "../src/normalize/slug.js";
import { cleanBodyText, normalizeInline, polish } from "../src/normalize/text.js";
import { SEED_LINES, misread } from "./normalize.test.js";

const WORDS = [...new Set(SEED_LINES.flatMap((l) => l.split(/[\s\u00a0]+/)).filter(Boolean))];
const word = fc.constantFrom(...WORDS);
const swedish = fc.array(word, { minLength: 1, maxLength: 25 }).map((ws) => ws.join(" "));
const SPICE = [
  '"',
  "“",
  "”",
  " - ",
  "-",
  "...",
  ",",
  " ,",
  "\u00a0",
  "\u00ad",
  "\u200b",
  "  ",
  "»",
  "«",
  "'",
  "13.00",
  "9:30",
  "2021-11-16",
  "\t",
  "\n",
  "Ã¥",
  "â€“",
  "\u0085",
];
const messy = fc
  .array(fc.oneof(word, fc.constantFrom(...SPICE), fc.string({ maxLength: 4 })), { maxLength: 40 })
  .map((xs) => xs.join(""));
const on = { typography: true };
const INVISIBLE_OR_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200d\u2060\ufeff]/;

describe("normalisation properties", () => {
  it("is idempotent: normalising twice gives what normalising once gave", () => {
    fc.assert(
      fc.property(messy, (s) => {
        const once = normalizeInline(s, on);
        expect(normalizeInline(once, on)).toBe(once);
        const body = polish(cleanBodyText(s), on, {});
        expect(polish(cleanBodyText(body), on, {})).toBe(body);
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves no control or invisible characters", () => {
    fc.assert(
      fc.property(messy, (s) => {
        expect(normalizeInline(s, on)).not.toMatch(INVISIBLE_OR_CONTROL);
      }),
      { numRuns: 2000 },
    );
  });

  it("brings in no U+FFFD of its own", () => {
    fc.assert(
      fc.property(messy, (s) => {
        fc.pre(!s.includes("\ufffd"));
        expect(normalizeInline(s, on)).not.toContain("\ufffd");
      }),
      { numRuns: 2000 },
    );
  });

  it("never changes clean Swedish text when repairing encoding, and undoes a misreading of it", () => {
    fc.assert(
      fc.property(swedish, (s) => {
        expect(repairMojibake(s)).toBe(s);
        expect(repairMojibake(misread(s))).toBe(s);
      }),
      { numRuns: 1000 },
    );
  });

  it("makes ASCII slugs, unique over any set of titles", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(swedish, messy), { minLength: 1, maxLength: 30 }), (titles) => {
        const slugs = [
          ...uniqueSlugs(
            titles.map((t, i) => ({ t, i })),
            (x) => slugify(x.t),
          ).values(),
        ];
        for (const s of slugs) expect(s).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(new Set(slugs).size).toBe(slugs.length);
      }),
      { numRuns: 500 },
    );
  });
});
