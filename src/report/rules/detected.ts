// The kinds of problem found before the report (crawl, extraction, conversion) as report rules: one rule
// per kind of config/findings.ts, each passing on its findings as they are. A new kind is in the report
// the moment it is catalogued there.
import { DETECTED_KINDS, type DetectedKind } from "../../config/findings.js";
import type { Rule } from "../finding.js";

export const detectedRules: Rule[] = (Object.keys(DETECTED_KINDS) as DetectedKind[]).map((id) => ({
  id,
  severity: DETECTED_KINDS[id].severity,
  description: DETECTED_KINDS[id].description,
  check: (site) => site.detected.filter((f) => f.rule === id),
}));
