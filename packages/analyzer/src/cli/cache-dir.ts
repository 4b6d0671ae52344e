import { join, resolve } from 'node:path';

/** The cache directory `check` and `ropa` use by default, relative to the analysed directory. */
export const DEFAULT_CACHE_DIR = 'node_modules/.cache/consentry';

/**
 * The `cacheDir` option of `--cache-dir DIR` / `--no-cache`: the directory (relative to the
 * current directory, default `DEFAULT_CACHE_DIR` in the analysed one), or none at all.
 */
export function cacheDirOption(
  values: { readonly 'cache-dir'?: string | undefined; readonly 'no-cache'?: boolean | undefined },
  cwd: string,
  root: string,
): { cacheDir?: string } {
  if (values['no-cache']) return {};
  return { cacheDir: resolve(cwd, values['cache-dir'] ?? join(root, DEFAULT_CACHE_DIR)) };
}
