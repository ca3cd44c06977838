// The redirect files in the servers that read them: old paths holding a tab, a newline, quotes, $, a
// backslash, spaces, NBSP and Swedish letters (as an old site's URLs can) are written so that nginx
// (`nginx -t`, then a live nginx) and Apache (`apache2 -t`, then a live Apache reading .htaccess)
// accept the files and send every old path to its new page. Debian's nginx and apache2 packages; .ci/run
// installs them.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { htaccess, netlifyRedirects, nginxMap, type RedirectEntry } from "../src/convert/redirects.js";
import { tempDir } from "./helpers.js";

const NGINX = "/usr/sbin/nginx";
const APACHE = "/usr/sbin/apache2";
const MODULES = "/usr/lib/apache2/modules";
const hasNginx = existsSync(NGINX);
const hasApache = existsSync(APACHE) && existsSync(join(MODULES, "mod_rewrite.so"));
if ((!hasNginx || !hasApache) && process.env.CI)
  throw new Error("nginx and apache2 are needed: .ci/run installs them (apt-get install -y nginx apache2)");

/** Old paths as the old site's URLs held them (percent-encoded), each to its own new page. */
const OLD = [
  "tab%09inne",
  "ny%0Arad",
  "retur%0Dtecken",
  "citat%22tecken",
  "dollar%24tecken",
  "snedstreck%5Cbak",
  "med%20mellanslag",
  "hart%C2%A0mellanslag",
  "v%C3%A5rd-f%C3%B6r-alla",
  "semi%3Bkolon",
  "klammer%7B%7D",
  "apostrof%27",
  "procent%2525",
];
const entries: RedirectEntry[] = OLD.map((p, i) => ({
  from: `https://www.miaprojektet.se/2021/11/16/${p}-4500000${i}`,
  to: `/posts/2021/11/ny-${i}/`,
  postId: `4500000${i}`,
}));
// A NUL byte: the files must still parse (no server serves such a path, so it is not requested).
const withNul: RedirectEntry[] = [
  ...entries,
  { from: "https://www.miaprojektet.se/2021/11/16/nul%00byte-45000099", to: "/posts/2021/11/nul/", postId: "45000099" },
];

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** Asks for a raw (already percent-encoded) path; the answer's status and Location. */
function get(port: number, path: string): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method: "GET" }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, location: res.headers.location });
    });
    req.on("error", reject);
    req.end();
  });
}

async function waitFor(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await get(port, "/");
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`nothing listens on ${port}`);
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
});

async function expectEveryOldPathRedirects(port: number): Promise<void> {
  for (const [i, e] of entries.entries()) {
    const path = new URL(e.from).pathname;
    const r = await get(port, path);
    expect(r.status, path).toBe(301);
    expect(new URL(r.location ?? "", "http://x").pathname, path).toBe(`/posts/2021/11/ny-${i}/`);
  }
}

describe("_redirects (Netlify, Cloudflare Pages)", () => {
  it("has three fields a rule, whatever the path holds", () => {
    const rules = netlifyRedirects(withNul)
      .split("\n")
      .filter((l) => l && !l.startsWith("#"));
    expect(rules).toHaveLength(withNul.length);
    for (const r of rules) expect(r.split(/\s+/), r).toHaveLength(3);
  });
});

describe.skipIf(!hasNginx)("nginx", () => {
  it("accepts the map (nginx -t) and redirects every old path, live", async () => {
    const dir = tempDir("nginx-");
    const port = await freePort();
    writeFileSync(join(dir, "nginx-redirects.conf"), nginxMap(withNul));
    const temps = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
      .map((t) => `${t}_temp_path ${join(dir, t)};`)
      .join(" ");
    writeFileSync(
      join(dir, "nginx.conf"),
      `daemon off; master_process off; worker_processes 1; pid ${join(dir, "nginx.pid")}; error_log ${join(dir, "error.log")};
events { worker_connections 64; }
http { access_log off; ${temps}
  include ${join(dir, "nginx-redirects.conf")};
  server { listen 127.0.0.1:${port}; location / { if ($mia_redirect) { return 301 $mia_redirect; } return 404; } }
}
`,
    );
    const test = spawnSync(NGINX, ["-t", "-p", dir, "-c", join(dir, "nginx.conf")], { encoding: "utf8" });
    expect(test.status, test.stderr).toBe(0);
    children.push(spawn(NGINX, ["-p", dir, "-c", join(dir, "nginx.conf")], { stdio: "ignore" }));
    await waitFor(port);
    await expectEveryOldPathRedirects(port);
  }, 30_000);
});

describe.skipIf(!hasApache)("Apache", () => {
  it("accepts the rules (apache2 -t) and redirects every old path from .htaccess, live", async () => {
    const dir = tempDir("apache-");
    const port = await freePort();
    const www = join(dir, "www");
    mkdirSync(www);
    writeFileSync(join(www, ".htaccess"), htaccess(withNul));
    const modules = ["mpm_event", "authz_core", "rewrite"]
      .map((m) => `LoadModule ${m}_module ${join(MODULES, `mod_${m}.so`)}`)
      .join("\n");
    writeFileSync(
      join(dir, "httpd.conf"),
      `ServerRoot ${dir}
${modules}
Listen 127.0.0.1:${port}
ServerName localhost
PidFile ${join(dir, "httpd.pid")}
ErrorLog ${join(dir, "error.log")}
User nobody
Group nogroup
DocumentRoot ${www}
<Directory ${www}>
  AllowOverride All
  Require all granted
</Directory>
# The same rules in the server's own configuration, so that apache2 -t checks their syntax too.
<Directory ${join(dir, "checked")}>
  ${htaccess(withNul).split("\n").join("\n  ")}
</Directory>
`,
    );
    chmodSync(dir, 0o755);
    chmodSync(www, 0o755);
    const test = spawnSync(APACHE, ["-t", "-f", join(dir, "httpd.conf")], { encoding: "utf8" });
    expect(test.status, test.stderr).toBe(0);
    expect(test.stderr).toContain("Syntax OK");
    children.push(spawn(APACHE, ["-X", "-f", join(dir, "httpd.conf")], { stdio: "ignore" }));
    await waitFor(port);
    await expectEveryOldPathRedirects(port);
  }, 30_000);
});
