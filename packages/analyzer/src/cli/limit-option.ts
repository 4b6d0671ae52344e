import { type AnalysisLimits, parseLimitSettings } from '../code/limits.js';

/** The `limits` option of `--limit NAME=VALUE` (repeatable); a bad name or value is a usage error. */
export function limitsOption(values: { readonly limit?: readonly string[] | undefined }): {
  limits?: Partial<AnalysisLimits>;
} {
  if (values.limit === undefined || values.limit.length === 0) return {};
  return { limits: parseLimitSettings(values.limit, '--limit') };
}
