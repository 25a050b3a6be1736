/**
 * What one step of a program returns (`Program.step()` in the Python package): seconds to wait before the
 * next step, or one of these. Python defines the same names with the same values (a test reads the package
 * to check they agree).
 */

/** The program is over: no step follows. */
export const STEP_OVER = -1;

/** The program waits for a wake (a callback of JavaScript, a future set from outside), however long. */
export const WAIT_FOR_WAKE = -2;
