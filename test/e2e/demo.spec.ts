import { expect, test } from './fixtures.js';

test.describe('the demo, as a reader meets it', () => {
  test('loads no Python until Run, then streams the classic example', async ({ page, distURL: url }) => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(url);
    const classic = page.locator('py-async-run#classic');
    await expect(classic.locator('[part="code"]')).toContainText('asyncio.run(main())');
    expect(requests.filter((r) => r.includes('pyodide'))).toEqual([]);
    await classic.getByRole('button', { name: 'Run' }).click();
    const output = classic.locator('[part="output"]');
    await expect(output).toContainText('started', { timeout: 60_000 });
    // "hello" comes a second after "started": the first line showed before the program ended.
    await expect(output).not.toContainText('finished');
    await expect(output).toHaveText('started\nhello\nworld\nfinished\n', { timeout: 30_000 });
    await expect(classic.locator('[part="status"]')).toHaveText(/Done in \d+ ms/);
    await expect(classic).toHaveAttribute('status', 'done');
    await expect(classic.locator('[part="mode"]')).toContainText('asyncio.run(main())');
  });

  test('every demo example runs and prints what CPython prints', async ({ page, distURL: url }) => {
    await page.goto(url);
    const expected: Record<string, string> = {
      gather: 'A: 1\nB: 1\nA: 2\nB: 2\nA: 3\n',
      loop: 'registering callbacks\ncallback 3 invoked\ncallback 2 invoked\ncallback 1 invoked\nclosing event loop\n',
      'sync-facade': 'ABC 10.5\nXYZ 99.0\n',
      taskgroup: 'worker 1 finished\n',
    };
    for (const [id, start] of Object.entries(expected)) {
      const result = await page.evaluate(
        (target) =>
          document
            .querySelector<
              HTMLElement & {
                run(): Promise<{ stdout: string; status: string; error?: { summary: string; line: number } }>;
              }
            >(`#${target}`)!
            .run(),
        id,
      );
      expect(result.stdout.startsWith(start), `${id}: ${result.stdout}`).toBe(true);
      if (id === 'taskgroup') {
        expect(result.error?.summary).toBe(
          'ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)',
        );
        expect(result.error?.line).toBe(7);
      } else expect(result.status).toBe('ok');
    }
  });

  test('the page "asyncio in the browser, explained" runs each example with its timeline and tips', async ({
    page,
    distURL: url,
  }) => {
    await page.goto(`${url}explained.html`);
    // The "how this ran" line tells how each ran (`await main()`); only mistakes are tips.
    const expected: Record<string, { output: string; rows: string[]; tips: string[] }> = {
      sequential: { output: 'hello\nworld\ntook 2.0 s\n', rows: ['Task-1'], tips: [] },
      concurrent: {
        output: 'hello\nworld\ntook 1.0 s\n',
        rows: ['Task-1', 'hello', 'world'],
        tips: [],
      },
      failure: {
        output: 'small: downloaded\nfailed: the server hung up\n',
        rows: ['Task-1', 'small', 'large', 'broken'],
        tips: [],
      },
      blocking: {
        output: 'a step 0\nb step 0\na step 1\nb step 1\n',
        rows: ['Task-1', 'Task-2', 'Task-3'],
        tips: ['time-sleep-in-async'],
      },
      forgotten: {
        output: 'done\n',
        rows: ['Task-1'],
        // One tip per mistake: Python's "never awaited" warning is the one told before the run, at its line.
        tips: ['coroutine-not-awaited'],
      },
      queue: {
        output: 'put 0\nput 1\n',
        rows: ['Task-1', 'consumer-1', 'consumer-2'],
        tips: [],
      },
    };
    for (const [id, want] of Object.entries(expected)) {
      const element = page.locator(`py-async-run#${id}`);
      await element.getByRole('button', { name: 'Run' }).click();
      await expect(element).toHaveAttribute('status', 'done', { timeout: 60_000 });
      const output = (await element.locator('[part="output"]').textContent()) ?? '';
      if (id === 'queue') expect(output.startsWith(want.output), output).toBe(true);
      else if (id === 'forgotten') {
        expect(output).toContain("RuntimeWarning: coroutine 'greet' was never awaited");
        expect(output.endsWith(want.output), output).toBe(true);
      } else expect(output, id).toBe(want.output);
      const rows = await element
        .locator('[part="timeline"] g.task')
        .evaluateAll((groups) => groups.map((group) => group.getAttribute('data-name')));
      expect(rows, id).toEqual(want.rows);
      const tips = await element
        .locator('[part="tip"]')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-tip')));
      expect(tips, id).toEqual(want.tips);
    }
  });
});
