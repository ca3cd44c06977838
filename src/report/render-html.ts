// report.html: one self-contained file that opens offline (no network, no external script or style),
// in the report's language (report/messages.ts). On top the summary; then every post with findings, by
// title, with what to do (written here, readable without script and in print); three bar charts; then
// every finding and every link in tables a person can sort (a heading's button, by mouse or
// keyboard) and filter, drawn by the page's script from the rows it carries as JSON. From a phone's
// 390 px up: the cards form a grid, the charts take the width they have, the tables become stacked rows.
import { htmlAttr, htmlText, safeHref } from "../escape/html.js";
import type { Lang, Words } from "./messages.js";
import { formatMonth, formatNumber, ruleWords } from "./messages.js";
import { reportPage } from "./page.js";
import type { Report } from "./report.js";
import { fromReportDir, readableUrl, reportView, shownText, type FindingView, type PostView } from "./view.js";

const STYLE = `
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;padding:1rem;color:#1b1b1b;max-width:72rem;overflow-wrap:anywhere}
h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.25rem;margin-top:2.2rem}h3{font-size:1.05rem;margin:0 0 .2rem}
a{color:#0b4f8a}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #0b4f8a;outline-offset:2px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(7.5rem,1fr));gap:.4rem;padding:0;margin:0;list-style:none}
.card{border:1px solid #bbb;border-radius:6px;padding:.3rem .5rem;font-size:.85rem;line-height:1.25}.card b{display:block;font-size:1.35rem}
.sev{display:inline-block;border-radius:4px;padding:0 .4rem;font-size:.85rem;font-weight:600;border:1px solid}
.sev-error{color:#9b001b;border-color:#9b001b}.sev-warning{color:#7a4500;border-color:#7a4500}.sev-info{color:#0b4f8a;border-color:#0b4f8a}
.sev-error:before{content:"✖ "}.sev-warning:before{content:"▲ "}.sev-info:before{content:"ℹ "}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,20rem),1fr));gap:1rem 2rem}
.bars{list-style:none;padding:0;margin:0;font-size:.85rem}
.bars li{display:grid;grid-template-columns:minmax(0,12rem) minmax(0,1fr) 3rem;gap:.4rem;align-items:center}
.bars .label{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;text-align:right}
.bars .track{display:block;height:.8rem}.bars .fill{display:block;height:100%;background:#0b4f8a;min-width:2px}
.toc{display:flex;flex-wrap:wrap;gap:.2rem 1rem;list-style:none;padding:0;margin:0 0 1rem}
.post{border-top:1px solid #ccc;padding:.8rem 0;break-inside:avoid}
.meta{margin:0 0 .4rem;font-size:.9rem;color:#444}
.findings{margin:0;padding-left:1.1rem}.findings li{margin:.35rem 0}
.todo{display:block;font-size:.9rem}.todo b{font-weight:600}
code{font-size:.85em;background:#f3f3f3;padding:0 .2rem}
.filters{display:flex;flex-wrap:wrap;gap:.6rem;margin:.6rem 0}input,select,button{font:inherit}
input,select{padding:.3rem .4rem;border:1px solid #767676;border-radius:4px;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #ddd;padding:.3rem .4rem;text-align:left;vertical-align:top}
th{background:#f2f2f2;position:sticky;top:0}
th button{all:unset;cursor:pointer;font-weight:600}th button:focus-visible{outline:3px solid #0b4f8a}
th button:after{content:" ↕";color:#555}th[aria-sort=ascending] button:after{content:" ↑"}th[aria-sort=descending] button:after{content:" ↓"}
.count{font-size:.9rem;color:#444}
@media (max-width:44rem){
 body{padding:.75rem}
 .bars li{grid-template-columns:minmax(0,9rem) minmax(0,1fr) 2.5rem}
 .cards{grid-template-columns:repeat(3,minmax(0,1fr))}
 table,tbody,tr,td{display:block;width:100%}
 thead tr{display:flex;flex-wrap:wrap;gap:.3rem .8rem;background:#f2f2f2;padding:.3rem}
 thead th{background:none;position:static;border:0;padding:0}
 tr{border-bottom:1px solid #bbb;padding:.3rem 0}td{border:0;padding:.1rem 0}
 td:before{content:attr(data-label) ": ";font-weight:600}
 td:empty{display:none}
}
@media print{
 body{max-width:none;padding:0;font-size:11pt}.filters,.toc,#table-view,#links-view{display:none}
 a{color:inherit}.post a[href^="http"]:after{content:" (" attr(href) ")";font-size:.8em}
 .fill{print-color-adjust:exact;-webkit-print-color-adjust:exact}
}`;

