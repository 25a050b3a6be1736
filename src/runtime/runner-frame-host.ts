/**
 * The page's side of a runner origin (`configure({ runnerOrigin })`): a hidden frame from that origin starts
 * the runtime worker, and the page talks to it through a MessageChannel, so a program runs with the runner's
 * origin and none of the page's cookies, storage or DOM (the way CodePen and Observable keep user code off
 * the page's origin). The runtime client sees a RunnerWorker, which behaves as a Worker.
 */
import {
  RUNNER_PAGE,
  fromRunner,
  isRunnerHello,
  type RunnerConnect,
  type ToRunner,
} from './runner-frame-protocol.js';

/** How long a runner frame may take to say hello once its page has loaded (its script runs before that). */
const HELLO_AFTER_LOAD_MS = 3_000;
/** How long a runner frame may take in all: a server that never answers must not leave a spinner forever. */
const START_LIMIT_MS = 30_000;

/** The runner frame of this page: created on the first Run or preload, then kept for the page. */
interface RunnerFrame {
  readonly folder: string;
  readonly element: HTMLIFrameElement;
  /** The frame's window and origin, once it said hello; rejects when it did not in time. */
  readonly ready: Promise<{ window: Window; origin: string }>;
}
let frame: RunnerFrame | null = null;

/** The error of a runner frame that did not answer. */
export function runnerUnavailableMessage(folder: string): string {
  return (
    `Python could not start: its runner at ${new URL(RUNNER_PAGE, folder).href} did not answer ` +
    `(a wrong runnerOrigin, the runner offline, or the page's Content-Security-Policy frame-src refusing it).`
  );
}

/**
 * The page's runner frame for `folder`. The frame is accepted only when a hello comes from its own window
 * (`event.source`) and the runner's origin (`event.origin`): any other window may post to the page too.
 */
function openRunnerFrame(folder: string): RunnerFrame['ready'] {
  if (frame?.folder === folder) return frame.ready;
  frame?.element.remove();
  const origin = new URL(folder).origin;
  const element = document.createElement('iframe');
  element.title = 'Python runner';
  element.hidden = true;
  element.setAttribute('aria-hidden', 'true');
  element.tabIndex = -1;
  // Scripts and the runner's own origin (its worker and storage), nothing else: no popups, no navigating
  // the page, no forms.
  element.setAttribute('sandbox', 'allow-scripts allow-same-origin');
  const ready = new Promise<{ window: Window; origin: string }>((resolve, reject) => {
    let timer = setTimeout(fail, START_LIMIT_MS);
    const onMessage = (event: MessageEvent) => {
      if (event.source !== element.contentWindow || event.origin !== origin || !isRunnerHello(event.data))
        return;
      done();
      resolve({ window: event.source as Window, origin });
    };
    const onLoad = () => {
      clearTimeout(timer);
      timer = setTimeout(fail, HELLO_AFTER_LOAD_MS);
    };
    function done() {
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
      element.removeEventListener('load', onLoad);
    }
    function fail() {
      done();
      element.remove();
      // Forgotten, so the next run tries again (the runner may be back).
      if (frame?.element === element) frame = null;
      reject(new Error(runnerUnavailableMessage(folder)));
    }
    window.addEventListener('message', onMessage);
    element.addEventListener('load', onLoad);
  });
  element.src = new URL(RUNNER_PAGE, folder).href;
  (document.body ?? document.documentElement).append(element);
  frame = { folder, element, ready };
  return ready;
}

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
    openRunnerFrame(folder).then(
      ({ window: target, origin }) => {
        if (this.ended) return;
        const hello: RunnerConnect = { type: 'py-async-run:runner-connect', ...connect };
        // targetOrigin: delivered only while the frame still shows the runner's origin.
        target.postMessage(hello, origin, [this.channel.port2]);
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
