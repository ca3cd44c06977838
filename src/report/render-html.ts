// report.html: one self-contained file that opens offline (no network, no external script or style):
// the summary on top, three bar charts (posts per month, broken links by host, findings by rule), and
// tables a person can sort (click a heading) and filter (text, severity), each finding linking to the
// old URL. The data is the report itself, embedded as JSON; the page's script only draws it.
import { htmlText, safeHref } from "../escape/html.js";
import { reportPage } from "./page.js";
import type { Report } from "./report.js";

const STYLE = `
body{font:15px/1.45 system-ui,sans-serif;margin:2rem;color:#222;max-width:80rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #ccc;border-radius:6px;padding:.6rem 1rem;min-width:8rem}
.card b{display:block;font-size:1.6rem}.error b{color:#b00020}.warning b{color:#a15c00}.info b{color:#1a5276}
.charts{display:flex;gap:2rem;flex-wrap:wrap}.chart{flex:1 1 22rem}.bar{display:flex;align-items:center;gap:.4rem;font-size:.85rem}
.bar span:first-child{width:10rem;text-align:right;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.bar i{display:inline-block;height:.9rem;background:#1a5276}
table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{border-bottom:1px solid #ddd;padding:.3rem .4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{cursor:pointer;background:#f4f4f4;position:sticky;top:0}th:after{content:" ↕";color:#999}
.sev-error{color:#b00020}.sev-warning{color:#a15c00}.sev-info{color:#1a5276}
.filters{display:flex;gap:.6rem;margin:.6rem 0}input,select{font:inherit;padding:.2rem .4rem}`;

// The page's script (page.ts), written as its own source text and run at once. A build may wrap named
// functions in a __name helper (esbuild's keepNames): the page gets a stand-in for it.
const SCRIPT = `var __name = function (f) { return f; };\n(${reportPage.toString()})();`;

export function renderHtml(r: Report): string {
  const s = r.summary;
  const card = (cls: string, id: string, label: string, n: number) =>
    `<div class="card ${cls}"><b data-count="${id}">${n}</b>${htmlText(label)}</div>`;
  // Every address the page may link to, decided here rather than in the page's script.
  const hrefs: Record<string, true> = {};
  for (const u of [...r.findings.flatMap((f) => [f.postUrl, f.url]), ...r.links.flatMap((l) => [l.url, l.finalUrl])])
    if (u && safeHref(u) !== undefined) hrefs[u] = true;
  // "</" or "<!--" inside the embedded JSON would end the script element early: "<" is written \u003c.
  const data = JSON.stringify({ ...r, hrefs })
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
  return `<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>mia-migrate: content and link report</title><style>${STYLE}</style></head>
<body>
<h1>Content and link report</h1>
<div class="cards">
${card("", "posts", "posts", s.posts)}
${card("", "links", "unique links", s.links.unique)}
${card("error", "broken", "broken links", s.links.broken)}
${card("warning", "redirected", "redirected", s.links.redirected)}
${card("info", "unverifiable", "unverifiable", s.links.unverifiable)}
${card("error", "errors", "errors", s.findings.error)}
${card("warning", "warnings", "warnings", s.findings.warning)}
${card("info", "infos", "info", s.findings.info)}
</div>
<div class="charts">
<div class="chart"><h2>Posts per month</h2><div id="chart-months"></div></div>
<div class="chart"><h2>Broken links by host</h2><div id="chart-hosts"></div></div>
<div class="chart"><h2>Findings by rule</h2><div id="chart-rules"></div></div>
</div>
<h2>Findings</h2>
<div class="filters"><input id="filter" type="search" placeholder="Filter findings" aria-label="Filter findings">
<select id="severity" aria-label="Severity"><option value="">all severities</option><option>error</option><option>warning</option><option>info</option></select></div>
<table id="findings"></table>
<h2>Links</h2>
<div class="filters"><input id="filter-links" type="search" placeholder="Filter links" aria-label="Filter links"></div>
<table id="links"></table>
<script type="application/json" id="report-data">${data}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
