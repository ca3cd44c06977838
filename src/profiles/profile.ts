// Loading and validating a site profile. A mistake is one line naming the file, the key and what is
// expected, so a user editing the YAML can fix it without reading this code.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
// css-what is the selector parser cheerio itself uses: the same syntax, without loading cheerio (137 ms).
import { parse as parseSelector } from "css-what";
import { parse, YAMLParseError } from "yaml";
import { defaults } from "../config/defaults.js";
import { UsageError, option } from "../config/errors.js";
import { isLang, LANGS, type Lang } from "../config/lang.js";

export const PAGE_KINDS = ["post", "archive", "tag", "index", "page", "asset"] as const;
export type ProfilePageKind = (typeof PAGE_KINDS)[number];

/** What a page of the site is, by its URL (the profile's patterns), and what the crawl recorded. */
export type PageKind = "post" | "archive" | "tag" | "index" | "page" | "asset" | "robots" | "other";

export interface Profile {
  name: string;
  origin: string;
  aliases: string[];
  keepQuery: string[];
  pages: Record<ProfilePageKind, RegExp>;
  follow: PageKind[];
  post: {
    container: string;
    title: string;
    body: string;
    tags: string;
    image: string;
    imageCaption: string;
    strip: string[];
    titleSuffix: string;
    /** Where a visible date stands, if the site shows one (the MIA blog does not). */
    date?: string;
  };
  /** The language the site is written in, and so of its QA report (`--lang` overrides it). */
  lang: Lang;
  /** Where it was loaded from, for messages. */
  source: string;
  /** The built-in profile for any site (`--profile generic`): no URL patterns; title, date and tags from
   *  the page's own metadata, the body from the generic extractor (extract/generic.ts). */
  generic?: boolean;
}

/** The name that selects the built-in generic profile wherever a profile file is accepted. */
export const GENERIC_PROFILE = "generic";

/** A pattern no path matches: the generic profile knows no archives, tags or assets by URL. */
const NEVER = /(?!)/;

/**
 * The generic profile for pages of `origin`: every page is a post, its id the path. Selectors name what
 * most blog themes use (figure/figcaption, WordPress's wp-caption, rel=tag); title, date and body come
 * from the page itself (extract/metadata.ts, extract/generic.ts).
 */
export function genericProfile(origin = "https://example.invalid"): Profile {
  return {
    name: GENERIC_PROFILE,
    origin: new URL(origin).origin,
    aliases: [],
    keepQuery: [],
    lang: defaults.report.lang,
    pages: {
      post: /^\/(?<id>.*)$/,
      archive: NEVER,
      tag: NEVER,
      index: NEVER,
      page: NEVER,
      asset: NEVER,
    },
    follow: [],
    post: {
      container: "body",
      title: "h1",
      body: "body",
      tags: 'a[rel~="tag"]',
      image: "figure, .wp-caption",
      imageCaption: "figcaption, .wp-caption-text",
      strip: ["script", "style", "noscript"],
      titleSuffix: "",
    },
    source: "(built-in generic profile)",
    generic: true,
  };
}

export const DEFAULT_PROFILE_PATH = fileURLToPath(new URL("../../src/profiles/mia.yaml", import.meta.url));
/** The MIA blog's names and terms, for the optional spelling check. */
export const DEFAULT_WORDS_PATH = fileURLToPath(new URL("../../src/profiles/mia-words.txt", import.meta.url));

const TOP_KEYS = ["name", "origin", "lang", "aliases", "keepQuery", "pages", "follow", "post"];
const POST_KEYS = ["container", "title", "body", "tags", "image", "imageCaption", "strip", "titleSuffix", "date"];

function fail(file: string, key: string, expected: string): never {
  throw new UsageError(`profile ${file}: ${key}: ${expected}`);
}

function str(file: string, obj: Record<string, unknown>, key: string, path: string): string {
  const v = obj[key];
  if (typeof v !== "string" || v === "")
    fail(file, path, `expected a non-empty string${v === undefined ? " (missing)" : `, got ${JSON.stringify(v)}`}`);
  return v;
}

function selector(file: string, obj: Record<string, unknown>, key: string, path: string): string {
  const s = str(file, obj, key, path);
  try {
    parseSelector(s);
  } catch {
    fail(file, path, `"${s}" is not a valid CSS selector`);
  }
  return s;
}

