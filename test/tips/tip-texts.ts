import { programRules } from '../../src/tips/program-rules.js';
import { runtimeRules } from '../../src/tips/rules.js';
import { staticRules } from '../../src/tips/static-rules.js';

/**
 * Every tip's wording, one `## id (severity)` heading and its message each, in rule order; a message that
 * names something from the program shows `{name}` there, and each other wording of a runtime rule follows as
 * `## id "detail"`. Compared with `tip-texts.txt`, so a change of
 * wording is seen in review.
 */
export function tipTexts(): string {
  const entries = [
    ...staticRules.map((rule) => [rule.id, rule.severity, rule.message]),
    ...programRules.map((rule) => [rule.id, rule.severity, rule.message('{name}')]),
    ...runtimeRules.flatMap((rule) => [
      [rule.id, rule.severity, rule.message('{name}')],
      ...(rule.wordings ?? []).map((detail) => [
        `${rule.id} ${JSON.stringify(detail)}`,
        rule.severity,
        rule.message(detail),
      ]),
    ]),
  ];
  return entries.map(([id, severity, message]) => `## ${id} (${severity})\n${message}\n`).join('\n');
}
