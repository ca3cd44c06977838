// `mia-migrate extract <file|-> [--url <page-url>] [--profile <name|file>]`: one saved page → the Markdown
// file migrate would write for it (stdout), or with --json the post as one JSON object. For trying a
// profile (or the generic one) on a page before a whole migration.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { EXIT, UsageError } from "../../config/errors.js";
import { declaredUrl, decodePage, extractPage } from "../../pipeline/page.js";
import { loadProfile } from "../../profiles/profile.js";
import { convertFlags, type ConvertFlags } from "../options.js";
import type { OutputFlags } from "../summary.js";

export interface ExtractFlags extends ConvertFlags {
  url?: string;
  profile: string;
}

function readInput(file: string): Uint8Array {
  try {
    return file === "-" ? readFileSync(0) : readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new UsageError(
      `extract: ${file === "-" ? "standard input" : file} cannot be read (${code}); give a saved HTML page, or - for standard input`,
    );
  }
}

function pageUrlOf(flags: ExtractFlags, file: string, html: string): string {
  const given = flags.url ?? declaredUrl(html);
  if (given === undefined) return file === "-" ? "file:///dev/stdin" : pathToFileURL(resolve(file)).href;
  try {
    const url = new URL(given);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error();
    return url.href;
  } catch {
    throw new UsageError(
      `--url "${given}": expected the page's http(s) address, e.g. https://www.miaprojektet.se/2019/11/05/…`,
    );
  }
}

export async function runExtract(file: string, flags: ExtractFlags, g: OutputFlags): Promise<number> {
  const html = decodePage(readInput(file));
  const pageUrl = pageUrlOf(flags, file, html);
  const profile = loadProfile(flags.profile, pageUrl);
  const result = extractPage(html, pageUrl, convertFlags(flags, profile));
  if (!result)
    throw new UsageError(
      `extract: ${pageUrl} is not a post of the ${profile.name} profile (its URL does not match pages.post${flags.url ? "" : "; give the page's address with --url"}); try --profile generic`,
    );
  const { post, doc, text } = result;
  if (g.json) {
    const out = {
      title: post.title,
      date: post.dateTime ?? post.date,
      tags: post.tags,
      markdown: doc.markdown,
      text,
      extractedBy: post.extractedBy,
      url: post.sourceUrl,
      images: post.images,
    };
    process.stdout.write(JSON.stringify(out) + "\n");
  } else process.stdout.write(doc.text);
  return EXIT.ok;
}
