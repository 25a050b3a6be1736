import type { TimelineEvent, TimelineMark } from '../runtime/protocol.js';

/** How a task's row ends: still pending when the run ended, or its final state. */
export type TaskOutcome = 'pending' | 'done' | 'cancelled' | 'failed';

/** One asyncio task of a run, as the timeline draws it. Times are ms since the run started. */
export interface TimelineTask {
  /** 1-based, in creation order. */
  row: number;
  /** `Task.get_name()`, as it was when the task ended. */
  name: string;
  /** The coroutine's qualified name (`main`, `Worker.fetch`). */
  coro: string;
  created: number;
  /** When it finished; null while it runs, or when the run ended with it pending. */
  ended: number | null;
  outcome: TaskOutcome;
  /** The intervals in which the task's code ran; between them it waited. */
  runs: { from: number; to: number }[];
  /** `Type: message` of a failed task's exception. */
  error: string | null;
}

/** A run's task timeline: tasks in creation order, printed lines as markers. */
export interface Timeline {
  tasks: TimelineTask[];
  marks: TimelineMark[];
  /** The latest time known: the end of the run once `finished`. */
  end: number;
  finished: boolean;
  /** Tasks created beyond the most a timeline follows. */
  dropped: number;
}

/** Builds a Timeline from the worker's events as they stream in. */
export class TimelineBuilder {
  private readonly tasks = new Map<number, TimelineTask>();
  private readonly marks: TimelineMark[] = [];
  private end = 0;
  private finished = false;
  private dropped = 0;

  /** Adds what the worker sent. */
  apply(events: readonly TimelineEvent[], marks: readonly TimelineMark[] = []): void {
    for (const event of events) {
      switch (event.kind) {
        case 'task':
          this.tasks.set(event.row, {
            row: event.row,
            name: event.name,
            coro: event.coro,
            created: event.t,
            ended: null,
            outcome: 'pending',
            runs: [],
            error: null,
          });
          this.seen(event.t);
          break;
        case 'run':
          this.tasks.get(event.row)?.runs.push({ from: event.from, to: event.to });
          this.seen(event.to);
          break;
        case 'end': {
          const task = this.tasks.get(event.row);
          if (task)
            Object.assign(task, {
              ended: event.t,
              outcome: event.outcome,
              name: event.name,
              error: event.error,
            });
          this.seen(event.t);
          break;
        }
        case 'finish':
          this.finished = true;
          this.dropped = event.dropped;
          this.seen(event.t);
          break;
      }
    }
    for (const mark of marks) {
      this.marks.push(mark);
      this.seen(mark.t);
    }
  }

  /** The timeline so far; a new object each time, so a view can tell it changed. */
  timeline(): Timeline {
    const tasks = [...this.tasks.values()].sort((a, b) => a.row - b.row);
    return {
      tasks: tasks.map((task) => ({ ...task, runs: [...task.runs] })),
      marks: [...this.marks],
      end: this.end,
      finished: this.finished,
      dropped: this.dropped,
    };
  }

  private seen(t: number) {
    if (t > this.end) this.end = t;
  }
}

/** Milliseconds a task spent running its own code. */
export function runningTime(task: TimelineTask): number {
  return task.runs.reduce((sum, run) => sum + (run.to - run.from), 0);
}
