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

const OUTCOMES: readonly TaskOutcome[] = ['done', 'cancelled', 'failed'];

/** Text to show: a string as it is, a number as its digits, anything else (not text) as nothing. */
const asText = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
/** A time or a row: a finite number, else 0. */
const asNumber = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : 0;

/**
 * Builds a Timeline from the worker's events as they stream in. Every field is made a string or a number
 * here, whatever the worker sent: the page checks its messages (message-check.ts), and a value that still
 * slipped by renders as text, never as markup, and an outcome it does not know shows as failed rather than
 * breaking the view.
 */
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
        case 'task': {
          const row = asNumber(event.row);
          this.tasks.set(row, {
            row,
            name: asText(event.name),
            coro: asText(event.coro),
            created: asNumber(event.t),
            ended: null,
            outcome: 'pending',
            runs: [],
            error: null,
          });
          this.seen(event.t);
          break;
        }
        case 'run':
          this.tasks
            .get(asNumber(event.row))
            ?.runs.push({ from: asNumber(event.from), to: asNumber(event.to) });
          this.seen(event.to);
          break;
        case 'end': {
          const task = this.tasks.get(asNumber(event.row));
          if (task)
            Object.assign(task, {
              ended: asNumber(event.t),
              outcome: OUTCOMES.includes(event.outcome) ? event.outcome : 'failed',
              name: asText(event.name),
              error: typeof event.error === 'string' ? event.error : null,
            });
          this.seen(event.t);
          break;
        }
        case 'finish':
          this.finished = true;
          this.dropped = asNumber(event.dropped);
          this.seen(event.t);
          break;
      }
    }
    for (const mark of marks) {
      this.marks.push({
        t: asNumber(mark.t),
        stream: mark.stream === 'stderr' ? 'stderr' : 'stdout',
        text: asText(mark.text),
      });
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

  private seen(t: unknown) {
    const time = asNumber(t);
    if (time > this.end) this.end = time;
  }
}

/** Milliseconds a task spent running its own code. */
export function runningTime(task: TimelineTask): number {
  return task.runs.reduce((sum, run) => sum + (run.to - run.from), 0);
}
