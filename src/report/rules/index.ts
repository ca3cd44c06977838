// Every QA rule, in the order the report lists them. Add a rule: a file in this folder, then a line here.
import type { Rule } from "../finding.js";
import { detectedRules } from "./detected.js";
import { brokenImage } from "./broken-image.js";
import { brokenLink } from "./broken-link.js";
import { deadInternalLink } from "./dead-internal-link.js";
import { doubledCaption } from "./doubled-caption.js";
import { duplicateSlug } from "./duplicate-slug.js";
import { duplicateTitle } from "./duplicate-title.js";
import { encodingDamage } from "./encoding-damage.js";
import { httpLink } from "./http-link.js";
import { imageWithoutText } from "./image-without-alt.js";
import { manualHyphenation } from "./manual-hyphenation.js";
import { missingFragment } from "./missing-fragment.js";
import { noTags } from "./no-tags.js";
import { redirectedLink } from "./redirected-link.js";
import { shortPost } from "./short-post.js";
import { templateText } from "./template-text.js";
import { unverifiableLink } from "./unverifiable-link.js";
import { missingTarget } from "./missing-target.js";
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
  ...detectedRules,
];
