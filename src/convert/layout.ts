// Where a post and its files go in the output, per static-site generator, and the URL the generator will
// give the page (for rewritten links and redirects).
//   plain     posts/YYYY/MM/<slug>.md, files in assets/            → /posts/YYYY/MM/<slug>/
//   hugo      content/posts/YYYY/<slug>/index.md, files beside it  → /posts/YYYY/<slug>/ (a page bundle)
//   eleventy  posts/YYYY-MM-DD-<slug>.md, files in assets/         → /posts/YYYY/MM/<slug>/ (set as permalink)

export const LAYOUTS = ["plain", "hugo", "eleventy"] as const;
export type LayoutName = (typeof LAYOUTS)[number];

export interface Place {
  /** The Markdown file, relative to the output directory. */
  file: string;
  /** The page's URL path on the new site. */
  url: string;
  /** Where this post's files are written, relative to the output directory. */
  assetDir: string;
  /** How the Markdown refers to a file of this post, given its file name. */
  assetUrl(name: string): string;
}

export function placeOf(layout: LayoutName, date: string, slug: string): Place {
  const [y = "0000", m = "00"] = date.split("-");
  switch (layout) {
    case "hugo":
      return {
        file: `content/posts/${y}/${slug}/index.md`,
        url: `/posts/${y}/${slug}/`,
        assetDir: `content/posts/${y}/${slug}`,
        assetUrl: (n) => n,
      };
    case "eleventy":
      return {
        file: `posts/${date}-${slug}.md`,
        url: `/posts/${y}/${m}/${slug}/`,
        assetDir: "assets",
        assetUrl: (n) => `/assets/${n}`,
      };
    case "plain":
      return {
        file: `posts/${y}/${m}/${slug}.md`,
        url: `/posts/${y}/${m}/${slug}/`,
        assetDir: "assets",
        assetUrl: (n) => `/assets/${n}`,
      };
  }
}

/** Files a layout writes so that its generator builds the output as it is, by path. Eleventy copies
 *  nothing it is not told to: without this config, `npx @11ty/eleventy` in the output builds every post
 *  with broken images. It also keeps the report, the redirect files and the snapshot out of the site. */
export function layoutFiles(layout: LayoutName): Record<string, string> {
  if (layout !== "eleventy") return {};
  return {
    "eleventy.config.mjs": `// Written by mia-migrate (--layout eleventy), so that \`npx @11ty/eleventy\` here builds the posts as
// they are. Moving posts/ and assets/ into a site of your own? Add the passthrough copy to its config.
export default function (eleventyConfig) {
  // The posts' images and files: Eleventy copies only what it is told to.
  eleventyConfig.addPassthroughCopy("assets");
  // mia-migrate's own output beside the posts is not part of the site.
  for (const dir of ["report", "redirects", "snapshot", ".mia-migrate"]) eleventyConfig.ignores.add(\`\${dir}/**\`);
}
`,
  };
}

/** Top-level folders a layout writes posts and files into; an earlier run's leftovers there are removed. */
export function ownedDirs(layout: LayoutName): string[] {
  return layout === "hugo" ? ["content"] : ["posts", "assets"];
}

/** The page URL a Markdown file of the output becomes: its permalink, else what its place implies (the
 *  reverse of placeOf, for reading an output folder back). */
export function pageUrlOf(file: string, text: string): string | undefined {
  const permalink = /^permalink: (\S+)$/m.exec(text.split("\n---\n")[0] ?? "")?.[1];
  if (permalink) return permalink.replace(/^["']|["']$/g, "");
  let m = /^content\/(.+)\/index\.md$/.exec(file);
  if (m) return `/${m[1]}/`;
  m = /^(posts\/.+)\.md$/.exec(file);
  return m ? `/${m[1]}/` : undefined;
}
