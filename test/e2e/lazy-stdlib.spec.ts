import { controlledByServiceWorker, expect, runInPage, test } from './fixtures.js';
import type { BrowserContext } from '@playwright/test';

/** A module of the standard library that no start imports: served on first import (see stdlib-split.js). */
const DIFFLIB = [
  'import difflib',
  'print("".join(difflib.unified_diff(["a\\n"], ["b\\n"], lineterm="\\n")), end="")',
  'print(difflib.__file__)',
].join('\n');
const DIFF_OUTPUT = '--- \n+++ \n@@ -1 +1 @@\n-a\n+b\n/lib/python3.14/difflib.py\n';

/** The stdlib modules fetched on first import that `context`'s pages asked for, by path in the stdlib. */
function stdlibRequests(context: BrowserContext) {
  const paths: string[] = [];
  context.on('request', (request) => {
    const match = /\/assets\/stdlib-[0-9a-f]+\/(.+\.py)$/.exec(new URL(request.url()).pathname);
    if (match) paths.push(match[1]);
  });
  return paths;
}

test('a module left out of the start-up library is fetched on first import, once', async ({
  browser,
  startServer,
}) => {
  const { url, server } = await startServer();
  const context = await browser.newContext();
  const fetched = stdlibRequests(context);
  try {
    const page = await context.newPage();
    await page.goto(url);
    // The start and asyncio come from the start-up zip: nothing is fetched module by module.
    const plain = await runInPage(
      page,
      'import asyncio\nasync def main():\n    print("hi")\nasyncio.run(main())\n',
    );
    expect(plain.stdout).toBe('hi\n');
    expect(fetched).toEqual([]);
    const first = await runInPage(page, DIFFLIB);
    expect(first.error).toBeUndefined();
    expect(first.stdout).toBe(DIFF_OUTPUT);
    expect(fetched).toContain('difflib.py');
    const count = fetched.length;
    expect((await runInPage(page, DIFFLIB)).stdout).toBe(DIFF_OUTPUT);
    expect(fetched.length).toBe(count);
    // A package split between the start-up zip and the files (email's parts) and one fetched whole (xml).
    const packages = await runInPage(
      page,
      [
        'from email.mime.text import MIMEText',
        'import xml.etree.ElementTree as ET',
        'print(MIMEText("hi")["Content-Type"])',
        'print(ET.fromstring("<a><b>x</b></a>").find("b").text)',
      ].join('\n'),
    );
    expect(packages.error).toBeUndefined();
    expect(packages.stdout).toBe('text/plain; charset="us-ascii"\nx\n');
    // A name the standard library does not have costs no request, and fails as in CPython.
    const missing = await runInPage(page, 'import no_such_module_here\n');
    expect(missing.error?.summary).toBe("ModuleNotFoundError: No module named 'no_such_module_here'");
    expect(fetched.some((path) => path.includes('no_such_module_here'))).toBe(false);
  } finally {
    await context.close();
    server.close();
  }
});

test('a module imported once works offline after; one never imported fails with a tip', async ({
  browser,
  startServer,
}) => {
  const { url, server } = await startServer();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    expect((await runInPage(page, 'print("first")\n')).stdout).toBe('first\n');
    await controlledByServiceWorker(page);
    // The worker of this visit started before the service worker: a new visit's goes through it.
    await page.reload();
    await controlledByServiceWorker(page);
    expect((await runInPage(page, DIFFLIB)).stdout).toBe(DIFF_OUTPUT);

    await context.setOffline(true);
    server.close();
    // Offline, a new visit (from the start-up snapshot) still imports the module it fetched once.
    await page.reload();
    const again = await runInPage(page, DIFFLIB);
    expect(again.error).toBeUndefined();
    expect(again.stdout).toBe(DIFF_OUTPUT);
    const never = await runInPage(page, 'import fractions\nprint(fractions.Fraction(1, 3))\n');
    expect(never.status).toBe('error');
    expect(never.error?.summary).toBe(
      "ModuleNotFoundError: No module named 'fractions': the standard library module could not be downloaded",
    );
    expect(never.tips.map((tip) => tip.id)).toEqual(['stdlib-unfetched']);
    // Once online again, the same import works: the failure was not remembered.
    await context.setOffline(false);
    const { server: again2 } = await startServer({ port: Number(new URL(url).port) });
    try {
      expect((await runInPage(page, 'import fractions\nprint(fractions.Fraction(1, 3))\n')).stdout).toBe(
        '1/3\n',
      );
    } finally {
      again2.close();
    }
  } finally {
    await context.close();
    server.close();
  }
});

test('a program importing a large part of the standard library runs', async ({ browser, startServer }) => {
  const { url, server } = await startServer();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    const result = await runInPage(
      page,
      [
        'import asyncio, importlib, sys',
        'imported, failed = [], {}',
        'for name in sorted(sys.stdlib_module_names - {"this", "antigravity"}):',
        '    try:',
        '        importlib.import_module(name)',
        '        imported.append(name)',
        '    except Exception as error:  # not built for the browser (tkinter, curses, ...)',
        '        failed[name] = str(error)',
        'unfetched = [name for name, error in failed.items() if "could not be downloaded" in error]',
        'print(len(imported) > 150, unfetched)',
        'import statistics, fractions, decimal, csv, io, calendar, pprint, argparse, textwrap, uuid',
        'print(statistics.mean([1, 2, 3, 4]), fractions.Fraction(3, 6), decimal.Decimal("0.1") * 3)',
        'out = io.StringIO(); csv.writer(out).writerow(["a", 1]); print(out.getvalue().strip())',
        'print(calendar.isleap(2024), textwrap.shorten("a b c d e f", 7))',
      ].join('\n'),
    );
    expect(result.error).toBeUndefined();
    expect(result.stdout).toBe('True []\n2.5 1/2 0.3\na,1\nTrue a [...]\n');
  } finally {
    await context.close();
    server.close();
  }
});
