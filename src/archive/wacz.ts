// A WACZ package (https://specs.webrecorder.net/wacz/1.1.1/) of one run: its WARC and the earlier WARCs
// its revisits refer to, the merged CDXJ index, a pages list, and datapackage.json with every file's
// sha256, so ReplayWeb.page opens the run on its own. The zip is "stored" (WARCs are gzip already), as
// the spec recommends for the WARCs, and written with node:zlib's crc32: no zip dependency.
import { createHash } from "node:crypto";
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs";
import { crc32 } from "node:zlib";

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

/** A zip of stored (uncompressed) entries; sizes stay under 4 GiB here, so no ZIP64. */
export function writeZip(path: string, files: readonly WaczFile[], date = new Date()): void {
  const fd = openSync(path, "w");
  let offset = 0;
  const write = (b: Buffer) => {
    writeSync(fd, b);
    offset += b.length;
  };
  // MS-DOS date and time, as zip wants them.
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const central: Buffer[] = [];
  try {
    for (const f of files) {
      const name = Buffer.from(f.path, "utf8");
      const crc = crc32(f.data);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4); // version needed
      local.writeUInt16LE(0x0800, 6); // UTF-8 names
      local.writeUInt16LE(0, 8); // stored
      local.writeUInt16LE(dosTime, 10);
      local.writeUInt16LE(dosDate, 12);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(f.data.length, 18);
      local.writeUInt32LE(f.data.length, 22);
      local.writeUInt16LE(name.length, 26);
      local.writeUInt16LE(0, 28);
      const at = offset;
      write(local);
      write(name);
      write(f.data);
      const entry = Buffer.alloc(46);
      entry.writeUInt32LE(0x02014b50, 0);
      entry.writeUInt16LE(20, 4);
      entry.writeUInt16LE(20, 6);
      entry.writeUInt16LE(0x0800, 8);
      entry.writeUInt16LE(0, 10);
      entry.writeUInt16LE(dosTime, 12);
      entry.writeUInt16LE(dosDate, 14);
      entry.writeUInt32LE(crc, 16);
      entry.writeUInt32LE(f.data.length, 20);
      entry.writeUInt32LE(f.data.length, 24);
      entry.writeUInt16LE(name.length, 28);
      entry.writeUInt32LE(at, 42);
      central.push(entry, name);
    }
    const start = offset;
    for (const b of central) write(b);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(files.length, 8);
    end.writeUInt16LE(files.length, 10);
    end.writeUInt32LE(offset - start, 12);
    end.writeUInt32LE(start, 16);
    write(end);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
