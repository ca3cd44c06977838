// <table> → a GFM table. With a header row (<th> or <thead>) it is used as the header; without one, the
// table keeps all its rows as body rows under an empty header (GFM needs one), and that is a finding.
import type TurndownService from "turndown";
import { markdownInline } from "../../escape/markdown.js";
import type { ConvertContext } from "../context.js";
import { element, type ElementLike } from "../turndown-dom.js";

/** A cell's text on one line, escaped: markup shown as text in a cell stays text. */
function cellText(cell: ElementLike): string {
  return markdownInline((cell.textContent ?? "").replace(/\s+/g, " ").trim());
}

export function tableRule(ctx: ConvertContext): TurndownService.Rule {
  return {
    filter: "table",
    replacement(_content, node) {
      const rows = Array.from(element(node).querySelectorAll("tr"));
      if (rows.length === 0) return "";
      const cells = rows.map((r) => Array.from(r.children).filter((c) => c.nodeName === "TD" || c.nodeName === "TH"));
      const width = Math.max(...cells.map((c) => c.length));
      const line = (cs: string[]) => `| ${[...cs, ...Array<string>(width - cs.length).fill("")].join(" | ")} |`;
      const first = cells[0] ?? [];
      const hasHeader = first.length > 0 && first.every((c) => c.nodeName === "TH");
      if (!hasHeader)
        ctx.findings.push({
          rule: "table-without-header",
          message: "a table without a header row: written with an empty header",
          text: first.map(cellText).join(" | "),
        });
      const header = hasHeader ? line(first.map(cellText)) : line([]);
      const body = (hasHeader ? cells.slice(1) : cells).map((cs) => line(cs.map(cellText)));
      return `\n\n${[header, line(Array<string>(width).fill("---")), ...body].join("\n")}\n\n`;
    },
  };
}
