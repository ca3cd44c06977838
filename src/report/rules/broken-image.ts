// Rule broken-image: An image or embedded resource that cannot be loaded.
import { finding, occurrencesWith } from "./link-findings.js";
import type { Rule } from "../finding.js";

export const brokenImage: Rule = {
  id: "broken-image",
  severity: "error",
  description: "An image or embedded resource that cannot be loaded.",
  forPosts: () => (pc) =>
    occurrencesWith(pc, (v, _i, el) => v === "broken" && el !== "a").map(({ o, r }) =>
      finding(pc, o, `broken: ${r.reason ?? r.status}`),
    ),
};
