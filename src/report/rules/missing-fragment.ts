// Rule missing-fragment: A #fragment into an old-site page that has no such id.
import { finding } from "./link-findings.js";
import type { Rule } from "../finding.js";

export const missingFragment: Rule = {
  id: "missing-fragment",
  severity: "warning",
  description: "A link to a #fragment that no element of the old site's page carries.",
  forPosts: () => (pc) =>
    pc.missingFragments.map((o) =>
      finding(pc, o, `no element with id "${decodeURIComponent(o.url.split("#")[1] ?? "")}" on the page`),
    ),
};