// The page's script (page.ts), written as its own source text and run at once. A build may wrap named
// functions in a __name helper (esbuild's keepNames): the page gets a stand-in for it.
const SCRIPT = `var __name = function (f) { return f; };\n(${reportPage.toString()})();`;

/** An address as a link, if it is safe to follow (escape/html.ts); else as text. */
function link(url: string | undefined, text: string = readableUrl(url ?? "")): string {
  const href = safeHref(url);
  return href ? `<a href="${htmlAttr(href)}">${htmlText(text)}</a>` : htmlText(text);
}

function bars(w: Words, pairs: [string, number][]): string {
  if (pairs.length === 0) return `<p>${htmlText(w.ui.none)}</p>`;
  const max = Math.max(1, ...pairs.map((p) => p[1]));
  const rows = pairs.map(
    ([label, n]) =>
      `<li><span class="label" title="${htmlAttr(label)}">${htmlText(label)}</span>` +
      `<span class="track" aria-hidden="true"><span class="fill" style="width:${((n / max) * 100).toFixed(1)}%"></span></span>` +
      `<span>${formatNumber(w, n)}</span></li>`,
  );
  return `<ul class="bars">${rows.join("")}</ul>`;
}

function findingItem(w: Words, f: FindingView): string {
  const what = f.text && f.text !== f.url ? ` ”${htmlText(shownText(f.text))}”` : "";
  const where = f.url ? ` ${link(f.url)}` : "";
  const line = f.file && f.line ? ` <span class="count">(${htmlText(w.ui.line)} ${f.line})</span>` : "";
  const final = f.finalUrl ? ` → ${link(f.finalUrl)}` : "";
  return (
    `<li><span class="sev sev-${f.severity}">${htmlText(f.severityLabel)}</span> <strong>${htmlText(f.title)}</strong>${f.sentence ? ": " : ""}` +
    `${f.sentence ? `${htmlText(f.sentence)}.` : ""}${what}${where}${final}${line}` +
    `<span class="todo"><b>${htmlText(w.ui.todo)}:</b> ${htmlText(f.todo)}</span></li>`
  );
}

function postSection(w: Words, p: PostView): string {
  const { post } = p;
  const file = post.file
    ? ` · ${htmlText(w.ui.newFile)}: <a href="${htmlAttr(fromReportDir(post.file))}"><code>${htmlText(post.file)}</code></a>`
    : "";
  return `<section class="post" id="post-${htmlAttr(post.id)}" aria-labelledby="title-${htmlAttr(post.id)}">
<h3 id="title-${htmlAttr(post.id)}">${htmlText(post.title || post.id)}</h3>
<p class="meta"><time datetime="${htmlAttr(post.date)}">${htmlText(p.date)}</time> · ${link(post.url, w.ui.oldPage)}${file}</p>
<ul class="findings">${p.findings.map((f) => findingItem(w, f)).join("")}</ul>
</section>`;
}

export function renderHtml(r: Report, lang: Lang = "en"): string {
  return [...htmlChunks(r, lang)].join("");
}

// "</" or "<!--" inside the embedded JSON would end the script element early: "<" is written \u003c
// (and the two line separators JavaScript once read as line ends, escaped too).
const scriptJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** report.html piece by piece, each post's section on its own: written as it is made (check.ts), the
 *  report of 10,000 posts is never one string of tens of MB. */
