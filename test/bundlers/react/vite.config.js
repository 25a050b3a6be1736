import pyAsyncRun from 'py-async-run/vite';

export default { plugins: [pyAsyncRun()] };
