// A WACZ package (https://specs.webrecorder.net/wacz/1.1.1/) of one run: its WARC and the earlier WARCs
// its revisits refer to, the merged CDXJ index, a pages list, and datapackage.json with every file's
// sha256, so ReplayWeb.page opens the run on its own. The zip is "stored" (WARCs are gzip already), as
// the spec recommends for the WARCs.
import { createHash } from "node:crypto";
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs";
import { makeZip } from "client-zip";

export interface WaczFile {
  /** Path inside the package, e.g. archive/mia-20261201103000.warc.gz */
  path: string;
  data: Buffer;
}

export interface WaczInput {
  title: string;
  software: string;
  created: string;
  mainPageUrl: string;
  mainPageDate: string;
  warcs: { name: string; file: string }[];
  cdxj: string[];
  pages: { url: string; ts: string; title?: string }[];
}

const sha256 = (b: Buffer) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

export function waczFiles(input: WaczInput): WaczFile[] {
  const files: WaczFile[] = input.warcs.map((w) => ({ path: `archive/${w.name}`, data: readFileSync(w.file) }));
  files.push({ path: "indexes/index.cdxj", data: Buffer.from(input.cdxj.join("\n") + "\n") });
  const pages = [
    JSON.stringify({ format: "json-pages-1.0", id: "pages", title: "All Pages" }),
    ...input.pages.map((p, i) =>
      JSON.stringify({ id: String(i + 1), url: p.url, ts: p.ts, ...(p.title ? { title: p.title } : {}) }),
    ),
  ];
  files.push({ path: "pages/pages.jsonl", data: Buffer.from(pages.join("\n") + "\n") });
  const datapackage = {
    profile: "data-package",
    wacz_version: "1.1.1",
    title: input.title,
    created: input.created,
    software: input.software,
    mainPageUrl: input.mainPageUrl,
    mainPageDate: input.mainPageDate,
    resources: files.map((f) => ({
      name: f.path.split("/").pop() ?? f.path,
      path: f.path,
      hash: sha256(f.data),
      bytes: f.data.length,
    })),
  };
  const dp = Buffer.from(JSON.stringify(datapackage, null, 2) + "\n");
  files.push({ path: "datapackage.json", data: dp });
  files.push({
    path: "datapackage-digest.json",
    data: Buffer.from(JSON.stringify({ path: "datapackage.json", hash: sha256(dp) }, null, 2) + "\n"),
  });
  return files;
}

/** The files as a zip of stored (uncompressed) entries, written to `path` and synced. client-zip (the
 *  streaming zip writer Browsertrix packages its WACZ files with) writes each entry's CRC and sizes in a
 *  data descriptor and the central directory, and ZIP64 records when a file or offset needs them. */
export async function writeZip(path: string, files: readonly WaczFile[], date = new Date()): Promise<void> {
  const zip = makeZip(
    files.map((f) => ({ name: f.path, lastModified: date, input: f.data })),
    { buffersAreUTF8: true },
  );
  const fd = openSync(path, "w");
  try {
    const reader = zip.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) writeSync(fd, chunk.value);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
