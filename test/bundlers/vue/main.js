import { createApp, h, ref } from 'vue';
import 'py-async-run';
import { counted, forever } from '../programs.js';

// Render functions: the runtime-only build Vue gives bundlers by default compiles no templates.
const App = {
  setup() {
    const count = ref(0);
    const mounted = ref(true);
    const looping = ref(false);
    const result = ref('');
    const unmount = () => {
      mounted.value = false;
      looping.value = false;
      result.value = '';
    };
    return () => [
      h('button', { id: 'rerender', onClick: () => count.value++ }, 'Re-render'),
      h('button', { id: 'forever', onClick: () => (looping.value = true) }, 'Run forever'),
      h('button', { id: 'unmount', onClick: unmount }, 'Unmount'),
      h('button', { id: 'mount', onClick: () => (mounted.value = true) }, 'Mount'),
      // Properties, as the element has them; `onPyRunEnd` listens to `py-run-end`.
      mounted.value
        ? h('py-async-run', {
            code: looping.value ? forever : counted('vue', count.value),
            timeout: 600,
            onPyRunEnd: (event) => {
              const { status, stdout } = event.detail.result;
              result.value = `${status}: ${stdout}`;
            },
          })
        : null,
      h('output', { id: 'result' }, result.value),
    ];
  },
};

createApp(App).mount('#root');
