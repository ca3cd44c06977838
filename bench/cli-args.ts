// What every bench passes to our command line: the replica's start page, and politeness off towards our
// own loopback server (the peers run unthrottled too, each bench says how).
export const START = "https://www.miaprojektet.se/aktuellt-39586750";

/** Every origin sent to the replica, no gap between requests, 16 in flight (`perHost` to one host). */
export function unthrottled(serverUrl: string, perHost = 16): string[] {
  return [
    "--map-origin",
    `*=${serverUrl}`,
    "--host-gap",
    "0",
    "--host-concurrency",
    String(perHost),
    "--concurrency",
    "16",
  ];
}
