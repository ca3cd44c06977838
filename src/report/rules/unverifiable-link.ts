// Rule unverifiable-link: A link behind a bot wall: counted apart, never failing a run.
import { finding, occurrencesWith } from "./link-findings.js";
import type { Rule } from "../finding.js";

export const unverifiableLink: Rule = {
  id: "unverifiable-link",
  severity: "info",
  description: "A link behind a bot wall (999, 403 challenge, 429): not checked, never fails a run.",
  forPosts: () => (pc) =>
    occurrencesWith(pc, (v) => v === "unverifiable").map(({ o, r }) =>
      finding(pc, o, `could not be verified: ${r.reason}`),
    ),
};
