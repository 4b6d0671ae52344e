import { trainingApis } from '../catalogue/training-apis.js';
import { aiVendors } from '../catalogue/vendors.js';

/** An AI vendor SDK that `init` looks for, and how to name the vendor in a policy. */
export interface VendorSdk {
  readonly package: string;
  /** The vendor, as a recipient of the data. */
  readonly vendor: string;
  /** Client paths (`chat.completions.create`) or client methods (`chat`) that run a model on data. */
  readonly inferenceApis: readonly string[];
}

/** The AI vendor SDKs `init` recognises by their imports: every vendor of the catalogue. */
export const VENDOR_SDKS: readonly VendorSdk[] = aiVendors.map((vendor) => ({
  package: vendor.package,
  vendor: vendor.vendor,
  inferenceApis: vendor.modelCalls,
}));

/** One API `init` matches calls against: a training API of the catalogue or an inference API above. */
export interface KnownApi {
  readonly package: string;
  readonly path: string;
  readonly call: 'call' | 'construct';
  readonly kind: 'training' | 'inference';
  /** A human name of the API. */
  readonly name: string;
  /** The catalogue entry, for training APIs. */
  readonly catalogueId?: string;
  readonly when?: { readonly argument: number; readonly option: string; readonly equals: string };
}

/** Every API `init` matches: the built-in training catalogue first, then the inference APIs. */
export const KNOWN_APIS: readonly KnownApi[] = [
  ...trainingApis.map(
    (entry): KnownApi => ({
      package: entry.package,
      path: entry.path,
      call: entry.call,
      kind: 'training',
      name: entry.name,
      catalogueId: entry.id,
      ...(entry.when === undefined ? {} : { when: entry.when }),
    }),
  ),
  ...VENDOR_SDKS.flatMap((sdk) =>
    sdk.inferenceApis.map(
      (path): KnownApi => ({
        package: sdk.package,
        path,
        call: 'call',
        kind: 'inference',
        name: `${sdk.vendor} ${path}`,
      }),
    ),
  ),
];

/** The vendor SDK a module specifier imports (`openai`, `openai/resources`), if any. */
export function vendorOfModule(specifier: string): VendorSdk | undefined {
  return VENDOR_SDKS.find(
    (sdk) => specifier === sdk.package || specifier.startsWith(`${sdk.package}/`),
  );
}
