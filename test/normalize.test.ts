// Swedish normalisation, rule by rule, on the seeds' real sentences and the site model's quirks.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { isoDate, parseSwedishDate, stockholmOffset } from "../src/normalize/date.js";
import { looksDamaged, repairMojibake } from "../src/normalize/mojibake.js";
import { slugify, uniqueSlugs } from "../src/normalize/slug.js";
import { cleanBodyText, cleanText, normalizeInline } from "../src/normalize/text.js";
import { fixCommaSpacing, swedishTypography, type RuleCounts } from "../src/normalize/typography.js";
import { cleanUnicode } from "../src/normalize/unicode.js";
import { ROOT } from "./helpers.js";

/** UTF-8 read as windows-1252 the way browsers do it (the five unmapped bytes become C1 controls). */
export function misread(text: string): string {
  return [...Buffer.from(text, "utf8")]
    .map((b) =>
      [0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(b)
        ? String.fromCharCode(b)
        : iconv.decode(Buffer.from([b]), "windows-1252"),
    )
    .join("");
}

export const SEED_LINES = ["000_e0f3cc2a6965f36b.txt", "001_4cabcbd08c3eccb6.txt"]
  .flatMap((f) => readFileSync(join(ROOT, "fixtures/seeds", f), "utf8").split("\n"))
  .map((l) => l.trim())
  .filter((l) => l.length > 0);

const on = { typography: true };

describe("Unicode", () => {
  it("composes NFD into NFC and drops soft hyphens, zero-width characters, BOMs and controls", () => {
    expect(cleanUnicode("Va\u030ard fo\u0308r")).toBe("Vård för");
    expect(cleanUnicode("Samordnings\u00adförbundet\u200b \ufeffMIA\u0007\u0085")).toBe("Samordningsförbundet MIA");
  });
});

describe("encoding damage", () => {
  it.each([
    ["Ã¥", "å"],
    ["Ã–sterÃ¥ker", "Österåker"],
    ["â€\u009d", "”"],
    ["â€“", "–"],
    ["Â\u00a0", "\u00a0"],
    ["ÃƒÂ¤", "ä"],
    ["Josef SzabÃ²", "Josef Szabò"],
  ])("repairs %j", (damaged, clean) => {
    expect(repairMojibake(damaged)).toBe(clean);
  });

  it("repairs once- and twice-misread seed sentences, and leaves every clean seed line as it is", () => {
    for (const line of SEED_LINES) {
      expect(repairMojibake(line), line).toBe(line);
      expect(repairMojibake(misread(line)), line).toBe(line);
      expect(repairMojibake(misread(misread(line))), line).toBe(line);
    }
  });

  it("tells damaged text from clean", () => {
    expect(looksDamaged("fÃ¶r")).toBe(true);
    expect(SEED_LINES.some(looksDamaged)).toBe(false);
  });
});

describe("whitespace", () => {
  it("collapses NBSP and runs of spaces in running text", () => {
    expect(cleanText("Åsa  Holmstedter")).toBe("Åsa Holmstedter");
    expect(cleanText("Vård för sexualbrottsutsatta\u00a0")).toBe("Vård för sexualbrottsutsatta");
    expect(cleanBodyText("känslor.\u00a0Dessutom")).toBe("känslor. Dessutom");
  });

  it("keeps NBSP between a number and its unit, and in kl. 13.00", () => {
    expect(cleanBodyText("30\u00a0procent")).toBe("30\u00a0procent");
    expect(cleanBodyText("kl.\u00a013.00")).toBe("kl.\u00a013.00");
    expect(cleanBodyText("30\u00a0\u00a0procent")).toBe("30 procent");
  });

  it("puts a space after a comma between words, none before one", () => {
    const counts: RuleCounts = {};
    expect(fixCommaSpacing("trygga under tiden,kommer de inte", counts)).toBe("trygga under tiden, kommer de inte");
    expect(fixCommaSpacing("Bemötande , samverkan", counts)).toBe("Bemötande, samverkan");
    expect(fixCommaSpacing("32,5 procent och helena.bajlo@haninge.se,x", counts)).toBe(
      "32,5 procent och helena.bajlo@haninge.se,x",
    );
    expect(counts).toEqual({ "comma-space": 1, "space-before-comma": 1 });
  });
});

describe("typography", () => {
  it.each([
    ['under "En månad fri från våld".', "under ”En månad fri från våld”."],
    ["“Hej” sa hon", "”Hej” sa hon"],
    [
      '”Mäns våld mot kvinnor är den yttersta formen av ojämställdhet."',
      "”Mäns våld mot kvinnor är den yttersta formen av ojämställdhet.”",
    ],
    ["Voov - Veterinärer omtanke om våldsutsatta.", "Voov – Veterinärer omtanke om våldsutsatta."],
    ["23 november kl 13.00 - 14.00", "23 november kl 13.00–14.00"],
    ["kvinnor och män mellan 21-61 år.", "kvinnor och män mellan 21–61 år."],
    ["levde mitt liv inomhus... läs mer", "levde mitt liv inomhus… läs mer"],
  ])("%j", (input, output) => {
    expect(swedishTypography(input)).toBe(output);
  });

  it("leaves apostrophes, »…«, ISO dates, phone numbers, URLs and e-mail addresses alone", () => {
    for (const t of [
      "»Citat« och 'apostrof'",
      "2021-11-16",
      "08-123 45 67",
      "https://us02web.zoom.us/j/84378388337?pwd=RnR0VkRQQ0xTUkxwMHNhWmU0RCtKUT09",
      "mejla helena.bajlo@haninge.se",
      "MIA-projektet",
    ]) {
      expect(swedishTypography(t)).toBe(t);
    }
  });

  it("counts every change, and can be turned off", () => {
    const counts: RuleCounts = {};
    normalizeInline('"Ring innan" - 13.00 - 14.00...', on, counts);
    expect(counts).toEqual({ quotes: 2, dash: 1, range: 1, ellipsis: 1 });
    expect(normalizeInline('"Ring innan" - kl 9.00 - 10.00', { typography: false })).toBe(
      '"Ring innan" - kl 9.00 - 10.00',
    );
  });
});

describe("what is never changed", () => {
  it("keeps every typo of the seeds, manual hyphenation, capitalisation and numbers", () => {
    const text = SEED_LINES.map((l) => normalizeInline(l, on)).join("\n");
    for (const word of [
      "organsiationen",
      "bedöming",
      "sägen",
      "Stockolms",
      "koncpet",
      "hundtatal",
      "Samordingsförbundet",
      "Södertrörn",
      "liknade",
      "arbetsätt",
      "stäcker",
      "projekt-målen",
      "MIA VärNA",
      "CM+HP=Sant",
      "326 deltagare",
      "101 män och 159 kvinnor",
      "32 procent",
    ]) {
      expect(text, word).toContain(word);
    }
  });
});

describe("slugs", () => {
  it("are ASCII with Swedish transliteration, and carry no post id", () => {
    expect(slugify("Vård för sexualbrottsutsatta")).toBe("vard-for-sexualbrottsutsatta");
    expect(slugify("räksmörgås")).toBe("raksmorgas");
    expect(slugify("Josef Szabò: ”Varje person är unik”")).toBe("josef-szabo-varje-person-ar-unik");
    expect(slugify("Vad händer i MIA-projektet Stockholms stad?")).toBe("vad-hander-i-mia-projektet-stockholms-stad");
    expect(slugify("Guldkornen i MIA: Tillit")).toBe("guldkornen-i-mia-tillit");
  });

  it("are at most 80 characters, cut at a word", () => {
    const slug = slugify(
      "Deltagare som har en handläggare som generellt tror på deltagarens jobbmöjligheter har 32 procent större chans att få ett arbete",
    );
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toBe("deltagare-som-har-en-handlaggare-som-generellt-tror-pa-deltagarens");
  });

  it("are unique, with a stable suffix for the later of two", () => {
    const titles = ["Röster från projektet", "Röster från projektet", "Roster fran projektet"];
    expect([
      ...uniqueSlugs(
        titles.map((t, i) => ({ t, i })),
        (x) => slugify(x.t),
      ).values(),
    ]).toEqual(["roster-fran-projektet", "roster-fran-projektet-2", "roster-fran-projektet-3"]);
  });
});

describe("Swedish dates", () => {
  it.each([
    ["16 november 2021", "2021-11-16"],
    ["16 nov. 2021", "2021-11-16"],
    ["tisdag 16 november 2021", "2021-11-16"],
    ["16/11 2021", "2021-11-16"],
    ["2021-11-16", "2021-11-16"],
    ["23 november 2021 kl. 13.00", "2021-11-23T13:00:00+01:00"],
    ["15 juni 2021 kl 9:30", "2021-06-15T09:30:00+02:00"],
    ["3 febr. 2020", "2020-02-03"],
    ["1 sept. 2019 kl. 10.00", "2019-09-01T10:00:00+02:00"],
  ])("%j → %s", (text, iso) => {
    const d = parseSwedishDate(text);
    expect(d && isoDate(d)).toBe(iso);
  });

  it("rejects what is not a date", () => {
    for (const t of ["30 februari 2021", "sept. 2021", "Läs hela inlägget", "13.00 - 14.00"])
      expect(parseSwedishDate(t)).toBeNull();
  });

  it("knows the Stockholm offset on either side of the clock change", () => {
    expect(stockholmOffset("2021-03-27")).toBe("+01:00");
    expect(stockholmOffset("2021-03-28")).toBe("+02:00");
    expect(stockholmOffset("2021-10-30")).toBe("+02:00");
    expect(stockholmOffset("2021-10-31")).toBe("+01:00");
  });
});
