/** A numeric limit the element reads from an attribute or a property, with the range it accepts. */
export interface LimitSetting {
  /** The attribute's name, which warnings show. */
  readonly attribute: string;
  /** What the element uses when the attribute is absent or its value is refused. */
  readonly fallback: number;
  readonly max: number;
  /** Whole numbers only (lines, characters); seconds may have a fraction. */
  readonly integer: boolean;
  /** What the number counts, for the warning. */
  readonly unit: string;
}

/**
 * The element's numeric limits. A value outside them falls back to the default, never to "no limit": a typo
 * such as `timeout="1s"` must not let a program run for ever. The timeout's maximum, a day, stays well under
 * what a browser timer holds (2^31 - 1 ms, about 24.8 days; a longer delay fires at once); `0` is no limit.
 */
export const LIMITS = {
  timeout: {
    attribute: 'timeout',
    fallback: 30,
    max: 86_400,
    integer: false,
    unit: 'seconds (0 for no limit)',
  },
  maxOutputChars: {
    attribute: 'max-output-chars',
    fallback: 1_000_000,
    max: 100_000_000,
    integer: true,
    unit: 'characters',
  },
  maxOutputLines: {
    attribute: 'max-output-lines',
    fallback: 10_000,
    max: 10_000_000,
    integer: true,
    unit: 'lines',
  },
} as const satisfies Record<string, LimitSetting>;

/**
 * Reads a limit as an attribute (a string) or a property (anything) gives it: the number, or the default with
 * a sentence saying why when the value is not a number in the setting's range. Absent (null, undefined)
 * means the default, without a warning.
 */
export function readLimit(setting: LimitSetting, value: unknown): { value: number; warning: string | null } {
  if (value === null || value === undefined) return { value: setting.fallback, warning: null };
  const number =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  const valid =
    Number.isFinite(number) &&
    number >= 0 &&
    number <= setting.max &&
    (!setting.integer || Number.isInteger(number));
  if (valid) return { value: number, warning: null };
  const shown =
    typeof value === 'string'
      ? JSON.stringify(value)
      : typeof value === 'number'
        ? `"${value}"`
        : `(a ${typeof value})`;
  return {
    value: setting.fallback,
    warning:
      `py-async-run: ${setting.attribute}=${shown} is not ${setting.integer ? 'a whole number of' : 'a number of'} ` +
      `${setting.unit} from 0 to ${setting.max}; the default, ${setting.fallback}, is used.`,
  };
}
