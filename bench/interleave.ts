// Interleaved measurement for every bench (issue 20): the sides run in turn, round after round (A B A B
// …, at least 3 rounds), so that a machine that slows down or speeds up mid-bench slows both; each side's
// min and median are printed, and the ratio of each side to the peer is taken within a round, then its
// min and median. A figure in the README or a note is one of these lines.
import { spawn } from "node:child_process";

export const ROUNDS = Math.max(3, Number(process.env.PAIRS ?? process.env.BENCH_RUNS ?? 3));

export interface Run {
  seconds: number;
  /** Peak resident set size, when measured. */
  rssMB?: number;
  /** How many URLs (pages, links …) the run handled: printed so that a reader sees both sides did the same work. */
  count?: number;
}

export interface Side {
  name: string;
  run: () => Promise<Run>;
}

export interface Measured {
  side: Side;
  runs: Run[];
}

export const min = (xs: readonly number[]): number => Math.min(...xs);
export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** Runs every side once per round, in the order given, for `rounds` rounds. */
export async function interleave(sides: readonly Side[], rounds = ROUNDS): Promise<Measured[]> {
  const out: Measured[] = sides.map((side) => ({ side, runs: [] }));
  for (let r = 0; r < rounds; r++)
    for (const m of out) {
      const run = await m.side.run();
      m.runs.push(run);
      process.stderr.write(`  round ${r + 1}/${rounds}: ${m.side.name}: ${run.seconds.toFixed(2)} s\n`);
    }
  return out;
}

/** Prints each side's min and median time (and count, RSS), then each side's ratio to `peer` by round. */
export function report(measured: readonly Measured[], peer: Measured, unit = "s"): void {
  console.table(
    measured.map((m) => {
      const t = m.runs.map((r) => r.seconds);
      const counts = [...new Set(m.runs.map((r) => r.count).filter((c) => c !== undefined))];
      const rss = m.runs.map((r) => r.rssMB).filter((x): x is number => x !== undefined);
      return {
        side: m.side.name,
        [`min ${unit}`]: min(t).toFixed(2),
        [`median ${unit}`]: median(t).toFixed(2),
        ...(counts.length ? { URLs: counts.join("/") } : {}),
        ...(rss.length ? { "peak RSS MiB": Math.round(Math.max(...rss)) } : {}),
      };
    }),
  );
  for (const m of measured) if (m !== peer) printRatio(m, peer);
}

/** The ratio of one side's time to another's, round by round: its min and median. */
export function printRatio(m: Measured, peer: Measured): void {
  const ratios = m.runs.map((r, i) => r.seconds / (peer.runs[i]?.seconds ?? NaN));
  console.log(
    `ratio ${m.side.name} / ${peer.side.name}: min ${min(ratios).toFixed(2)}, median ${median(ratios).toFixed(2)} (${ratios.length} rounds)`,
  );
}

/** A command's wall time and peak RSS (GNU time), stdout kept. */
export function timed(
  cmd: string,
  args: readonly string[],
  cwd: string,
): Promise<{ seconds: number; rssMB: number; stdout: string; code: number }> {
  return new Promise((resolve) => {
    const child = spawn("/usr/bin/time", ["-f", "%e %M", cmd, ...args], { cwd });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => {
      const last = stderr.trim().split("\n").pop() ?? "";
      const [wall = "0", rss = "0"] = last.split(" ");
      resolve({ seconds: Number(wall), rssMB: Number(rss) / 1024, stdout, code: code ?? 1 });
    });
  });
}
