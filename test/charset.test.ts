// Bytes to text: header, then BOM, then <meta>, then windows-1252 — with iso-8859-1 read as
// windows-1252, as browsers do, so ” (0x94) and – (0x96) survive.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeBody } from "../src/crawl/charset.js";

const SENTENCE = "”Vi har kommit långt på kort tid” – säger Kristina Rahbari.";
const cp1252 = iconv.encode(SENTENCE, "windows-1252");

describe("decodeBody", () => {
  it("reads iso-8859-1 from the header as windows-1252", () => {
    expect(decodeBody(cp1252, "text/html; charset=iso-8859-1")).toEqual({
      text: SENTENCE,
      charset: "windows-1252",
      source: "header",
    });
  });

  it("reads UTF-8 from the header, a BOM before a wrong header, and a <meta>", () => {
    expect(decodeBody(Buffer.from(SENTENCE), "text/html; charset=UTF-8").text).toBe(SENTENCE);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SENTENCE)]);
    expect(decodeBody(bom, "text/html; charset=iso-8859-1")).toMatchObject({ charset: "utf-8", source: "bom" });
    const meta = Buffer.concat([
      Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1" />'),
      cp1252,
    ]);
    expect(decodeBody(meta, "text/html")).toMatchObject({ charset: "windows-1252", source: "meta" });
    expect(decodeBody(meta, "text/html").text.endsWith(SENTENCE)).toBe(true);
  });

  it("falls back to windows-1252 when nothing says", () => {
    expect(decodeBody(cp1252, undefined)).toEqual({ text: SENTENCE, charset: "windows-1252", source: "fallback" });
  });
});
