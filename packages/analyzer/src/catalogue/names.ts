import { chatMessageSdks } from './chat-messages.js';
import { fileApis } from './file-apis.js';
import { webFrameworks } from './frameworks.js';
import { objectStorageApis } from './object-storage.js';
import { queryBuilders, tableFactories } from './query-builders.js';
import { sdkApi, sdkPackage } from './sdk.js';
import { trainingApis } from './training-apis.js';
import { aiVendors } from './vendors.js';

/** Every table of the catalogue, read as rows by the functions below. */
const allTables: readonly unknown[] = [
  aiVendors,
  trainingApis,
  sdkApi,
  queryBuilders,
  tableFactories,
  webFrameworks,
  objectStorageApis,
  fileApis,
  chatMessageSdks,
];

/**
 * Every word the catalogue's rows name a library's API with: packages, member paths, method,
 * function, type and option names (prose, which has spaces, is left out). A superset of the names
 * a call must have for a row to give it a role. Read from the rows themselves, so a row added
 * later (a recipe's) is in it.
 */
export function catalogueNames(): ReadonlySet<string> {
  const names = new Set<string>();
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (/\s/.test(value)) return;
      for (const word of value.split(/[^\w$]+/)) if (word !== '') names.add(word);
      return;
    }
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    const items =
      value instanceof Map
        ? [...value].flat()
        : value instanceof Set
          ? [...value]
          : Object.values(value);
    for (const item of items) visit(item);
  };
  visit(allTables);
  return names;
}

/**
 * The modules whose APIs the catalogue makes a sink, a file write or a consent check: the AI
 * vendors' training APIs, object storage, Node's file APIs and the SDK. Query builders, web
 * frameworks and chat-message types only give data a source or a name, so a function that
 * calls into them alone reaches no sink.
 */
export function catalogueSinkModules(): ReadonlySet<string> {
  return modulesNamedBy([aiVendors, trainingApis, objectStorageApis, fileApis, sdkApi]);
}

/**
 * The modules whose APIs the catalogue makes a training sink, an upload or a file API (the SDK
 * aside): a project that imports one the analysis cannot resolve hides those calls from it.
 */
export function catalogueSinkApiModules(): ReadonlySet<string> {
  const modules = new Set(modulesNamedBy([trainingApis, objectStorageApis, fileApis]));
  modules.delete(sdkPackage);
  return modules;
}

/**
 * Every package any catalogue row names. Such a package is a library wherever its files are,
 * even as source in the project's workspace (the SDK's own examples import it that way).
 */
export function cataloguePackages(): ReadonlySet<string> {
  return modulesNamedBy(allTables);
}

/** The modules rows name (keys `package`, `packages`, `module`), with the SDK; read from the rows. */
function modulesNamedBy(tables: readonly unknown[]): ReadonlySet<string> {
  const modules = new Set<string>([sdkPackage]);
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (value instanceof Map || value instanceof Set) {
      for (const item of value instanceof Map ? [...value].flat() : value) visit(item);
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      if ((key === 'package' || key === 'module') && typeof item === 'string') modules.add(item);
      else if (key === 'packages' && Array.isArray(item)) {
        for (const name of item) if (typeof name === 'string') modules.add(name);
      } else visit(item);
    }
  };
  visit(tables);
  return modules;
}

/**
 * Files a framework gives a role by their path alone (`middleware.ts`, an App Router
 * `route.ts`): paths relative to the project root, and base names that count under any of the
 * framework's route roots.
 */
export function frameworkFiles(): {
  readonly paths: ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
} {
  const paths = new Set<string>();
  const names = new Set<string>();
  for (const framework of webFrameworks) {
    for (const entry of framework.fileMiddleware?.entries ?? []) {
      for (const file of entry.files) paths.add(file);
    }
    for (const file of framework.fileMiddleware?.routes.files ?? []) names.add(file);
  }
  return { paths, names };
}
