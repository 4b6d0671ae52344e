/** The cache directory `check` and `ropa` use by default, relative to the analysed directory. */
export const DEFAULT_CACHE_DIR = 'node_modules/.cache/consentry';
