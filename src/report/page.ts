// The report page's own script, run in the reader's browser: plain DOM, no library. It reads the report
// the page carries as JSON and draws the charts and the sortable, filterable tables. A function here
// (type-checked and linted with the rest), written into report.html as its source text by
// render-html.ts: it must not use anything from outside its own body.
import type { Finding } from "./finding.js";
import type { LinkResult } from "../links/checker.js";

/** What the page is given: the report, and the addresses it may turn into links. */
interface PageData {
  summary: { postsPerMonth: Record<string, number>; byRule: Record<string, number> };
  findings: Finding[];
  links: LinkResult[];
  hrefs: Record<string, true>;
}

export function reportPage(): void {
  const data = document.getElementById("report-data")?.textContent ?? "{}";
  const report = JSON.parse(data) as PageData;
  const el = (tag: string, attrs: Record<string, string> = {}, ...kids: (Node | string)[]): HTMLElement => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "text") e.textContent = v;
      else e.setAttribute(k, v);
    }
    for (const k of kids) e.append(k);
    return e;
  };

  const chart = (id: string, pairs: [string, number][]): void => {
    const box = document.getElementById(id);
    if (!box) return;
    const max = Math.max(1, ...pairs.map((p) => p[1]));
    if (pairs.length === 0) box.append(el("p", { text: "none" }));
    for (const [label, n] of pairs) {
      const bar = el(
        "div",
        { class: "bar" },
        el("span", { text: label, title: label }),
        el("i", { style: "width:" + Math.round((n / max) * 16) + "rem" }),
        el("span", { text: String(n) }),
      );
      box.append(bar);
    }
  };
  chart("chart-months", Object.entries(report.summary.postsPerMonth).sort());
  const hosts: Record<string, number> = {};
  for (const l of report.links) {
    if (l.verdict !== "broken") continue;
    let h = l.url;
    try {
      h = new URL(l.url).host;
    } catch {
      /* not a URL: counted as written */
    }
    hosts[h] = (hosts[h] ?? 0) + 1;
  }
  chart(
    "chart-hosts",
    Object.entries(hosts).sort((a, b) => b[1] - a[1]),
  );
  chart(
    "chart-rules",
    Object.entries(report.summary.byRule).sort((a, b) => b[1] - a[1]),
  );

  interface Column<T> {
    title: string;
    value(row: T): string | number | undefined;
    cell?(row: T): Node | string;
  }
  const table = <T extends object>(
    id: string,
    columns: Column<T>[],
    rows: T[],
    filterBox: HTMLInputElement | null,
    severityBox: HTMLSelectElement | null = null,
  ): void => {
    const t = document.getElementById(id);
    if (!t) return;
    const head = el("tr");
    const body = el("tbody");
    let sortBy = -1;
    let dir = 1;
    const draw = (): void => {
      const q = filterBox ? filterBox.value.toLowerCase() : "";
      const sev = severityBox ? severityBox.value : "";
      let shown = rows.filter(
        (r) =>
          (!q ||
            columns.some((c) =>
              String(c.value(r) ?? "")
                .toLowerCase()
                .includes(q),
            )) &&
          (!sev || (r as { severity?: string }).severity === sev),
      );
      const c = columns[sortBy];
      if (c) {
        shown = [...shown].sort((a, b) => {
          const x = c.value(a) ?? "";
          const y = c.value(b) ?? "";
          return (
            (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "sv")) * dir
          );
        });
      }
      body.replaceChildren(
        ...shown.map((r) =>
          el("tr", {}, ...columns.map((col) => el("td", {}, col.cell ? col.cell(r) : String(col.value(r) ?? "")))),
        ),
      );
      t.dataset.rows = String(shown.length);
    };
    columns.forEach((c, i) => {
      const th = el("th", { text: c.title });
      th.addEventListener("click", () => {
        dir = sortBy === i ? -dir : 1;
        sortBy = i;
        draw();
      });
      head.append(th);
    });
    t.append(el("thead", {}, head), body);
    filterBox?.addEventListener("input", draw);
    severityBox?.addEventListener("change", draw);
    draw();
  };
  // Only the addresses the page was given as safe (report.hrefs, from escape/html.ts) become links:
  // a javascript:, data: or vbscript: URL from a post is shown as text.
  const link = (href: string | undefined, text?: string): Node | string =>
    href && Object.hasOwn(report.hrefs, href) ? el("a", { href, text: text || href }) : text || href || "";
  table<Finding>(
    "findings",
    [
      {
        title: "Severity",
        value: (f) => f.severity,
        cell: (f) => el("span", { class: "sev-" + f.severity, text: f.severity }),
      },
      { title: "Rule", value: (f) => f.rule },
      { title: "Post", value: (f) => f.postId, cell: (f) => link(f.postUrl, f.postId) },
      { title: "File", value: (f) => (f.file ? f.file + (f.line ? ":" + f.line : "") : "") },
      { title: "Text", value: (f) => f.text },
      { title: "Link", value: (f) => f.url, cell: (f) => link(f.url) },
      { title: "What", value: (f) => f.message },
    ],
    report.findings,
    document.getElementById("filter") as HTMLInputElement | null,
    document.getElementById("severity") as HTMLSelectElement | null,
  );
  table<LinkResult>(
    "links",
    [
      { title: "URL", value: (l) => l.url, cell: (l) => link(l.url) },
      { title: "Verdict", value: (l) => l.verdict },
      { title: "Status", value: (l) => l.status },
      { title: "Reason", value: (l) => l.reason },
      { title: "Final URL", value: (l) => l.finalUrl, cell: (l) => link(l.finalUrl) },
    ],
    report.links,
    document.getElementById("filter-links") as HTMLInputElement | null,
  );
}
