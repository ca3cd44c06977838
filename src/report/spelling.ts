// Spelling, optional and a warning only: words the Swedish dictionary does not know, listed for an
// editor, never changed. cspell-lib with @cspell/dict-sv rejects real misspellings and accepts compounds
// (nspell with dictionary-sv accepts everything, nonsense included: nspell #21). The dictionary is
// GPL-3.0, so it is not installed with mia-migrate: `npm install cspell-lib @cspell/dict-sv` enables it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { UsageError, option } from "../config/errors.js";

export interface SpellChecker {
  unknown(text: string): string[];
}

interface CspellLib {
  getDictionary(settings: unknown): Promise<{ has(word: string, opts?: { ignoreCase?: boolean }): boolean }>;
  mergeSettings(...settings: unknown[]): unknown;
  getDefaultSettings(useDefaultDictionaries?: boolean): Promise<unknown>;
  readSettings(file: string): Promise<unknown>;
}

/** Names and terms of the site that the dictionary cannot know: one a line, # for comments. */
export function readWordList(file: string): Set<string> {
  try {
    return new Set(
      readFileSync(file, "utf8")
        .split("\n")
        .map((l) => l.replace(/#.*/, "").trim().toLowerCase())
        .filter(Boolean),
    );
  } catch {
    throw new UsageError(`${option("spellingWords")} ${file}: cannot be read; give a text file with one word a line`);
  }
}

export async function loadSpellChecker(words: ReadonlySet<string>): Promise<SpellChecker> {
  const require = createRequire(import.meta.url);
  let lib: CspellLib;
  let ext: string;
  try {
    lib = (await import("cspell-lib" as string)) as CspellLib;
    ext = require.resolve("@cspell/dict-sv/cspell-ext.json");
  } catch {
    throw new UsageError(
      `${option("spelling")} needs a Swedish dictionary: npm install cspell-lib @cspell/dict-sv (GPL-3.0), then run again`,
    );
  }
  const settings = lib.mergeSettings(await lib.getDefaultSettings(false), await lib.readSettings(ext), {
    language: "sv",
    dictionaries: ["sv"],
  });
  const dict = await lib.getDictionary(settings);
  return {
    unknown(text) {
      const out = new Set<string>();
      for (const m of text.matchAll(/\p{L}[\p{L}\p{M}]*(?:-\p{L}+)*/gu)) {
        const word = m[0];
        // Acronyms (MIA, ASF), short words and the site's own names are not the dictionary's business.
        if (word.length < 3 || /^\p{Lu}+$/u.test(word) || words.has(word.toLowerCase())) continue;
        const parts = word.split("-");
        if (
          parts.every(
            (p) =>
              p.length < 3 || /^\p{Lu}+$/u.test(p) || words.has(p.toLowerCase()) || dict.has(p, { ignoreCase: true }),
          )
        )
          continue;
        out.add(word);
      }
      return [...out];
    },
  };
}
