// The fidelity check finds what conversion could lose, and passes the replica's real output.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReplica, type ReplicaServer } from "../fixtures/server.js";
import { verifyMarkdown } from "../src/convert/verify.js";
import type { Post } from "../src/extract/post.js";
import { cli, START, tempDir } from "./helpers.js";

const post = {
  id: "1",
  bodyHtml:
    '<figure><img src="/a.jpg" alt="A"><figcaption>Bildtext.</figcaption></figure><p>Ett stycke med <a href="/x">en länk</a>.</p><h2>Rubrik</h2><ul><li>Punkt</li></ul>',
} as Post;
const good = "![A](/a.jpg)\n\n*Bildtext.*\n\nEtt stycke med [en länk](/posts/x/).\n\n## Rubrik\n\n-   Punkt\n";

describe("verifyMarkdown", () => {
  it("accepts a faithful conversion", () => {
    expect(verifyMarkdown(post, good)).toEqual([]);
  });

  it.each([
    ["a lost caption", good.replace("*Bildtext.*\n\n", ""), ["text", "captions"]],
    ["a lost image", good.replace("![A](/a.jpg)\n\n", ""), ["images", "captions", "paragraphs"]],
    ["a changed word", good.replace("stycke", "styck"), ["text"]],
    ["a lost link", good.replace("[en länk](/posts/x/)", "en länk"), ["links"]],
    ["a heading turned into text", good.replace("## Rubrik", "Rubrik"), ["headings", "paragraphs"]],
    ["a lost list item", good.replace("-   Punkt\n", ""), ["text", "list items"]],
  ])("finds %s", (_name, markdown, whats) => {
    expect(verifyMarkdown(post, markdown).map((m) => m.what)).toEqual(whats);
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
      (
        await cli([
          "--quiet",
          "migrate",
          START,
          "--out",
          out,
          "--map-origin",
          `*=${server.url}`,
          "--host-gap",
          "0",
          "--no-check-links",
        ])
      ).code,
    ).toBe(0);
    const fidelity = JSON.parse(readFileSync(join(out, "report/fidelity.json"), "utf8")) as {
      posts: number;
      textEqual: number;
      captionsKept: number;
    };
    expect(fidelity).toMatchObject({ posts: 65, textEqual: 65, captionsKept: 65 });
    const ok = await cli(["--json", "verify", "--from", join(out, "snapshot"), "--out", out]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      posts: 65,
      textEqual: 65,
      linksKept: 65,
      imagesKept: 65,
      captionsKept: 65,
    });

    const file = join(out, "posts/2021/11/vard-for-sexualbrottsutsatta.md");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("*Gita Rajan, grundare av den viktiga organsiationen Wonsa.*\n", ""),
    );
    const bad = await cli(["verify", "--from", join(out, "snapshot"), "--out", out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("posts/2021/11/vard-for-sexualbrottsutsatta.md: captions differ");
  });
});
