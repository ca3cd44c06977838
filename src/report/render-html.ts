// report.html: one self-contained file that opens offline (no network, no external script or style):
// the summary on top, three bar charts (posts per month, broken links by host, findings by rule), and
// tables a person can sort (click a heading) and filter (text, severity), each finding linking to the
// old URL. The data is the report itself, embedded as JSON; the page's script only draws it.
import { htmlText, safeHref } from "../escape/html.js";
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

// The page's script: plain DOM, no library. It reads the JSON the file carries and draws charts and tables.
const SCRIPT = `
const report = JSON.parse(document.getElementById("report-data").textContent);
const el = (tag, attrs, ...kids) => { const e = document.createElement(tag); for (const [k, v] of Object.entries(attrs || {})) { if (k === "text") e.textContent = v; else e.setAttribute(k, v); } for (const k of kids) e.append(k); return e; };
function chart(id, pairs) {
  const box = document.getElementById(id); const max = Math.max(1, ...pairs.map((p) => p[1]));
  if (pairs.length === 0) box.append(el("p", { text: "none" }));
  for (const [label, n] of pairs) { const bar = el("div", { class: "bar" }, el("span", { text: label, title: label }), el("i", { style: "width:" + Math.round((n / max) * 16) + "rem" }), el("span", { text: String(n) })); box.append(bar); }
}
chart("chart-months", Object.entries(report.summary.postsPerMonth).sort());
const hosts = {}; for (const l of report.links) if (l.verdict === "broken") { let h = l.url; try { h = new URL(l.url).host; } catch {} hosts[h] = (hosts[h] || 0) + 1; }
chart("chart-hosts", Object.entries(hosts).sort((a, b) => b[1] - a[1]));
chart("chart-rules", Object.entries(report.summary.byRule).sort((a, b) => b[1] - a[1]));
function table(id, columns, rows, filterBox, severityBox) {
  const t = document.getElementById(id); const head = el("tr"); const body = el("tbody"); let sortBy = -1, dir = 1;
  columns.forEach((c, i) => { const th = el("th", { text: c.title }); th.addEventListener("click", () => { dir = sortBy === i ? -dir : 1; sortBy = i; draw(); }); head.append(th); });
  t.append(el("thead", {}, head), body);
  function draw() {
    const q = filterBox ? filterBox.value.toLowerCase() : ""; const sev = severityBox ? severityBox.value : "";
    let shown = rows.filter((r) => (!q || columns.some((c) => String(c.value(r) ?? "").toLowerCase().includes(q))) && (!sev || r.severity === sev));
    if (sortBy >= 0) { const c = columns[sortBy]; shown = [...shown].sort((a, b) => { const x = c.value(a) ?? "", y = c.value(b) ?? ""; return (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "sv")) * dir; }); }
    body.replaceChildren(...shown.map((r) => el("tr", {}, ...columns.map((c) => { const td = el("td"); td.append(c.cell ? c.cell(r) : String(c.value(r) ?? "")); return td; }))));
    t.dataset.rows = String(shown.length);
  }
  if (filterBox) filterBox.addEventListener("input", draw); if (severityBox) severityBox.addEventListener("change", draw); draw();
}
// Only the addresses the page was given as safe (report.hrefs, from escape/html.ts) become links:
// a javascript:, data: or vbscript: URL from a post is shown as text.
const link = (href, text) => href && Object.hasOwn(report.hrefs, href) ? el("a", { href, text: text || href }) : (text || href || "");
table("findings", [
  { title: "Severity", value: (f) => f.severity, cell: (f) => el("span", { class: "sev-" + f.severity, text: f.severity }) },
  { title: "Rule", value: (f) => f.rule },
  { title: "Post", value: (f) => f.postId, cell: (f) => link(f.postUrl, f.postId) },
  { title: "File", value: (f) => f.file ? f.file + (f.line ? ":" + f.line : "") : "" },
  { title: "Text", value: (f) => f.text },
  { title: "Link", value: (f) => f.url, cell: (f) => link(f.url) },
  { title: "What", value: (f) => f.message },
], report.findings, document.getElementById("filter"), document.getElementById("severity"));
table("links", [
  { title: "URL", value: (l) => l.url, cell: (l) => link(l.url) },
  { title: "Verdict", value: (l) => l.verdict },
  { title: "Status", value: (l) => l.status },
  { title: "Reason", value: (l) => l.reason },
  { title: "Final URL", value: (l) => l.finalUrl, cell: (l) => link(l.finalUrl) },
], report.links, document.getElementById("filter-links"));`;

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
