// src/catalogue/entry.ts
var guardRoles = {
  predicate: 'check',
  assertion: 'assertion',
  filter: 'consent-filter',
  middleware: 'route-middleware',
  field: 'field-check',
};
function policyEntries(code) {
  return {
    sources: (code?.sources ?? []).map((source) => ({
      role: 'source',
      at: { module: source.module, export: source.export },
      category: source.category,
    })),
    sinks: (code?.sinks ?? []).map((sink) => ({
      role: 'sink',
      at: { module: sink.module, export: sink.export },
      purpose: sink.purpose,
      data: sink.argument === void 0 ? [] : [{ argument: sink.argument }],
    })),
    guards: (code?.guards ?? []).map((guard) => ({
      role: 'guard',
      // A field guard names the field below the export: one member path to resolve.
      at: {
        module: guard.module,
        export:
          guard.kind === 'field' && guard.field ? `${guard.export}.${guard.field}` : guard.export,
      },
      guard: guardRoles[guard.kind],
      purpose: guard.purpose,
      ...(guard.subjectArgument === void 0 ? {} : { subjectArgument: guard.subjectArgument }),
    })),
    sanitizers: (code?.sanitizers ?? []).map((sanitizer) => ({
      role: 'sanitizer',
      at: { module: sanitizer.module, export: sanitizer.export },
      method: sanitizer.kind,
    })),
  };
}

export { policyEntries };
//# sourceMappingURL=chunk-6XMXK3ZX.js.map
