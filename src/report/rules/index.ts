// Every QA rule, in the order the report lists them. Add a rule: a file in this folder, then a line here.
import type { Rule } from "../finding.js";
import { doubledCaption, duplicateSlug, duplicateTitle, encodingDamage, imageWithoutText, manualHyphenation, noTags, shortPost, templateText } from "./content.js";
import { conversionRules } from "./conversion.js";
import { brokenImage, brokenLink, deadInternalLink, httpLink, missingFragment, redirectedLink, unverifiableLink } from "./links.js";
import { missingTarget } from "./targets.js";
import { spelling } from "./spelling.js";

export const RULES: readonly Rule[] = [
  brokenLink,
  brokenImage,
  deadInternalLink,
  missingFragment,
  redirectedLink,
  unverifiableLink,
  httpLink,
  missingTarget,
  imageWithoutText,
  doubledCaption,
  shortPost,
  noTags,
  duplicateTitle,
  duplicateSlug,
  encodingDamage,
  manualHyphenation,
  templateText,
  spelling,
  ...conversionRules,
];
