import { chatMessageSdks } from './chat-messages.js';
import { fileApis } from './file-apis.js';
import { webFrameworks } from './frameworks.js';
import { objectStorageApis } from './object-storage.js';
import { queryBuilders, tableFactories } from './query-builders.js';
import { sdkApi } from './sdk.js';
import { trainingApis } from './training-apis.js';
import { aiVendors } from './vendors.js';

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
  visit([
    aiVendors,
    trainingApis,
    sdkApi,
    queryBuilders,
    tableFactories,
    webFrameworks,
    objectStorageApis,
    fileApis,
    chatMessageSdks,
  ]);
  return names;
}
