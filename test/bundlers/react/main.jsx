import { StrictMode, useCallback, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'py-async-run';
import { counted, forever } from '../programs.js';

/** The element, its properties set by React, its typed end event heard through a ref. */
function Program({ code, onEnd }) {
  const ref = useRef(null);
  useEffect(() => {
    const element = ref.current;
    const listener = (event) => onEnd(event.detail.result);
    element.addEventListener('py-run-end', listener);
    return () => element.removeEventListener('py-run-end', listener);
  }, [onEnd]);
  return <py-async-run ref={ref} code={code} timeout={600} />;
}

function App() {
  const [count, setCount] = useState(0);
  const [mounted, setMounted] = useState(true);
  const [looping, setLooping] = useState(false);
  const [result, setResult] = useState('');
  const onEnd = useCallback((end) => setResult(`${end.status}: ${end.stdout}`), []);
  const unmount = () => {
    setMounted(false);
    setLooping(false);
    setResult('');
  };
  return (
    <>
      <button id="rerender" onClick={() => setCount(count + 1)}>
        Re-render
      </button>
      <button id="forever" onClick={() => setLooping(true)}>
        Run forever
      </button>
      <button id="unmount" onClick={unmount}>
        Unmount
      </button>
      <button id="mount" onClick={() => setMounted(true)}>
        Mount
      </button>
      {mounted && <Program code={looping ? forever : counted('react', count)} onEnd={onEnd} />}
      <output id="result">{result}</output>
    </>
  );
}

createRoot(document.querySelector('#root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
