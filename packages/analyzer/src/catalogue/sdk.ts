import { allowingReasons } from '@consentry/sdk';

/** The SDK's package name: its markers, checks and sanitizers are recognised by declarations inside it. */
export const sdkPackage = '@consentry/sdk';

/**
 * What a function of the SDK does, for the engine:
 * - `check`: returns whether the subject allows the purposes (`allows`, `isAllowed`);
 * - `decision`: returns a decision whose `allowed` field is such a check (`decide`);
 * - `assertion`: throws unless the subject allows the purposes (`require`, `assertAllowed`);
 * - `consent-filter`: keeps the items of a list whose subjects allow the purposes (`filter`);
 * - `route-middleware`: handlers registered after it start with their request allowed;
 * - `pass-through`: returns its argument's data unchanged (`snapshot`);
 * - `sanitizer`: its result holds none of its input's personal data (`anonymise`, `aggregate`);
 * - `purpose-reference`: only names purposes (`record`);
 * - `enforce-decorator`: a method decorator that makes the method start with its subject allowed;
 * - `processes-marker`: a method decorator that makes the method a sink of its purposes;
 * - `personal-marker`: a member decorator that makes the member personal data of a category;
 * - `factory`: makes the SDK's own objects (a consent client, markers, a store, a policy), whose
 *   values hold no personal data, so the engine never asks for their types;
 * - `marker-factory`: a factory whose result's members are the markers (`createMarkers`).
 */
export type SdkRole =
  | 'check'
  | 'decision'
  | 'assertion'
  | 'consent-filter'
  | 'route-middleware'
  | 'pass-through'
  | 'sanitizer'
  | 'purpose-reference'
  | 'enforce-decorator'
  | 'processes-marker'
  | 'personal-marker'
  | 'factory'
  | 'marker-factory';

/** One function or member of the SDK's API. */
export interface SdkApiEntry {
  /** The export or member name, as declared in the SDK. */
  readonly name: string;
  readonly role: SdkRole;
  /** Whether its result is a Promise the caller must await (checks, decisions, assertions). */
  readonly async?: boolean;
  /** Index of the argument that names the subject (or holds the list, for a filter). */
  readonly subjectArgument?: number;
  /** Index of the argument that names the purpose (or the category, for `personal`). */
  readonly purposeArgument?: number;
  /** For a member of an object the SDK makes: the factory that makes it (`createConsent`). */
  readonly madeBy?: string;
}

/** The SDK's API the engine knows, by name. */
export const sdkApi: readonly SdkApiEntry[] = [
  {
    name: 'allows',
    role: 'check',
    async: true,
    subjectArgument: 0,
    purposeArgument: 1,
    madeBy: 'createConsent',
  },
  {
    name: 'isAllowed',
    role: 'check',
    async: false,
    subjectArgument: 0,
    purposeArgument: 1,
    madeBy: 'createConsent',
  },
  {
    name: 'decide',
    role: 'decision',
    async: true,
    subjectArgument: 0,
    purposeArgument: 1,
    madeBy: 'createConsent',
  },
  {
    name: 'require',
    role: 'assertion',
    async: true,
    subjectArgument: 0,
    purposeArgument: 1,
    madeBy: 'createConsent',
  },
  {
    name: 'assertAllowed',
    role: 'assertion',
    async: false,
    subjectArgument: 0,
    purposeArgument: 1,
    madeBy: 'createConsent',
  },
  {
    name: 'filter',
    role: 'consent-filter',
    subjectArgument: 0,
    purposeArgument: 1,
    madeBy: 'createConsent',
  },
  { name: 'middleware', role: 'route-middleware', purposeArgument: 0, madeBy: 'createConsent' },
  { name: 'snapshot', role: 'pass-through', subjectArgument: 0, madeBy: 'createConsent' },
  { name: 'anonymise', role: 'sanitizer' },
  { name: 'aggregate', role: 'sanitizer' },
  { name: 'record', role: 'purpose-reference', purposeArgument: 1, madeBy: 'createConsent' },
  { name: 'enforce', role: 'enforce-decorator', purposeArgument: 0, madeBy: 'createConsent' },
  { name: 'processes', role: 'processes-marker', purposeArgument: 0 },
  { name: 'personal', role: 'personal-marker', purposeArgument: 0 },
  { name: 'createConsent', role: 'factory' },
  { name: 'createMemoryStore', role: 'factory' },
  { name: 'definePolicy', role: 'factory' },
  { name: 'createMarkers', role: 'marker-factory' },
  { name: 'getMarkers', role: 'marker-factory' },
];

const byName = new Map(sdkApi.map((entry) => [entry.name, entry]));

/** The catalogue entry of an SDK name, or undefined for a name the engine need not know. */
export function sdkEntry(name: string): SdkApiEntry | undefined {
  return byName.get(name);
}

/** The SDK function whose option `subject` selects the decorated method's subject argument. */
export const enforceSubjectOption = 'subject';

/** The SDK's decision object: its field that is the check, its field with the reason, and the reasons that allow. */
export const sdkDecision = {
  allowedField: 'allowed',
  reasonField: 'reason',
  allowingReasons: new Set<string>(allowingReasons),
} as const;

/** The category of `@personal()` without an argument, and of a source that names none. */
export const defaultCategory = 'personal';
