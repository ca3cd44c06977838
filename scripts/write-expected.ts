// Writes fixtures/expected/ from the replica's content source (fixtures/content/): the ground truth the
// tests compare the migration with. Run after editing the content: `npm run fixtures:expected`.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadContent } from "../fixtures/site/content.js";
import { expectedAll } from "../fixtures/site/expected.js";

const dir = fileURLToPath(new URL("../fixtures/expected/", import.meta.url));
const content = loadContent();
const posts = expectedAll(content);
rmSync(dir + "posts", { recursive: true, force: true });
mkdirSync(dir + "posts", { recursive: true });
for (const p of posts) writeFileSync(`${dir}posts/${p.id}.json`, JSON.stringify(p, null, 2) + "\n");
const index = {
  posts: posts.length,
  ids: posts.map((p) => p.id),
  brokenLinks: posts.flatMap((p) =>
    p.links
      .filter((l) => l.verdict === "broken")
      .map((l) => ({ post: p.id, href: l.href, text: l.text, reason: l.reason })),
  ),
};
writeFileSync(dir + "index.json", JSON.stringify(index, null, 2) + "\n");
console.log(`wrote ${posts.length} posts and index.json to ${dir}`);
