// YAML output (frontmatter): always through the yaml library, never built by hand (titles with ", ',
// :, #, --- or a leading - or [ break hand-built YAML, the most common bug of migration tools). The
// library writes YAML 1.2, where "2021-01-01", "yes" or "1:20" are plain strings; but Eleventy's
// js-yaml reads 2021-01-01 as a date, and YAML 1.1 readers (go-yaml v2, PyYAML) read yes as true and
// 1:20 as 80. So every string value that a YAML 1.1 reader would take for something else is quoted.
// Fields named in `plainKeys` (the post's date) stay unquoted on purpose: generators read them as dates.
import { Document, isScalar, isSeq, parse, visit } from "yaml";

/** Could a YAML 1.1 reader take this plain scalar for a bool, null, number or date? (1.1's implicit
 *  types all start with a digit, a sign, a dot or a tilde, or are one of its bool and null words.) */
function misreadIn11(s: string): boolean {
  if (/^(?:y|n|yes|no|true|false|on|off|null)$/i.test(s)) return true;
  if (!/^[-+.~\d]/.test(s) || s.length > 64) return false;
  // Digits alone (a post's id, a year) are a number to every reader, quoted without asking the parser:
  // the parse was a tenth of the frontmatter's cost. (Quoting one the reader would not misread is harmless.)
  if (/^\d+$/.test(s)) return true;
  try {
    return typeof parse(s, { version: "1.1" }) !== "string";
  } catch {
    return true;
  }
}

/** `data` as YAML, with every string a YAML 1.1 reader would misread quoted. */
export function frontmatterYaml(data: Record<string, unknown>, plainKeys: ReadonlySet<string> = new Set()): string {
  const doc = new Document(data);
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && plainKeys.has(String(pair.key.value))) return visit.SKIP;
      return undefined;
    },
    Scalar(_, node) {
      if (typeof node.value === "string" && misreadIn11(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  return doc.toString({ lineWidth: 0 });
}

/** One value as a YAML flow scalar or sequence on one line (a profile written with comments beside
 *  its keys, probe/profile-yaml.ts): through the yaml library, so quotes, colons and # are safe. */
export function yamlInline(value: string | readonly string[]): string {
  const doc = new Document(value);
  if (isSeq(doc.contents)) doc.contents.flow = true;
  return doc.toString({ lineWidth: 0 }).trimEnd();
}

/** Text as a YAML comment: one line, after "# ". */
export function yamlComment(text: string): string {
  return `# ${text.replace(/[\r\n\u2028\u2029]+/g, " ").trim()}`;
}
