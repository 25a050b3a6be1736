/** Tips that say a program's threads could not run as threads (no stack switching). */
const NO_THREAD_TIPS = ['no-threads', 'thread-inline'];

/**
 * Judges a RunResult against what CPython did: same stdout, and for an error the same final traceback
 * line at the same line of the program; where the program's JSON lists them, the tips expected (`tips`:
 * `[id, line]` pairs), no warning at all (`noWarnings`), the mode (`mode`). Returns a list of differences
 * (empty when the run matches).
 * Shared by the component tests and the engine suite, for our programs and the shared corpus alike.
 *
 * A program marked `needsStackSwitching` (threads) is judged, where the engine has no stack switching, by
 * whether it ended (not stopped by a timeout) and said why it could not run its threads, with a tip.
 */
export function judge(expected, result, { stackSwitching = true } = {}) {
  if (expected.needsStackSwitching && !stackSwitching) {
    const tips = (result.tips ?? []).map((tip) => tip.id);
    const problems = [];
    if (result.status !== 'ok' && result.status !== 'error') problems.push(`status ${result.status}`);
    if (!tips.some((id) => NO_THREAD_TIPS.includes(id))) problems.push(`no thread tip among ${tips}`);
    return problems;
  }
  const problems = [];
  if (expected.stdoutPattern !== undefined) {
    if (!new RegExp(`^(?:${expected.stdoutPattern})$`).test(result.stdout)) {
      problems.push(`stdout ${JSON.stringify(result.stdout)} does not match the expected pattern`);
    }
  } else if (result.stdout !== expected.stdout) {
    problems.push(`stdout ${JSON.stringify(result.stdout)} != ${JSON.stringify(expected.stdout)}`);
  }
  if (expected.error) {
    const error = result.error;
    if (!error) problems.push(`expected ${expected.error.summary}, got status ${result.status}`);
    else {
      if (error.summary !== expected.error.summary)
        problems.push(`error ${error.summary} != ${expected.error.summary}`);
      if (error.line !== expected.error.line)
        problems.push(`error line ${error.line} != ${expected.error.line}`);
    }
  } else if (result.status !== 'ok') {
    problems.push(`status ${result.status}: ${result.error?.summary ?? ''} ${result.stderr.slice(-500)}`);
  }
  if (expected.stderrContains && !result.stderr.includes(expected.stderrContains)) {
    problems.push(
      `stderr lacks ${JSON.stringify(expected.stderrContains)}: ${JSON.stringify(result.stderr.slice(-300))}`,
    );
  }
  // Tips: each `[id, line]` listed must be among the result's tips; `noWarnings` allows info tips only.
  for (const [id, line] of expected.tips ?? []) {
    if (!result.tips.some((tip) => tip.id === id && (tip.line ?? null) === line)) {
      problems.push(
        `no tip ${id} at line ${line}: ${JSON.stringify(result.tips.map((t) => [t.id, t.line]))}`,
      );
    }
  }
  if (expected.noWarnings) {
    const warned = result.tips.filter((tip) => tip.severity !== 'info').map((tip) => [tip.id, tip.line]);
    if (warned.length) problems.push(`false warnings ${JSON.stringify(warned)}`);
  }
  if (expected.mode !== undefined && result.mode !== expected.mode) {
    problems.push(`mode ${result.mode} != ${expected.mode}`);
  }
  return problems;
}
