import type { AxeResults, Result, RunOptions } from 'axe-core';

declare global {
  interface Window {
    axe?: { run(context: Node, options: RunOptions): Promise<AxeResults> };
  }
}

// axe-core ships as a classic script (UMD) that sets `window.axe`; the dev server serves it from node_modules.
const AXE_URL = '/node_modules/axe-core/axe.min.js';

async function loadAxe() {
  if (window.axe) return window.axe;
  await new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = AXE_URL;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${AXE_URL}`));
    document.head.append(script);
  });
  return window.axe!;
}

/**
 * Runs axe on one element, shadow root included (axe walks the composed tree from a host). Page-level rules
 * are off: whether the test page has landmarks or a heading says nothing about the element.
 */
export async function axeCheck(host: Element): Promise<AxeResults> {
  const axe = await loadAxe();
  return axe.run(host, {
    runOnly: {
      type: 'tag',
      values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
    },
    rules: { region: { enabled: false }, 'page-has-heading-one': { enabled: false } },
    resultTypes: ['violations', 'passes', 'incomplete'],
  });
}

/** One line per violated rule and node, for an assertion message a reader can act on. */
export function describeViolations(violations: Result[]): string {
  return violations
    .flatMap((v) =>
      v.nodes.map(
        (n) => `${v.id} (${v.impact}) at ${JSON.stringify(n.target)}: ${n.failureSummary ?? v.help}`,
      ),
    )
    .join('\n');
}

/** How many nodes inside the host's shadow root passed `rule` (targets of shadow nodes are selector lists). */
export function shadowPasses(results: AxeResults, rule: string): number {
  const pass = results.passes.find((p) => p.id === rule);
  return pass ? pass.nodes.filter((n) => Array.isArray(n.target[0])).length : 0;
}
