import { defineConfig } from "vitest/config";

// Two suites (`vitest run` alone runs both):
// - unit (`npm test`, about two minutes on 2 cores): unit, golden and property tests, the real-consumer
//   checks (Hugo, Chromium, nginx, Apache) and one end-to-end migration of the replica;
// - e2e (`npm run test:e2e`): the slow end-to-end, CLI, package, archive, kill, fault and 50 MB-page
//   tests in test/e2e/.
// CI (.ci/run) runs both.
export default defineConfig({
  test: {
    // End-to-end tests start the replica server and a crawl: give them room, but never assert on time.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // No test may leave the loopback: connections and lookups elsewhere fail the test.
    setupFiles: ["test/network-guard-hooks.ts"],
    projects: [
      { extends: true, test: { name: "unit", include: ["test/*.test.ts"] } },
      { extends: true, test: { name: "e2e", include: ["test/e2e/**/*.test.ts"] } },
    ],
  },
});
