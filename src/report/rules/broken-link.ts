// Rule broken-link: A link to another site that does not answer well.
import { finding, occurrencesWith } from "./link-findings.js";
import type { Rule } from "../finding.js";

export const brokenLink: Rule = {
  id: "broken-link",
  severity: "error",
  description: "A link to another site that does not answer well (404, 410, 5xx, timeout, DNS, refused …).",
  forPosts: () => (pc) =>
    occurrencesWith(pc, (v, internal, el) => v === "broken" && !internal && el !== "img").map(({ o, r }) =>
      finding(pc, o, `broken: ${r.reason ?? r.status}`),
    ),
};
