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
}

export function renderDocument(fm: Frontmatter, markdown: string): string {
  const yaml = stringify(fm, { lineWidth: 0, defaultStringType: "PLAIN", defaultKeyType: "PLAIN" });
  return `---\n${yaml}---\n\n${markdown}`;
}
