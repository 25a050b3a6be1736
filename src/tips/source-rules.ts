import type { Tip, TipSeverity } from './types.js';

/** What kind of alteration a page's editor made to code, undone before running (see element/cms-repair.ts). */
export type CodeRepairKind =
  'quote' | 'dash' | 'ellipsis' | 'line-break' | 'paragraph' | 'non-breaking-space';

/** One kind of alteration undone in a program: where it first happened (1-based line) and how often. */
export interface CodeRepair {
  kind: CodeRepairKind;
  line: number;
  count: number;
}

/** What a source rule looks at: how the element's code reached it and what was repaired on the way. */
export interface SourceFacts {
  /** `script`: a child `<script type="text/python">`; `text`: the element's own text. */
  carrier: 'script' | 'text';
  repairs: readonly CodeRepair[];
}

/** A tip rule as data about the code's way into the element: when it applies, and what it says. */
export interface SourceRule {
  id: string;
  severity: TipSeverity;
  when(facts: SourceFacts): { line: number } | null;
  message(facts: SourceFacts): string;
}

/** How each alteration is named in a tip. */
const REPAIR_WORDS: Record<CodeRepairKind, string> = {
  quote: 'curly quotes',
  dash: 'dashes for minus signs',
  ellipsis: '… for ...',
  'line-break': '`<br>` line breaks',
  paragraph: '`<p>` paragraphs',
  'non-breaking-space': 'non-breaking spaces',
};

const described = (facts: SourceFacts) => facts.repairs.map((repair) => REPAIR_WORDS[repair.kind]).join(', ');

/** Rules about the code as the page delivered it. */
export const sourceRules: readonly SourceRule[] = [
  {
    id: 'code-altered',
    severity: 'warning',
    when: (facts) =>
      facts.repairs.length ? { line: Math.min(...facts.repairs.map((repair) => repair.line)) } : null,
    message: (facts) =>
      facts.carrier === 'script'
        ? `The page's editor changed this code (${described(facts)}); it was repaired before running. Keep ` +
          'automatic paragraphs away from it (in WordPress, a Custom HTML block or the `[py-async-run]` ' +
          'shortcode) to have it run exactly as written.'
        : `The page's editor changed this code (${described(facts)}); it was repaired before running. Put the ` +
          'code in a `<script type="text/python">` inside the element to have it run exactly as written.',
  },
];

/** The tips of the source rules that apply. */
export function sourceTips(facts: SourceFacts): Tip[] {
  return sourceRules.flatMap((rule) => {
    const found = rule.when(facts);
    return found
      ? [{ id: rule.id, severity: rule.severity, message: rule.message(facts), line: found.line }]
      : [];
  });
}
