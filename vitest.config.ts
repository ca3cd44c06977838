import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // End-to-end tests start the replica server and a crawl: give them room, but never assert on time.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // No test may leave the loopback: connections and lookups elsewhere fail the test.
    setupFiles: ["test/network-guard-hooks.ts"],
  },
});
