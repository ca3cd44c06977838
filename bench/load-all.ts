// Half of bench:floor's floor: `cheerio.load` of every HTML page a wget crawl saved (the least a
// migration must do with each page: parse it). Usage: tsx bench/load-all.ts <dir> [parse5|htmlparser2];
// prints the count and the seconds spent reading and parsing. parse5 (cheerio's default) is the floor
// the issue set; htmlparser2 is the parser mia-migrate reads pages with (src/extract/own-html.ts).
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { load } from "cheerio";
import { HTMLPARSER2 } from "../src/extract/own-html.js";

const options = process.argv[3] === "htmlparser2" ? HTMLPARSER2 : undefined;

let pages = 0;
const walk = (dir: string): void => {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else {
      const bytes = readFileSync(full);
      const head = bytes.subarray(0, 200).toString("latin1").trimStart().toLowerCase();
      if (!head.startsWith("<!doctype html") && !head.startsWith("<html")) continue;
      load(bytes.toString("utf8"), options);
      pages++;
    }
  }
};
// Timed inside the process: the floor is the reading and parsing, not node's and tsx's start-up.
const t0 = performance.now();
walk(process.argv[2] ?? ".");
console.log(JSON.stringify({ pages, seconds: (performance.now() - t0) / 1000 }));
