import { expect, openConfigured, test } from './fixtures.js';

test('input() works without stack switching on a cross-origin isolated page, through shared memory', async ({
  page,
  startServer,
}) => {
  const { url } = await startServer({ isolated: true });
  await openConfigured(page, url, { stackSwitching: false });
  const running = page.evaluate(async () => {
    const el = document.createElement('py-async-run');
    el.id = 'asking';
    el.code = 'import time\nname = input("Name? ")\ntime.sleep(0.01)\nprint(f"Hello, {name}!")\n';
    document.body.append(el);
    return el.run();
  });
  const field = page.locator('#asking [part="input-field"]');
  await field.fill('Grace ✓');
  await field.press('Enter');
  const result = await running;
  expect(result.stdout).toBe('Name? Hello, Grace ✓!\n');
  expect(result.status).toBe('ok');
});
