// Rule redirected-link: A link that moved permanently: the report gives the URL to use.
import { finding, occurrencesWith } from "./link-findings.js";
import type { Rule } from "../finding.js";

export const redirectedLink: Rule = {
  id: "redirected-link",
  severity: "warning",
  description: "A link that redirects permanently: update it to the final URL.",
  forPosts: () => (pc) =>
    occurrencesWith(pc, (v, internal) => v === "redirected" && !internal)
      .filter(({ r }) => r.permanent)
      .map(({ o, r }) =>
        finding(
          pc,
          o,
          `moved permanently to ${r.finalUrl} (${r.chain.length} redirect${r.chain.length > 1 ? "s" : ""})`,
        ),
      ),
};
