// The whole app: the package imported by name, one element, its typed end event.
import 'py-async-run';

const element = document.createElement('py-async-run');
element.code = [
  'import asyncio',
  'async def main():',
  '    await asyncio.sleep(0.01)',
  '    print("hello from", "webpack")',
  'asyncio.run(main())',
].join('\n');
element.addEventListener('py-run-end', (event) => {
  const { status, stdout } = event.detail.result;
  document.querySelector('#result').textContent = `${status}: ${stdout}`;
});
document.body.prepend(element);
