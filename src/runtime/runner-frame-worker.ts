/**
 * The page's side of a runner origin (`configure({ runnerOrigin })`): a hidden frame from that origin starts
 * the runtime worker, and the page talks to it through a MessageChannel, so a program runs with the runner's
 * origin and none of the page's cookies, storage or DOM (the way CodePen and Observable keep user code off
 * the page's origin). The runtime client sees a RunnerWorker, which behaves as a Worker.
 */
import { errorMessage } from '../errors.js';
import { fromRunner, type RunnerConnect, type ToRunner } from './runner-frame-protocol.js';

/**
 * A runtime worker in the runner frame, seen from the page as a Worker: `postMessage`, `message` and `error`
 * events, `terminate`. Each one has its own MessageChannel; the frame starts one worker for it and relays
 * both ways. Messages pass as they are (structured clone): the page's runtime client reads them as it reads
 * a local worker's. No memory is shared across origins, so `terminate()` asks the frame to end the worker.
 */
export class RunnerWorker extends EventTarget {
  private readonly channel = new MessageChannel();
  private ended = false;

  constructor(folder: string, connect: Omit<RunnerConnect, 'type'>) {
    super();
    // Only the frame holds the other end: nothing else can speak on this port.
    this.channel.port1.onmessage = (event: MessageEvent) => {
      const message = fromRunner(event.data);
      if (this.ended || !message) return;
      if (message.kind === 'message') this.dispatchEvent(new MessageEvent('message', { data: message.data }));
      else this.dispatchEvent(new ErrorEvent('error', { message: message.message, cancelable: true }));
    };
    // The frame's code loads now: this runs on the first Run or preload, not at first paint.
    import('./runner-frame-host.js')
      .catch(() => {
        throw new Error(
          errorMessage('runner-unavailable', {
            reason:
              'the code of its runner frame could not be loaded (offline on a first visit, or missing).',
          }),
        );
      })
      .then(({ openRunnerFrame }) => openRunnerFrame(folder))
      .then(
        ({ window: target, origin }) => {
          if (this.ended) return;
          const message: RunnerConnect = { type: 'py-async-run:runner-connect', ...connect };
          // targetOrigin: delivered only while the frame still shows the runner's origin.
          target.postMessage(message, origin, [this.channel.port2]);
        },
        (error: Error) => {
          if (this.ended) return;
          // As the worker itself reports a start that failed, so the client rejects the start with this code.
          const data = {
            type: 'failed',
            id: connect.initId,
            code: 'runner-unavailable',
            message: error.message,
          };
          this.dispatchEvent(new MessageEvent('message', { data }));
        },
      );
  }

  /** Sends a message to the worker (queued on the port until the frame takes it). */
  postMessage(data: unknown): void {
    if (!this.ended) this.send({ kind: 'message', data });
  }

  /** Ends the worker in the frame; the frame stays for the next one. */
  terminate(): void {
    if (this.ended) return;
    this.send({ kind: 'terminate' });
    this.ended = true;
    this.channel.port1.onmessage = null;
    this.channel.port1.close();
  }

  private send(message: ToRunner) {
    this.channel.port1.postMessage(message);
  }
}
