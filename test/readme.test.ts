// The README's command reference is each command's --help as it is now (regenerate: npm run readme),
// and the README starts with the two commands a new user needs.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS, commandReference, END, START } from "../scripts/readme-commands.js";
import { cli, ROOT } from "./helpers.js";

describe("README", () => {
  it("holds every command's current --help (npm run readme regenerates it)", async () => {
    const helps = new Map<string, string>();
    for (const args of [["--help"], ...COMMANDS.map((c) => [c, "--help"])]) {
      const r = await cli(args);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.stdout, args.join(" ")).toMatch(args[0] === "--help" ? /Usage/ : /Example/);
      helps.set(args.join(" "), r.stdout);
    }
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = START + (readme.split(START)[1]?.split(END)[0] ?? "") + END;
    expect(section).toBe(commandReference((args) => helps.get(args.join(" ")) ?? ""));
  });

  it("starts with npm install, npm run demo, npm test and npm run test:e2e", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    expect(
      firstBlock
        .split("\n")
        .filter(Boolean)
        .map((l) => l.split("#")[0]?.trim()),
    ).toEqual(["npm install", "npm run demo", "npm test", "npm run test:e2e"]);
  });
});
