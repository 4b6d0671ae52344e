import type { ConsentryPolicy, PurposeKind } from '@consentry/sdk';

/** Where a catalogued API takes the data it sends for a purpose. */
export interface CatalogueData {
  /** Index of the argument that carries the data. */
  readonly argument: number;
  /**
   * Property of that argument (an options object) that carries the data, as a dotted path for a
   * nested one (`trainingDataConfig.s3Uri`); the whole argument when absent.
   */
  readonly option?: string;
  /**
   * The value names a file or a stored object (a path, an `s3://` or `gs://` URI) and the API
   * sends what it holds: the data is what was written there, besides the value itself.
   */
  readonly reads?: true;
  /**
   * The value is the id of an uploaded file the job trains on (`training_file`): one the code did
   * not get from an upload (an environment variable, a literal) names data uploaded by hand,
   * which the analysis cannot see, so the job is reported as untraced when nothing else reaches it.
   */
  readonly fileId?: true;
}

/** A condition on a literal option that must hold for the call to be a sink. */
export interface CatalogueCondition {
  readonly argument: number;
  readonly option: string;
  readonly equals: string;
}

/** A library's API, recognised by the package that declares it and its member path on the client. */
export interface LibraryLocator {
  /** The npm package that declares the API; the callee must be declared inside it. */
  readonly package: string;
  /** Member path of the call as written on the client (`files.create`), or an exported function or class name. */
  readonly path: string;
  /** `call` for method and function calls, `construct` for `new Command(...)`. */
  readonly call: 'call' | 'construct';
}

/** The project's own code, named in the policy by module and export (`code.guards`…). */
export interface ModuleLocator {
  /** A module specifier, relative to the policy file or a package name. */
  readonly module: string;
  /** The export, with a member path below it (`Store.allowsTraining`). */
  readonly export: string;
}

/**
 * How a guard establishes that the subject allows its purposes: a function that returns whether
 * (`check`), one that throws unless (`assertion`), one that keeps the allowed items of a list
 * (`consent-filter`), route middleware after which handlers start allowed (`route-middleware`),
 * or a boolean field read on the subject's record (`field-check`).
 */
export type GuardRole =
  | 'check'
  | 'assertion'
  | 'consent-filter'
  | 'route-middleware'
  | 'field-check';

/** A sink: data passed to it is used for a purpose that may need consent or an opt-out. */
export interface SinkEntry {
  readonly role: 'sink';
  /** Human name of the API, for built-in rows ("OpenAI fine-tuning job"). */
  readonly name?: string;
  /** The policy purpose it serves, when the policy names one. */
  readonly purpose?: string;
  /** The purpose kind it serves (mapped to the policy's purposes of that kind), for built-in rows. */
  readonly purposeKind?: PurposeKind;
  /** The arguments that carry the data; every argument when empty. */
  readonly data: readonly CatalogueData[];
  readonly when?: CatalogueCondition;
}

/** A guard: see `GuardRole`. */
export interface GuardEntry {
  readonly role: 'guard';
  readonly guard: GuardRole;
  readonly purpose: string;
  /** Index of the argument that names the subject (or holds the list, for a filter). */
  readonly subjectArgument?: number;
}

/** A source: values of the type, field or function's result are personal data of a category. */
export interface SourceEntry {
  readonly role: 'source';
  readonly category: string;
}

/** A sanitizer: its result no longer holds the personal part of its input. */
export interface SanitizerEntry {
  readonly role: 'sanitizer';
  readonly method: 'anonymise' | 'pseudonymise' | 'aggregate';
}

/** What an entry is to the analysis. */
export type EntryRole = SinkEntry | GuardEntry | SourceEntry | SanitizerEntry;

/**
 * One entry of the catalogue: an API, where it is declared, and its role. Built-in rows name a
 * library's API by package; the policy's `code.sources/sinks/guards/sanitizers` name the
 * project's own code by module and export. Both are resolved in one place (`createCodeModel`).
 */
export type CatalogueEntry<R extends EntryRole = EntryRole> = R & {
  readonly at: LibraryLocator | ModuleLocator;
};

/** A catalogue entry of a library's API, as the built-in rows name it. */
export type LibraryEntry<R extends EntryRole = EntryRole> = R & { readonly at: LibraryLocator };

/** A catalogue entry of the project's own code, as the policy declares it. */
export type PolicyEntry<R extends EntryRole = EntryRole> = R & { readonly at: ModuleLocator };

type CodeSection = NonNullable<ConsentryPolicy['code']>;

const guardRoles = {
  predicate: 'check',
  assertion: 'assertion',
  filter: 'consent-filter',
  middleware: 'route-middleware',
  field: 'field-check',
} as const satisfies Record<NonNullable<CodeSection['guards']>[number]['kind'], GuardRole>;

/** The policy's `code` mappings as catalogue entries, in the order the policy lists them. */
export function policyEntries(code: ConsentryPolicy['code']): {
  readonly sources: readonly PolicyEntry<SourceEntry>[];
  readonly sinks: readonly PolicyEntry<SinkEntry>[];
  readonly guards: readonly PolicyEntry<GuardEntry>[];
  readonly sanitizers: readonly PolicyEntry<SanitizerEntry>[];
} {
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
      data: sink.argument === undefined ? [] : [{ argument: sink.argument }],
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
      ...(guard.subjectArgument === undefined ? {} : { subjectArgument: guard.subjectArgument }),
    })),
    sanitizers: (code?.sanitizers ?? []).map((sanitizer) => ({
      role: 'sanitizer',
      at: { module: sanitizer.module, export: sanitizer.export },
      method: sanitizer.kind,
    })),
  };
}
