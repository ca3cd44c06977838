// The README's library examples, run as a user would paste them: the archive run, then the migration,
// link check, verify and a conversion from the archive. Only what cannot be the same here is replaced:
// the package name (the source here), the origins (the replica serves the blog and the hosts it links to), the politeness (our own server) and the
// paths (a temporary folder). If an example stops compiling or working, this fails.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { cliProcess, ROOT, tempDir, useReplica } from "../helpers.js";

const replica = useReplica();

/** The ```ts blocks of the README's "Library" section, in order. */
function libraryExamples(): string[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.split("\n## Library\n")[1]?.split("\n## ")[0] ?? "";
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
}

function runScript(file: string, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const [tsxImport, tsx, guardImport, guard] = cliProcess([]).argv;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsxImport ?? "", tsx ?? "", guardImport ?? "", guard ?? "", file], {
      cwd,
      env: cliProcess([]).env,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe("the README's library examples", () => {
  it("run as written against the replica: archive run, migration, link check, verify, convert from the archive", async () => {
    const [migration, archiveRun] = libraryExamples();
    expect(migration).toContain("checkLinks(");
    expect(archiveRun).toContain("snapshotRun(");
    const dir = tempDir();
    const adapt = (code: string) =>
      code
        .replaceAll('from "mia-migrate"', `from ${JSON.stringify(pathToFileURL(join(ROOT, "src/index.ts")).href)}`)
        .replaceAll("parseOriginMap([])", `parseOriginMap(["*=${replica.server.url}"])`)
        .replaceAll("crawlSettings()", "crawlSettings({ perHostGapMs: 0, perHostConcurrency: 4 })")
        .replaceAll('"/srv/mia/archive"', JSON.stringify(join(dir, "archive")));
    // The archive run first (the migration's last step converts from it), each in its own module scope.
    writeFileSync(join(dir, "archive-run.mts"), adapt(archiveRun ?? ""));
    writeFileSync(join(dir, "migration.mts"), adapt(migration ?? ""));
    const first = await runScript(join(dir, "archive-run.mts"), dir);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^\d{14} /);
    const second = await runScript(join(dir, "migration.mts"), dir);
    expect(second.stderr).toBe("");
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^67 posts, \d+ broken links, 0 differences\n$/);
    expect(existsSync(join(dir, "site/report/report.json"))).toBe(true);
    expect(readFileSync(join(dir, "site-from-archive/redirects/redirects.json"), "utf8")).toBe(
      readFileSync(join(dir, "site/redirects/redirects.json"), "utf8"),
    );
  });
});
