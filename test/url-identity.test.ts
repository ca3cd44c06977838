// One post is one post, whichever URL reached it: percent-encoding, decoded NBSP, other origins, both
// archive ids, fragments and stray query strings.
import { describe, expect, it } from "vitest";
import { canonicalUrl, normalizePath } from "../src/profiles/url.js";
import { pageKind, postIdOf } from "../src/extract/classify.js";
import { loadProfile } from "../src/profiles/profile.js";
import { parseOriginMap, route } from "../src/http/origin-map.js";
import { expectedPosts } from "./helpers.js";

const profile = loadProfile();
const canon = (u: string) => canonicalUrl(u, profile)?.href;
const GITA = "https://www.miaprojektet.se/2021/11/16/v%C3%A5rd-f%C3%B6r-sexualbrottsutsatta%C2%A0-45881233";

describe("canonical URLs", () => {
  it("fold %C2%A0, a decoded NBSP and lower-case escapes into one URL", () => {
    expect(canon(GITA)).toBe(GITA);
    expect(canon("https://www.miaprojektet.se/2021/11/16/vård-för-sexualbrottsutsatta\u00a0-45881233")).toBe(GITA);
    expect(canon("https://www.miaprojektet.se/2021/11/16/v%c3%a5rd-f%c3%b6r-sexualbrottsutsatta%c2%a0-45881233")).toBe(
      GITA,
    );
  });

  it("fold the site's other origins into https://www.miaprojektet.se", () => {
    for (const origin of [
      "http://www.miaprojektet.se",
      "https://miaprojektet.se",
      "http://miaprojektet.se",
      "HTTP://WWW.MIAPROJEKTET.SE",
    ]) {
      expect(canon(origin + "/2021/11/16/v%C3%A5rd-f%C3%B6r-sexualbrottsutsatta%C2%A0-45881233")).toBe(GITA);
    }
  });

  it("drop fragments and query parameters that do not matter, keep pagination", () => {
    expect(canon(GITA + "#kommentarer")).toBe(GITA);
    expect(canon(GITA + "?utm_source=facebook")).toBe(GITA);
    expect(canon("http://miaprojektet.se/aktuellt-39586750?utm_source=x&page=3")).toBe(
      "https://www.miaprojektet.se/aktuellt-39586750?page=3",
    );
  });

  it("leave external URLs alone but for the fragment", () => {
    expect(canon("https://www.wonsa.se/om?x=1#top")).toBe("https://www.wonsa.se/om?x=1");
    expect(canonicalUrl("mailto:helena.bajlo@haninge.se", profile)).toBeNull();
  });

  it("keep a ? title's double dash and a title's full stop", () => {
    expect(normalizePath("/2019/01/30/vad-händer-i-mia-projektet-stockholms-stad--41614257")).toBe(
      "/2019/01/30/vad-h%C3%A4nder-i-mia-projektet-stockholms-stad--41614257",
    );
    expect(normalizePath("/2020/01/08/ett-liv-fritt-fr%C3%A5n-v%C3%A5ld-och-hot-om-v%C3%A5ld.%C2%A0-43900706")).toBe(
      "/2020/01/08/ett-liv-fritt-fr%C3%A5n-v%C3%A5ld-och-hot-om-v%C3%A5ld.%C2%A0-43900706",
    );
  });

  it("survive a stray percent sign", () => {
    expect(normalizePath("/a%zz/100%")).toBe("/a%25zz/100%25");
  });
});

describe("post identity", () => {
  it("is the post id, whichever slug, origin or encoding reached it", () => {
    for (const post of expectedPosts()) {
      for (const variant of post.urlVariants) {
        const url = canonicalUrl(variant, profile);
        expect(url && postIdOf(url, profile), variant).toBe(post.id);
      }
      expect(canon(post.urlVariants[0] ?? "")).toBe(post.url);
    }
  });

  it("gives both archive ids the kind archive, and tag pages the kind tag", () => {
    for (const path of ["/i/a42007494/2021/", "/i/a39586750/2021/", "/i/a42007494/2018/11/", "/i/a39586750/2018/11/"])
      expect(pageKind(new URL("https://www.miaprojektet.se" + path), profile)).toBe("archive");
    expect(
      pageKind(new URL("https://www.miaprojektet.se/i/t42007494/v%C3%A5ld-i-n%C3%A4ra-relationer/"), profile),
    ).toBe("tag");
    expect(pageKind(new URL("https://www.miaprojektet.se/aktuellt-39586750?page=2"), profile)).toBe("index");
    expect(pageKind(new URL("https://www.wonsa.se/"), profile)).toBe("other");
  });
});

describe("--map-origin", () => {
  it("sends the request elsewhere but keeps the Host of the original URL", () => {
    const map = parseOriginMap(["https://www.miaprojektet.se=http://127.0.0.1:8080"]);
    const r = route(new URL(GITA), map);
    expect(r.target.href).toBe(
      "http://127.0.0.1:8080/2021/11/16/v%C3%A5rd-f%C3%B6r-sexualbrottsutsatta%C2%A0-45881233",
    );
    expect(r.host).toBe("www.miaprojektet.se");
    expect(route(new URL("https://www.wonsa.se/"), map).target.href).toBe("https://www.wonsa.se/");
  });

  it("maps every origin with *", () => {
    const map = parseOriginMap(["*=http://127.0.0.1:9"]);
    expect(route(new URL("https://www.wonsa.se/x?y=1"), map)).toEqual({
      target: new URL("http://127.0.0.1:9/x?y=1"),
      host: "www.wonsa.se",
    });
  });

  it("rejects a malformed mapping with a message that shows the form", () => {
    expect(() => parseOriginMap(["127.0.0.1:8080"])).toThrow(/expected FROM=TO/);
    expect(() => parseOriginMap(["https://www.miaprojektet.se=ftp://x"])).toThrow(/not an http\(s\) origin/);
  });
});
