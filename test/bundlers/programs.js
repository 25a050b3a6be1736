// The programs the framework apps run, in the Python a tutorial would show.

/** Prints the framework's name and a counter the app changes on each re-render. */
export const counted = (framework, count) =>
  [
    'import asyncio',
    'async def main():',
    '    await asyncio.sleep(0.01)',
    `    print(${JSON.stringify(framework)}, ${count})`,
    'asyncio.run(main())',
  ].join('\n');

/** Runs until stopped: the app unmounts the element while it runs. */
export const forever = [
  'import asyncio',
  'async def main():',
  '    tick = 0',
  '    while True:',
  '        print("tick", tick)',
  '        tick += 1',
  '        await asyncio.sleep(0.05)',
  'asyncio.run(main())',
].join('\n');
