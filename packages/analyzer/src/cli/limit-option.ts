import { type AnalysisLimits, isLimitName, LIMIT_NAMES } from '../code/limits.js';
import { UsageError } from '../errors.js';

/** The `limits` option of `--limit NAME=VALUE` (repeatable); a bad name or value is a usage error. */
export function limitsOption(values: { readonly limit?: readonly string[] | undefined }): {
  limits?: Partial<AnalysisLimits>;
} {
  if (values.limit === undefined || values.limit.length === 0) return {};
  const limits: Partial<Record<keyof AnalysisLimits, number>> = {};
  for (const text of values.limit) {
    const [name = '', value = ''] = text.split('=', 2);
    if (!isLimitName(name)) {
      throw new UsageError(
        `--limit takes NAME=VALUE with NAME one of ${LIMIT_NAMES.join(', ')}, not "${text}"`,
      );
    }
    const number = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
      throw new UsageError(`--limit ${name} takes a whole number of at least 1, not "${value}"`);
    }
    limits[name] = number;
  }
  return { limits };
}
