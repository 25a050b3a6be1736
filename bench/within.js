/**
 * `promise`, or a rejection naming `what` when it has not settled within `ms`. Playwright's page.evaluate
 * has no time limit of its own: an in-page wait that never ends must fail the bench, not leave it idle
 * (a full bench run once hung with the machine idle, and nothing said which wait it was).
 */
export function within(promise, ms, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench: ${what} did not end within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
