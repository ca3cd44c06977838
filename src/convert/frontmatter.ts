// Frontmatter: the fields a post's Markdown file starts with, written by escape/yaml.ts.
import { frontmatterYaml } from "../escape/yaml.js";

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
  // The date stays a plain scalar, which Hugo, Eleventy and Astro read as a date.
  const yaml = frontmatterYaml(out, new Set([fields.rename.date ?? "date"]));
  return `---\n${yaml}---\n\n${markdown}`;
}
