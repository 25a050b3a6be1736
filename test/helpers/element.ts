/**
 * Reading a `<py-async-run>` through its shadow parts, as a reader sees it. They take any element with a
 * shadow root, so they do not depend on where the element's class lives.
 */
import { until } from './wait.js';

/** The element's part named `name`, or null. */
export function part(el: HTMLElement, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`);
}

/** The status line's text ('' while there is none). */
export function statusText(el: HTMLElement): string {
  return part(el, 'status')?.textContent ?? '';
}

/** The output as shown ('' while there is none). */
export function outputText(el: HTMLElement): string {
  return part(el, 'output')?.textContent ?? '';
}

/**
 * Waits for the input field of a running program's `input()`. The default leaves time for a first run,
 * which starts Python (over 30 s on a loaded machine), within the tests' 60 s.
 */
export async function inputField(el: HTMLElement, timeout = 55_000): Promise<HTMLInputElement> {
  await until(() => part(el, 'input-field'), 'an input field appears', timeout);
  return part(el, 'input-field') as HTMLInputElement;
}
