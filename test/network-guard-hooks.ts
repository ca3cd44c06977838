// After each test: it made no attempt to leave the loopback (see network-guard.ts). After each test
// file: the temporary folders it made are removed.
import { afterAll, afterEach, expect } from "vitest";
import "./network-guard.js";
import { removeTempDirs } from "./helpers.js";

afterAll(removeTempDirs);

const attempts = (globalThis as { __networkGuardAttempts?: string[] }).__networkGuardAttempts ?? [];

afterEach(() => {
  const tried = attempts.splice(0);
  expect(tried, "network guard: the test tried to reach addresses off the loopback").toEqual([]);
});