function origin(file: string, value: unknown, path: string): string {
  try {
    const u = new URL(String(value));
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error();
    return u.origin;
  } catch {
    return fail(
      file,
      path,
      `expected an http(s) origin such as https://www.miaprojektet.se, got ${JSON.stringify(value)}`,
    );
  }
}

function checkKeys(file: string, obj: Record<string, unknown>, allowed: string[], prefix: string): void {
  for (const k of Object.keys(obj))
    if (!allowed.includes(k)) fail(file, prefix + k, `unknown key (known keys: ${allowed.join(", ")})`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Validates parsed YAML as a profile; `file` is only for messages. */
export function validateProfile(raw: unknown, file: string): Profile {
  if (!isRecord(raw)) fail(file, "(top level)", "expected a mapping of keys such as name, origin, pages, post");
  checkKeys(file, raw, TOP_KEYS, "");
  const pagesRaw = raw.pages;
  if (!isRecord(pagesRaw)) fail(file, "pages", "expected a mapping from page kind to URL pattern");
  checkKeys(file, pagesRaw, [...PAGE_KINDS], "pages.");
  const pages = {} as Record<ProfilePageKind, RegExp>;
  for (const kind of PAGE_KINDS) {
    const pattern = str(file, pagesRaw, kind, `pages.${kind}`);
    try {
      pages[kind] = new RegExp(pattern);
    } catch (err) {
      fail(file, `pages.${kind}`, `not a valid regular expression (${(err as Error).message})`);
    }
  }
  if (!pages.post.source.includes("(?<id>"))
    fail(file, "pages.post", "the pattern must capture the post id as (?<id>…)");
  const postRaw = raw.post;
  if (!isRecord(postRaw)) fail(file, "post", "expected a mapping of selectors (title, body, tags, …)");
  checkKeys(file, postRaw, POST_KEYS, "post.");
  const strip = postRaw.strip ?? [];
  if (!Array.isArray(strip)) fail(file, "post.strip", "expected a list of CSS selectors");
  const follow = raw.follow ?? PAGE_KINDS;
  if (!Array.isArray(follow) || follow.some((k) => !(PAGE_KINDS as readonly string[]).includes(String(k))))
    fail(file, "follow", `expected a list of page kinds from: ${PAGE_KINDS.join(", ")}`);
  const aliases = raw.aliases ?? [];
  if (!Array.isArray(aliases)) fail(file, "aliases", "expected a list of origins");
  const keepQuery = raw.keepQuery ?? [];
  if (!Array.isArray(keepQuery)) fail(file, "keepQuery", "expected a list of query parameter names");
  const lang = raw.lang ?? defaults.report.lang;
  if (typeof lang !== "string" || !isLang(lang)) fail(file, "lang", `expected one of: ${LANGS.join(", ")}`);
  return {
    name: str(file, raw, "name", "name"),
    origin: origin(file, raw.origin, "origin"),
    aliases: aliases.map((a, i) => origin(file, a, `aliases[${i}]`)),
    keepQuery: keepQuery.map(String),
    lang,
    pages,
    follow: follow as PageKind[],
    post: {
      container: selector(file, postRaw, "container", "post.container"),
      title: selector(file, postRaw, "title", "post.title"),
      body: selector(file, postRaw, "body", "post.body"),
      tags: selector(file, postRaw, "tags", "post.tags"),
      image: selector(file, postRaw, "image", "post.image"),
      imageCaption: selector(file, postRaw, "imageCaption", "post.imageCaption"),
      strip: strip.map((s, i) => selector(file, { s }, "s", `post.strip[${i}]`)),
      titleSuffix: typeof postRaw.titleSuffix === "string" ? postRaw.titleSuffix : "",
      ...(postRaw.date !== undefined ? { date: selector(file, postRaw, "date", "post.date") } : {}),
    },
    source: file,
  };
}

/** A profile file, or `generic` for the built-in generic profile (its origin set by the caller). */
export function loadProfile(file: string = DEFAULT_PROFILE_PATH, origin?: string): Profile {
  if (file === GENERIC_PROFILE) return genericProfile(origin);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(
      `profile ${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); check the ${option("profile")} path`,
    );
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    const line = err instanceof YAMLParseError && err.linePos ? `line ${err.linePos[0].line}` : "(yaml)";
    throw new UsageError(`profile ${file}: ${line}: not valid YAML (${(err as Error).message.split("\n")[0]})`);
  }
  return validateProfile(raw, file);
}
