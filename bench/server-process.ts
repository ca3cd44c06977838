// Starts the replica server in its own process (so a benchmark's client and server do not share one
// event loop), and waits for the URL it prints.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** `posts`: a generated replica of that many posts; undefined, the real 67-post replica. */
export async function startServerProcess(
  posts?: number,
  env: Record<string, string> = {},
): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "fixtures/serve.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", REPLICA_POSTS: posts === undefined ? "" : String(posts), ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`replica server exited (${code ?? "signal"})`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
