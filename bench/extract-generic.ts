// Benchmark (issue 19): the generic profile's body extraction against Readability.js + jsdom (Mozilla's
// reader view, the peer the field quotes), on the shared article-extraction set: 120 real pages with
// hand-made ground truth. Prints F1, precision and recall for both (the set's own scoring rule, see
// bench/article-set.ts), on all pages and on the 32 pages kept back while the extractor's rules were
// written, and the time per page from interleaved runs (ours, theirs, ours, theirs …: PAIRS pairs).
// Run: `npm run bench:extract-generic` (PAIRS=3 by default).
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability } from "@mozilla/readability";
import { extractPost, type ExtractOptions } from "../src/extract/post.js";
import { postText } from "../src/extract/block-text.js";
import { genericProfile } from "../src/profiles/profile.js";
import { articleSetPresent, isKeptBack, loadArticleSet, scorePage, scoreSet, type ArticlePage } from "./article-set.js";

const PAIRS = Math.max(3, Number(process.env.PAIRS ?? 3));
if (!articleSetPresent()) {
  console.error("bench: ../shared/data/article-extraction is not there; this bench needs the shared article set");
  process.exit(1);
}
const pages = loadArticleSet();
const OPTS: ExtractOptions = { leadMaxChars: 300, typography: true };

/** What `mia-migrate extract --profile generic --json` prints as `text` (and, for the record, with captions). */
function ours(p: ArticlePage, captions = false): string {
  const post = extractPost(p.html, p.url, genericProfile(p.url), OPTS);
  return post ? postText(post.bodyHtml, { captions }) : "";
}
function readability(p: ArticlePage): string {
  const dom = new JSDOM(p.html, { url: p.url, virtualConsole: new VirtualConsole() });
  const text = new Readability(dom.window.document).parse()?.textContent ?? "";
  dom.window.close();
  return text;
}

function timeAll(fn: (p: ArticlePage) => string): number {
  const t = performance.now();
  for (const p of pages) fn(p);
  return (performance.now() - t) / pages.length;
}

// Scores (deterministic: one run each).
const results = pages.map((p) => ({
  key: p.key,
  ours: scorePage(ours(p), p.truth),
  oursCaptions: scorePage(ours(p, true), p.truth),
  peer: scorePage(readability(p), p.truth),
}));
const row = (name: string, pick: (r: (typeof results)[number]) => ReturnType<typeof scorePage>) => {
  const all = scoreSet(results.map(pick));
  const dev = scoreSet(results.filter((r) => !isKeptBack(r.key)).map(pick));
  const kept = scoreSet(results.filter((r) => isKeptBack(r.key)).map(pick));
  return {
    extractor: name,
    F1: all.f1.toFixed(3),
    precision: all.precision.toFixed(3),
    recall: all.recall.toFixed(3),
    [`F1 tuned-on (${dev.pages})`]: dev.f1.toFixed(3),
    [`F1 kept back (${kept.pages})`]: kept.f1.toFixed(3),
  };
};
console.log(`bench: ${pages.length} pages of the shared article-extraction set, body text vs hand-made ground truth`);
console.table([
  row("mia-migrate generic (text)", (r) => r.ours),
  row("  same, captions included", (r) => r.oursCaptions),
  row("Readability.js + jsdom", (r) => r.peer),
]);

// Time per page, interleaved; a warm-up pass each first so JIT compilation is not measured.
timeAll(ours);
timeAll(readability);
const a: number[] = [];
const b: number[] = [];
for (let i = 0; i < PAIRS; i++) {
  a.push(timeAll(ours));
  b.push(timeAll(readability));
}
const ratios = a.map((x, i) => x / (b[i] as number));
const min = (xs: number[]) => Math.min(...xs);
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
console.log(
  `time per page, ${PAIRS} interleaved pairs: mia-migrate min ${min(a).toFixed(1)} ms, median ${median(a).toFixed(1)} ms; ` +
    `Readability + jsdom min ${min(b).toFixed(1)} ms, median ${median(b).toFixed(1)} ms`,
);
console.log(
  `ratio ours/theirs: min ${min(ratios).toFixed(2)}, median ${median(ratios).toFixed(2)} (goal: at most 0.33)`,
);
