// The recipe's snippet beside the rendered post: the file a site copies, fetched as it is, with a Copy button.
for (const box of document.querySelectorAll('[data-snippet]')) {
  const code = box.querySelector('pre');
  const copy = box.querySelector('button');
  fetch(box.dataset.snippet)
    .then((response) => (response.ok ? response.text() : Promise.reject(new Error(`HTTP ${response.status}`))))
    .then(
      (text) => {
        code.textContent = text;
        copy.disabled = false;
      },
      () => {
        code.textContent = 'The snippet could not be loaded: see the file named above.';
      },
    );
  copy.addEventListener('click', async () => {
    await navigator.clipboard.writeText(code.textContent);
    copy.textContent = 'Copied';
    setTimeout(() => (copy.textContent = 'Copy'), 2000);
  });
}
