// The fidelity check finds what conversion could lose, and passes the replica's real output.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReplica, type ReplicaServer } from "../fixtures/server.js";
import { verifyMarkdown } from "../src/convert/verify.js";
import { loadProfile } from "../src/profiles/profile.js";
import { cli, replicaFlags, START, tempDir } from "./helpers.js";

const profile = loadProfile();
// The source as the old page has it (the profile's body element), and what extraction made of it.
const post = {
  id: "1",
  sourceUrl: "https://www.miaprojektet.se/2021/11/16/x-1",
  sourceHtml:
    '<div class="h-image"><img src="/images/a.jpg" alt="A" title="A" /><div class="h-image-caption">Bildtext.</div></div>' +
    '<p>Ett stycke med <a href="/2021/11/16/y-2">en länk</a> och <a href="http://www.jamstall.nu/">en till</a>.</p>' +
    "<p><strong>Rubrik</strong></p><ul><li>Punkt</li></ul>",
  bodyHtml:
    '<figure><img src="https://www.miaprojektet.se/images/a.jpg" alt="A"><figcaption>Bildtext.</figcaption></figure>' +
    '<p>Ett stycke med <a href="https://www.miaprojektet.se/2021/11/16/y-2">en länk</a> och <a href="http://www.jamstall.nu/">en till</a>.</p>' +
    "<h2>Rubrik</h2><ul><li>Punkt</li></ul>",
};
const good =
  "![A](/assets/a.jpg)\n\n*Bildtext.*\n\nEtt stycke med [en länk](/posts/2021/11/y/) och [en till](http://www.jamstall.nu/).\n\n## Rubrik\n\n-   Punkt\n";
const whats = (markdown: string, strict = false) =>
  verifyMarkdown(post, markdown, { profile, strict }).mismatches.map((m) => m.what);

describe("verifyMarkdown: the Markdown against the source on the old page", () => {
  it("accepts a faithful conversion (a site link may point at its new place)", () => {
    expect(verifyMarkdown(post, good, { profile, strict: false }).mismatches).toEqual([]);
    expect(verifyMarkdown(post, good, { profile, strict: true }).mismatches).toEqual([]);
  });

  it.each([
    ["a lost caption", good.replace("*Bildtext.*\n\n", ""), ["captions", "words"]],
    ["a lost image", good.replace("![A](/assets/a.jpg)\n\n", ""), ["images", "captions"]],
    ["a changed word", good.replace("stycke", "styck"), ["words", "words"]],
    [
      "a dropped sentence",
      good.replace("Ett stycke med [en länk](/posts/2021/11/y/) och [en till](http://www.jamstall.nu/).\n\n", ""),
      ["links", "words"],
    ],
    ["a lost link", good.replace("[en länk](/posts/2021/11/y/)", "en länk"), ["links"]],
    ["an external link pointed elsewhere", good.replace("http://www.jamstall.nu/", "http://example.org/"), ["links"]],
    ["a heading turned into text", good.replace("## Rubrik", "Rubrik"), ["headings"]],
    ["a lost list item", good.replace("-   Punkt\n", ""), ["words", "list items"]],
  ])("finds %s", (_name, markdown, expected) => {
    expect(whats(markdown)).toEqual(expected);
  });

  it("names the source block a loss is in", () => {
    const [loss] = verifyMarkdown(post, good.replace("-   Punkt\n", ""), { profile, strict: false }).mismatches;
    expect(loss).toMatchObject({ what: "words", block: 'block 4 ("Punkt")', expected: "Punkt" });
  });

  it("with --keep-typography, finds a moved comma; without, only words count", () => {
    const moved = good.replace("och [en till]", ", och [en till]").replace("Ett stycke med", "Ett stycke med");
    expect(whats(moved, true)).toEqual(["characters"]);
    expect(whats(moved, false)).toEqual([]);
  });
});

describe("mia-migrate verify", () => {
  let server: ReplicaServer;
  beforeAll(async () => {
    server = await startReplica();
  });
  afterAll(async () => {
    await server.close();
  });

  it("passes a fresh migration, and names the file when a caption is later lost", async () => {
    const out = tempDir();
    expect(
      (await cli(["--quiet", "migrate", START, "--out", out, ...replicaFlags(server.url), "--no-check-links"])).code,
    ).toBe(0);
    const fidelity = JSON.parse(readFileSync(join(out, "report/fidelity.json"), "utf8")) as {
      posts: number;
      textEqual: number;
      captionsKept: number;
    };
    expect(fidelity).toMatchObject({ posts: 67, textEqual: 67, captionsKept: 67 });
    const ok = await cli(["--json", "verify", "--from", join(out, "snapshot"), "--out", out]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      posts: 67,
      textEqual: 67,
      linksKept: 67,
      imagesKept: 67,
      captionsKept: 67,
    });

    const file = join(out, "posts/2021/11/vard-for-sexualbrottsutsatta.md");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("*Gita Rajan, grundare av den viktiga organsiationen Wonsa.*\n", ""),
    );
    const bad = await cli(["verify", "--from", join(out, "snapshot"), "--out", out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("posts/2021/11/vard-for-sexualbrottsutsatta.md: captions differ");

    // A dropped link, a dropped sentence and a changed word, each named with its block.
    const text = readFileSync(file, "utf8");
    const bodyAt = text.lastIndexOf("\n---\n"); // the body, not the frontmatter's description
    const broken =
      text.slice(0, bodyAt) +
      text
        .slice(bodyAt)
        .replace("[wonsa.se](https://www.wonsa.se/)", "wonsa.se")
        .replace(" Det gör kontakten med myndigheterna svårare.", "")
        .replace("läkaren som grundade", "läkarna som grundade");
    expect(broken).not.toBe(text);
    writeFileSync(file, broken);
    const worse = await cli(["verify", "--from", join(out, "snapshot"), "--out", out]);
    expect(worse.code).toBe(2);
    expect(worse.stderr).toMatch(/links differ: the original has wonsa se → https:\/\/www\.wonsa\.se\//);
    expect(worse.stderr).toMatch(
      /words differ in block \d+ \("Som ett exempel[^"]*"\): the original has Det \| gör \| kontakten/,
    );
    expect(worse.stderr).toMatch(/words differ in block \d+ \("Gita Rajan utsattes[^"]*"\): the original has läkaren/);
    expect(worse.stderr).toMatch(/words differ: the original has nothing more; the Markdown has läkarna/);
  });
});
