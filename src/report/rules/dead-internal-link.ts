// Rule dead-internal-link: A link to a page of the old site that does not exist.
import { finding, occurrencesWith } from "./link-findings.js";
import type { Rule } from "../finding.js";

export const deadInternalLink: Rule = {
  id: "dead-internal-link",
  severity: "error",
  description: "A link to a page of the old site that does not exist (404) or could not be fetched.",
  forPosts: () => (pc) =>
    occurrencesWith(pc, (v, internal, el) => v === "broken" && internal && el === "a").map(({ o, r }) =>
      finding(pc, o, `dead internal link: ${r.status ?? r.reason}`),
    ),
};
