// The optional spelling check: a Swedish dictionary that really rejects misspellings (the seeds' typos)
// and accepts real compounds, with the site's names in a word list. Proven on a probe list.
import { describe, expect, it } from "vitest";
import { afterAll, beforeAll } from "vitest";
import { startReplica, type ReplicaServer } from "../fixtures/server.js";
import { convertOptions } from "../src/pipeline/settings.js";
import { defaults } from "../src/config/defaults.js";
import { parseOriginMap } from "../src/http/origin-map.js";
import { checkAndReport } from "../src/pipeline/check.js";
import { convertSnapshot } from "../src/pipeline/convert.js";
import { DEFAULT_WORDS_PATH, loadProfile } from "../src/profiles/profile.js";
import { loadSpellChecker, readWordList } from "../src/report/spelling.js";
import { replicaSnapshot, tempDir } from "./helpers.js";

const TYPOS = [
  "organsiationen",
  "betydelefullt",
  "systematsikt",
  "remmiteras",
  "stäcker",
  "bedöming",
  "koncpet",
  "hundtatal",
  "Stockolms",
  "Samordingsförbundet",
  "Södertrörn",
  "arbetsätt",
  "arbetsmarknadpolitiken",
  "åtgärdprogram",
  "väld",
  "livesänding",
];
const REAL = [
  "samordningsförbundet",
  "arbetsträning",
  "myndighetsgemensamma",
  "jämställdhetsarbetet",
  "sjukskrivningar",
  "deltagarna",
  "arbetsmarknadspolitiken",
  "brukarrevisioner",
  "räksmörgås",
  "Södertörn",
  "Stockholms",
  "organisationen",
  "MIA-projektet",
  "implementeringsfas",
];

describe("the spelling check", () => {
  it("rejects every misspelling of the probe list and accepts every real word and compound", async () => {
    const checker = await loadSpellChecker(readWordList(DEFAULT_WORDS_PATH));
    expect(checker.unknown(TYPOS.join(" ")).sort()).toEqual([...TYPOS].sort());
    expect(checker.unknown(REAL.join(" "))).toEqual([]);
  }, 30_000);

  describe("on the replica", () => {
    let server: ReplicaServer;
    beforeAll(async () => {
      server = await startReplica();
    });
    afterAll(async () => {
      await server.close();
    });

    it("lists the seeds' typos and nothing else, each where it stands", async () => {
      const profile = loadProfile();
      const snapshot = await replicaSnapshot(server.url);
      const out = tempDir();
      convertSnapshot(snapshot, out, convertOptions(profile));
      const report = await checkAndReport({
        snapshotDir: snapshot,
        outDir: out,
        convert: convertOptions(profile),
        originMap: parseOriginMap([`*=${server.url}`]),
        settings: { ...defaults.links, userAgent: defaults.userAgent, siteGapMs: 0, timeoutMs: 1000 },
        cacheFile: null,
        cacheAgeMs: 0,
        spellingWords: readWordList(DEFAULT_WORDS_PATH),
      });
      const found = report.findings.filter((f) => f.rule === "spelling");
      expect([...new Set(found.map((f) => f.text))].sort()).toEqual(
        [...TYPOS.filter((t) => t !== "koncpet"), "fika-koncpet"].sort(),
      );
      for (const f of found) expect(f.line, f.text).toBeGreaterThan(0);
    }, 60_000);
  });
});
