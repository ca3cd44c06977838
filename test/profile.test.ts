// A broken profile is one line naming the file, the key and what is expected.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { readFileSync } from "node:fs";
import { DEFAULT_PROFILE_PATH, loadProfile } from "../src/profiles/profile.js";
import { UsageError } from "../src/config/errors.js";
import { FLAGS } from "../src/cli/run.js";
import { tempDir } from "./helpers.js";

const base = parse(readFileSync(DEFAULT_PROFILE_PATH, "utf8")) as Record<string, unknown>;

function withChange(change: (p: Record<string, unknown>) => void): string {
  const copy = structuredClone(base);
  change(copy);
  const file = join(tempDir(), "profile.yaml");
  writeFileSync(file, stringify(copy));
  return file;
}

function errorOf(file: string): string {
  try {
    loadProfile(file);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  return "no error";
}

describe("profile validation", () => {
  it("loads the MIA profile", () => {
    const p = loadProfile();
    expect(p.origin).toBe("https://www.miaprojektet.se");
    expect(p.pages.post.exec("/2018/11/27/stora-könsskillnader-i-mia-projektets-asf-41098605")?.groups?.id).toBe(
      "41098605",
    );
  });

  it("names an unknown key", () => {
    const file = withChange((p) => ((p.post as Record<string, unknown>).titel = "h1"));
    expect(errorOf(file)).toBe(
      `profile ${file}: post.titel: unknown key (known keys: container, title, body, tags, image, imageCaption, strip, titleSuffix, date)`,
    );
  });

  it("names a selector that does not parse", () => {
    const file = withChange((p) => ((p.post as Record<string, unknown>).body = ".h-blogpost-body[["));
    expect(errorOf(file)).toBe(`profile ${file}: post.body: ".h-blogpost-body[[" is not a valid CSS selector`);
  });

  it("names a missing required field", () => {
    const file = withChange((p) => delete (p.post as Record<string, unknown>).title);
    expect(errorOf(file)).toBe(`profile ${file}: post.title: expected a non-empty string (missing)`);
  });

  it("names a pattern that is not a regular expression, or lacks the post id", () => {
    const bad = withChange((p) => ((p.pages as Record<string, unknown>).archive = "^/i/(a"));
    expect(errorOf(bad)).toMatch(new RegExp(`^profile ${bad}: pages\\.archive: not a valid regular expression`));
    const noId = withChange((p) => ((p.pages as Record<string, unknown>).post = "^/\\d{4}/.*$"));
    expect(errorOf(noId)).toBe(`profile ${noId}: pages.post: the pattern must capture the post id as (?<id>…)`);
  });

  it("names the line of broken YAML, and a file that is not there", () => {
    const file = join(tempDir(), "broken.yaml");
    writeFileSync(file, "name: mia\npost:\n  title: [unclosed\n");
    expect(errorOf(file)).toMatch(new RegExp(`^profile ${file}: line \\d+: not valid YAML`));
    // The library names its option; the command line words the same error with its flag.
    expect(errorOf("/nonexistent/mia.yaml")).toBe(
      "profile /nonexistent/mia.yaml: cannot be read (ENOENT); check the profile path",
    );
    try {
      loadProfile("/nonexistent/mia.yaml");
    } catch (err) {
      expect((err as UsageError).worded(FLAGS)).toBe(
        "profile /nonexistent/mia.yaml: cannot be read (ENOENT); check the --profile path",
      );
    }
  });
});
