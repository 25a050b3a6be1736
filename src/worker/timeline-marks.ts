import type { OutputStream, TimelineEvent, TimelineMark } from '../runtime/protocol.js';

/** The most output lines marked on one run's timeline; a flood of output would only hide the tasks. */
const MAX_MARKS = 1000;
/** The most characters of a line kept for its marker's label. */
const MAX_TEXT = 120;

/**
 * Turns a run's output into timeline markers: one per printed line, at the time its end was written.
 * Times are milliseconds since `t0`, the clock of the run's timeline.
 */
export class TimelineMarks {
  private pending: TimelineMark[] = [];
  private partial: Record<OutputStream, string> = { stdout: '', stderr: '' };
  private count = 0;

  constructor(private readonly t0: number) {}

  write(stream: OutputStream, text: string): void {
    if (this.count >= MAX_MARKS) return;
    const lines = (this.partial[stream] + text).split('\n');
    this.partial[stream] = (lines.pop() ?? '').slice(0, MAX_TEXT + 1);
    if (lines.length === 0) return;
    const t = performance.now() - this.t0;
    for (const line of lines) {
      if (this.count >= MAX_MARKS) break;
      this.count++;
      this.pending.push({ t, stream, text: line.length > MAX_TEXT ? `${line.slice(0, MAX_TEXT)}…` : line });
    }
  }

  /** Marks the unfinished last lines too (a final `print(end='')`). */
  end(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream]) this.write(stream, '\n');
    }
  }

  /** The markers since the last call. */
  take(): TimelineMark[] {
    const taken = this.pending;
    this.pending = [];
    return taken;
  }
}

type RawEvent =
  | ['task', number, number, string, string]
  | ['run', number, number, number]
  | ['end', number, number, 'done' | 'cancelled' | 'failed', string, string | null]
  | ['finish', number, number, number];

/** The runtime's compact timeline records (`Timeline.drain()` in timeline.py) as typed events. */
export function timelineEvents(json: string): TimelineEvent[] {
  return (JSON.parse(json) as RawEvent[]).map((raw): TimelineEvent => {
    switch (raw[0]) {
      case 'task':
        return { kind: 'task', row: raw[1], t: raw[2], name: raw[3], coro: raw[4] };
      case 'run':
        return { kind: 'run', row: raw[1], from: raw[2], to: raw[3] };
      case 'end':
        return { kind: 'end', row: raw[1], t: raw[2], outcome: raw[3], name: raw[4], error: raw[5] };
      case 'finish':
        return { kind: 'finish', t: raw[2], dropped: raw[3] };
    }
  });
}
