// src/errors.ts
var UsageError = class extends Error {
  name = 'UsageError';
};

export { UsageError };
//# sourceMappingURL=chunk-F76QMANB.js.map
