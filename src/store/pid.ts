// Whether a process still runs: for a lock or a temporary file a run left behind, whose owner may have been
// killed (kill -9) or may still be at work.
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, but not ours to signal
  }
}
