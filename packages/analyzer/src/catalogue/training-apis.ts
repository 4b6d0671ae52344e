import type { LibraryEntry, SinkEntry } from './entry.js';
import { aiVendors, type VendorTrainingApi } from './vendors.js';

export type { CatalogueCondition, CatalogueData } from './entry.js';

/** One AI vendor API that sends data to model training, recognised by its declaring package. */
export interface TrainingApiEntry extends VendorTrainingApi {
  /** The npm package that declares the API; the callee must be declared inside it. */
  readonly package: string;
}

/** The built-in catalogue of AI vendors' training APIs: one entry per API, extended by the policy's `code.sinks`. */
export const trainingApis: readonly TrainingApiEntry[] = aiVendors.flatMap((vendor) =>
  vendor.trainingApis.map((api) => ({ ...api, package: vendor.package })),
);

/** The training APIs as sink entries of the catalogue, located by package and path. */
export const trainingSinks: readonly LibraryEntry<SinkEntry>[] = trainingApis.map((api) => ({
  role: 'sink',
  name: api.name,
  at: { package: api.package, path: api.path, call: api.call },
  purposeKind: api.purposeKind,
  data: api.data,
  ...(api.when ? { when: api.when } : {}),
}));
