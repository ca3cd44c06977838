// The report page's own script, run in the reader's browser: plain DOM, no library. It reads the rows
// the page carries as JSON (already in the report's language: report/view.ts) and draws the two tables:
// sortable by a button in each heading (mouse or keyboard; aria-sort says the order), filterable by
// text and severity, with each cell labelled for the stacked rows of a narrow screen. A function here
// (type-checked and linted with the rest), written into report.html as its source text by
// render-html.ts: it must not use anything from outside its own body.
import type { LinkResult } from "../links/checker.js";
import type { Words } from "./messages.js";
import type { FindingView } from "./view.js";

/** What the page is given: its words, the rows, and the addresses it may turn into links. */
interface PageData {
  ui: Words["ui"];
  rows: FindingView[];
  links: (LinkResult & { verdictLabel: string; reasonLabel?: string })[];
  hrefs: Record<string, true>;
}

export function reportPage(): void {
  const data = document.getElementById("report-data")?.textContent ?? "{}";
  const report = JSON.parse(data) as PageData;
  const ui = report.ui;
  const el = (tag: string, attrs: Record<string, string> = {}, ...kids: (Node | string)[]): HTMLElement => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "text") e.textContent = v;
      else e.setAttribute(k, v);
    }
    for (const k of kids) e.append(k);
    return e;
  };

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
    countBox: HTMLElement | null,
    severityBox: HTMLSelectElement | null = null,
  ): void => {
    const t = document.getElementById(id);
    if (!t) return;
    const head = el("tr");
    const body = el("tbody");
    const ths: HTMLElement[] = [];
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
      ths.forEach((th, i) => {
        if (i === sortBy) th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
        else th.removeAttribute("aria-sort");
      });
      body.replaceChildren(
        ...shown.map((r) =>
          el(
            "tr",
            {},
            ...columns.map((col) =>
              el("td", { "data-label": col.title }, col.cell ? col.cell(r) : String(col.value(r) ?? "")),
            ),
          ),
        ),
      );
      t.dataset.rows = String(shown.length);
      if (countBox) countBox.textContent = shown.length + " / " + rows.length;
    };
    columns.forEach((c, i) => {
      const button = el("button", { type: "button", text: c.title, title: ui.sortHint + ": " + c.title });
      button.addEventListener("click", () => {
        dir = sortBy === i ? -dir : 1;
        sortBy = i;
        draw();
      });
      const th = el("th", { scope: "col" }, button);
      ths.push(th);
      head.append(th);
    });
    t.append(el("thead", {}, head), body);
    filterBox?.addEventListener("input", draw);
    severityBox?.addEventListener("change", draw);
    draw();
  };
  // Only the addresses the page was given as safe (report.hrefs, from escape/html.ts) become links:
  // a javascript:, data: or vbscript: URL from a post is shown as text.
  // Shown as people read it ("studiebesök", not "studiebes%C3%B6k"); the href stays as it is.
  const readable = (url: string): string => {
    try {
      return decodeURI(url);
    } catch {
      return url;
    }
  };
  const link = (href: string | undefined, text?: string): Node | string =>
    href && Object.hasOwn(report.hrefs, href)
      ? el("a", { href, text: text || readable(href) })
      : text || readable(href ?? "");
  const c = ui.columns;
  table<FindingView>(
    "findings",
    [
      {
        title: c.severity,
        value: (f) => ["error", "warning", "info"].indexOf(f.severity),
        cell: (f) => el("span", { class: "sev sev-" + f.severity, text: f.severityLabel }),
      },
      { title: c.rule, value: (f) => f.title },
      {
        title: c.post,
        value: (f) => f.postTitle || f.postId,
        cell: (f) => (f.postId ? link(f.postUrl, f.postTitle || f.postId) : ui.site),
      },
      { title: c.file, value: (f) => (f.file ? f.file + (f.line ? ":" + f.line : "") : "") },
      {
        title: c.text,
        value: (f) => (f.text === f.url ? "" : /^https?:\/\//i.test(f.text) ? readable(f.text) : f.text),
      },
      { title: c.link, value: (f) => f.url, cell: (f) => link(f.url) },
      { title: c.what, value: (f) => (f.sentence ? f.sentence + ". " : "") + ui.todo + ": " + f.todo },
    ],
    report.rows,
    document.getElementById("filter") as HTMLInputElement | null,
    document.getElementById("findings-count"),
    document.getElementById("severity") as HTMLSelectElement | null,
  );
  table<PageData["links"][number]>(
    "links",
    [
      { title: c.url, value: (l) => l.url, cell: (l) => link(l.url) },
      { title: c.verdict, value: (l) => l.verdictLabel },
      { title: c.status, value: (l) => l.status },
      { title: c.reason, value: (l) => l.reasonLabel },
      { title: c.finalUrl, value: (l) => l.finalUrl, cell: (l) => link(l.finalUrl) },
    ],
    report.links,
    document.getElementById("filter-links") as HTMLInputElement | null,
    document.getElementById("links-count"),
  );
}
