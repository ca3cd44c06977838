// The crawl's scheduler: tasks run through a queue of bounded concurrency; a task to try again later
// waits on a timer outside the queue (no slot is held while sleeping); stopping ends every wait and
// lets queued tasks return at once. `idle` resolves when every task scheduled, and every task those
// scheduled, is done.
import PQueue from "p-queue";

export class TaskScheduler<T> {
  private readonly queue: PQueue;
  /** Tasks scheduled and not yet done (waiting on a timer, queued or running), plus the start's hold. */
  private outstanding = 1;
  private stopping = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private finish: () => void = () => {};
  private readonly done = new Promise<void>((r) => (this.finish = r));

  constructor(
    concurrency: number,
    private readonly run: (task: T) => Promise<void>,
    private readonly onError: (task: T, err: unknown) => void,
  ) {
    this.queue = new PQueue({ concurrency });
  }

  get stopped(): boolean {
    return this.stopping;
  }

  /** Tasks scheduled and not yet done, the one asking included. */
  get pending(): number {
    return this.outstanding - 1;
  }

  schedule(task: T, delayMs = 0): void {
    if (this.stopping) return;
    this.outstanding++;
    const enqueue = () => {
      void this.queue
        .add(async () => (this.stopping ? undefined : this.run(task)))
        .catch((err: unknown) => this.onError(task, err))
        .finally(() => this.settle());
    };
    if (delayMs <= 0) return enqueue();
    const t = setTimeout(() => {
      this.timers.delete(t);
      enqueue(); // the timer's hold on `outstanding` passes to the queued task
    }, delayMs);
    this.timers.add(t);
  }

  /** Stops: no task starts any more, waits end. False when it had already stopped. */
  stop(): boolean {
    if (this.stopping) return false;
    this.stopping = true;
    for (const t of this.timers) {
      clearTimeout(t);
      this.timers.delete(t);
      this.settle();
    }
    // Queued tasks see `stopping` and return at once, so every hold on `outstanding` is released.
    return true;
  }

  /** Once the first tasks are scheduled: from now on, the scheduler is idle when they are all done. */
  async idle(): Promise<void> {
    this.settle(); // the start's hold, which kept an early finish from firing
    await this.done;
    await this.queue.onIdle();
  }

  private settle(): void {
    this.outstanding--;
    if (this.outstanding === 0) this.finish();
  }
}
