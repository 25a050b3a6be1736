/**
 * The page's runner frame (`configure({ runnerOrigin })`): a hidden frame from the runner origin that starts
 * runtime workers for the page (see runner-frame-worker.ts). Loaded with the first worker it starts (the
 * first Run or preload), not with the first-paint code.
 */
import { errorMessage } from '../errors.js';
import { RUNNER_PAGE, isRunnerHello } from './runner-frame-protocol.js';

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
function runnerUnavailableMessage(folder: string): string {
  return errorMessage('runner-unavailable', {
    reason:
      `its runner at ${new URL(RUNNER_PAGE, folder).href} did not answer (a wrong runnerOrigin, the runner ` +
      `offline, or the page's Content-Security-Policy frame-src refusing it).`,
  });
}

/**
 * The page's runner frame for `folder`. The frame is accepted only when a hello comes from its own window
 * (`event.source`) and the runner's origin (`event.origin`): any other window may post to the page too.
 */
export function openRunnerFrame(folder: string): RunnerFrame['ready'] {
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
