// The spool that keeps a migration's memory flat: every post comes back exactly as it went in, however
// the reads cut the file (mid-line, mid-letter), as often as it is read; and it leaves nothing behind.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Post } from "../src/extract/post.js";
import { PostSpool } from "../src/store/post-spool.js";
import { tempDir } from "./helpers.js";

const post = (i: number): Post => ({
  id: String(45000000 + i),
  sourceUrl: `https://www.miaprojektet.se/2021/11/16/inlagg-${i}-${45000000 + i}`,
  title: `Åtgärder för “mellan stolarna” nr ${i}\n`,
  date: "2021-11-16",
  dateSource: "url",
  tags: ["Samverkan", "Våld i nära relationer"],
  // Lengths from 0 to ~3,000 characters: short lines and lines longer than any chunk.
  bodyHtml: `<p>${"Öppna förskolan – ”väntan” på beslut… ".repeat((i * 37) % 80)}</p>`,
  sourceHtml: `<p>${"Öppna förskolan – ”väntan” på beslut… ".repeat((i * 37) % 80)}</p>`,
  images: i % 3 === 0 ? [{ src: "https://www.miaprojektet.se/bilder/å.jpg", alt: "", caption: null }] : [],
  links: [],
  lead: "Läs mer om samordningsförbundet\u00a0i\u2028Göteborg",
  extractedBy: i % 7 === 0 ? "fallback" : "profile",
  changes: {},
});

describe("post spool", () => {
  it.each([3, 7, 64, 1 << 20])("gives back every post unchanged when read %i bytes at a time, every time", (chunk) => {
    const path = join(tempDir(), ".mia-migrate", "posts.jsonl");
    const spool = new PostSpool<Post>(path, chunk);
    const posts = Array.from({ length: 60 }, (_, i) => post(i));
    for (const p of posts) spool.append(p);
    expect(spool.size).toBe(60);
    expect([...spool]).toEqual(posts);
    expect([...spool]).toEqual(posts);
    spool.remove();
    expect(existsSync(path)).toBe(false);
    expect(existsSync(dirname(path))).toBe(false); // its folder too, when nothing else is in it
  });

  it("starts empty over a file an interrupted run left behind", () => {
    const path = join(tempDir(), "posts.jsonl");
    const first = new PostSpool<Post>(path);
    first.append(post(1));
    first.close();
    const second = new PostSpool<Post>(path);
    second.append(post(2));
    expect([...second].map((p) => p.id)).toEqual([post(2).id]);
    second.remove();
  });
});
