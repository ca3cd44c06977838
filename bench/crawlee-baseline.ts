// The baseline a user might write instead of mia-migrate (issue 8): a Crawlee CheerioCrawler that
// follows every link of the site and runs turndown on each post's body. No robots.txt, no journal, no
// normalisation, no images, no report. Usage: tsx bench/crawlee-baseline.ts <start-url> <out-dir>
// The replica's absolute links name www.miaprojektet.se; they are sent to the start URL's server.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CheerioCrawler } from "@crawlee/cheerio";
import TurndownService from "turndown";

const [start = "", out = "crawlee-out"] = process.argv.slice(2);
const target = new URL(start).origin;
const ORIGIN = "https://www.miaprojektet.se";
const turndown = new TurndownService({ headingStyle: "atx" });
mkdirSync(out, { recursive: true });
let posts = 0;

const crawler = new CheerioCrawler({
  maxRequestRetries: 3,
  maxConcurrency: 16,
  async requestHandler({ request, $, enqueueLinks }) {
    const id = /-(\d{8})$/.exec(new URL(request.url).pathname)?.[1];
    const body = $(".h-blogpost-body").first().html();
    if (id && body) {
      writeFileSync(join(out, `${id}.md`), `# ${$("h1").first().text().trim()}\n\n${turndown.turndown(body)}\n`);
      posts++;
    }
    await enqueueLinks({
      strategy: "all",
      transformRequestFunction: (req) => {
        if (req.url.startsWith(ORIGIN)) req.url = target + req.url.slice(ORIGIN.length);
        return req.url.startsWith(target) && !/\/(images|download)\//.test(req.url) ? req : false;
      },
    });
  },
});
await crawler.run([start]);
console.log(JSON.stringify({ posts }));
