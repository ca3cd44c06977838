// Frontmatter, always through the yaml library: titles with ", ', :, #, --- or a leading - or [ break
// hand-built YAML (the most common bug of migration tools), and a library never does.
import { stringify } from "yaml";

export interface Frontmatter {
  title: string;
  date: string;
  slug: string;
  tags: string[];
  description: string;
  draft: boolean;
  aliases: string[];
  images: { src: string; alt: string; caption: string | null }[];
  source_url: string;
  source_id: string;
  /** Eleventy only: the page's URL, so that it matches the rewritten links and redirects. */
  permalink?: string;
}

export interface FrontmatterFields {
  /** Field → the name to write it under (e.g. description → summary). */
  rename: Readonly<Record<string, string>>;
  /** Fields left out. */
  drop: readonly string[];
}

export const ALL_FIELDS: FrontmatterFields = { rename: {}, drop: [] };

export function renderDocument(fm: Frontmatter, markdown: string, fields: FrontmatterFields = ALL_FIELDS): string {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fm)) if (!fields.drop.includes(k)) out[fields.rename[k] ?? k] = v;
  const yaml = stringify(out, { lineWidth: 0 });
  return `---\n${yaml}---\n\n${markdown}`;
}