export function* htmlChunks(r: Report, lang: Lang = "en"): Generator<string> {
  const v = reportView(r, lang);
  const w = v.words;
  const s = r.summary;
  const card = (id: string, label: string, n: number) =>
    `<li class="card"><b data-count="${id}">${formatNumber(w, n)}</b>${htmlText(label)}</li>`;
  // Every address the page's script may link to, decided here rather than in the page.
  const hrefs: Record<string, true> = {};
  for (const f of v.rows)
    for (const u of [f.postUrl, f.url, f.finalUrl]) if (u && safeHref(u) !== undefined) hrefs[u] = true;
  for (const l of r.links) for (const u of [l.url, l.finalUrl]) if (u && safeHref(u) !== undefined) hrefs[u] = true;
  const hosts: Record<string, number> = {};
  for (const l of r.links) {
    if (l.verdict !== "broken") continue;
    let h = l.url;
    try {
      h = new URL(l.url).host;
    } catch {
      /* not a URL: counted as written */
    }
    hosts[h] = (hosts[h] ?? 0) + 1;
  }
  const byRule = Object.entries(s.byRule)
    .sort((a, b) => b[1] - a[1])
    .map(([id, n]): [string, number] => [ruleWords(w, id).title, n]);
  const site = v.site.length
    ? `<section class="post" id="site"><h3>${htmlText(w.ui.site)}</h3><ul class="findings">${v.site.map((f) => findingItem(w, f)).join("")}</ul></section>`
    : "";
  yield `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>mia-migrate: ${htmlText(w.ui.title)}</title><style>${STYLE}</style></head>
<body>
<main>
<h1>${htmlText(w.ui.title)}</h1>
<nav aria-label="${htmlAttr(w.ui.contents)}"><ul class="toc"><li><a href="#by-post">${htmlText(w.ui.byPost)}</a></li><li><a href="#charts">${htmlText(w.ui.charts)}</a></li><li><a href="#table-view">${htmlText(w.ui.table)}</a></li><li><a href="#links-view">${htmlText(w.ui.links)}</a></li></ul></nav>
<h2 id="summary">${htmlText(w.ui.summary)}</h2>
<ul class="cards">
${card("posts", w.ui.posts, s.posts)}
${card("links", w.ui.uniqueLinks, s.links.unique)}
${card("broken", w.ui.brokenLinks, s.links.broken)}
${card("redirected", w.ui.redirectedLinks, s.links.redirected)}
${card("unverifiable", w.ui.unverifiableLinks, s.links.unverifiable)}
${card("errors", w.ui.severityCounts.error, s.findings.error)}
${card("warnings", w.ui.severityCounts.warning, s.findings.warning)}
${card("infos", w.ui.severityCounts.info, s.findings.info)}
</ul>
<h2 id="by-post">${htmlText(w.ui.byPost)}</h2>
<p>${htmlText(v.rows.length ? w.ui.byPostIntro : w.ui.noFindings)}</p>
${site}
`;
  for (const p of v.posts) yield postSection(w, p) + "\n";
  yield `<h2 id="charts">${htmlText(w.ui.charts)}</h2>
<div class="charts">
<section><h3>${htmlText(w.ui.postsPerMonth)}</h3>${bars(
    w,
    Object.entries(s.postsPerMonth)
      .sort()
      .map(([m, n]): [string, number] => [formatMonth(w, m), n]),
  )}</section>
<section><h3>${htmlText(w.ui.brokenByHost)}</h3>${bars(
    w,
    Object.entries(hosts).sort((a, b) => b[1] - a[1]),
  )}</section>
<section><h3>${htmlText(w.ui.findingsByRule)}</h3>${bars(w, byRule)}</section>
</div>
<section id="table-view"><h2>${htmlText(w.ui.table)}</h2>
<p>${htmlText(w.ui.tableIntro)}</p>
<div class="filters"><input id="filter" type="search" placeholder="${htmlAttr(w.ui.filter)}" aria-label="${htmlAttr(w.ui.filter)}">
<select id="severity" aria-label="${htmlAttr(w.ui.severity)}"><option value="">${htmlText(w.ui.allSeverities)}</option><option value="error">${htmlText(w.ui.severities.error)}</option><option value="warning">${htmlText(w.ui.severities.warning)}</option><option value="info">${htmlText(w.ui.severities.info)}</option></select>
<span class="count" id="findings-count" aria-live="polite"></span></div>
<table id="findings"></table></section>
<section id="links-view"><h2>${htmlText(w.ui.links)}</h2>
<div class="filters"><input id="filter-links" type="search" placeholder="${htmlAttr(w.ui.filterLinks)}" aria-label="${htmlAttr(w.ui.filterLinks)}">
<span class="count" id="links-count" aria-live="polite"></span></div>
<table id="links"></table></section>
</main>
<script type="application/json" id="report-data">{"ui":${scriptJson(w.ui)},"hrefs":${scriptJson(hrefs)},"rows":[`;
  // The rows and links one by one (PageData in page.ts).
  for (const [i, row] of v.rows.entries()) yield (i ? "," : "") + scriptJson(row);
  yield `],"links":[`;
  for (const [i, l] of r.links.entries())
    yield (
      (i ? "," : "") +
      scriptJson({
        ...l,
        verdictLabel: w.ui.verdicts[l.verdict],
        ...(l.verdict === "ok" ? {} : { reasonLabel: w.reason(l) }),
      })
    );
  yield `]}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
