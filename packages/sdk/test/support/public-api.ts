/** The values the main entry exports, sorted: what `import`, `require()` and the sources all give. */
export const MAIN_ENTRY_VALUES = [
  'ConsentDeniedError',
  'ConsentStoreError',
  'aggregate',
  'allowingReasons',
  'anonymise',
  'createConsent',
  'createMarkers',
  'createMemoryStore',
  'definePolicy',
  'getMarkers',
  'personal',
  'processes',
] as const;
