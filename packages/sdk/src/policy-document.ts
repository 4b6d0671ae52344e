// Generated from schemas/policy.schema.json by scripts/gen-policy-types.mjs; do not edit.

/**
 * What a purpose does with the data: training, fine-tuning, evaluation, inference, analytics, service, security, marketing or other.
 */
export type PurposeKind =
  | 'training'
  | 'fine-tuning'
  | 'evaluation'
  | 'inference'
  | 'analytics'
  | 'service'
  | 'security'
  | 'marketing'
  | 'other';
/**
 * GDPR Art. 6(1): (a) consent, (b) contract, (c) legal obligation, (d) vital interests, (e) public task, (f) legitimate interests.
 */
export type LegalBasis =
  | 'consent'
  | 'contract'
  | 'legal-obligation'
  | 'vital-interests'
  | 'public-task'
  | 'legitimate-interests';
/**
 * An identifier: lower-case letters, digits and hyphens, starting with a letter.
 */
export type Id = string;
/**
 * true when the mapping may name nothing in the project (code that only some builds or branches have): an unresolved optional mapping is reported as a warning and counted, and the check goes on. An unresolved mapping that is not optional stops the check (exit code 2).
 */
export type MappingOptional = boolean;
/**
 * A module specifier: a package name, or a path relative to the policy file.
 */
export type ModulePath = string;
/**
 * An export of the module and an optional member path: Export, Export.member or default.
 */
export type ExportPath = string;

/**
 * A Consentry policy: what an AI product does with user data (purposes, legal bases, categories, retention) and what each user tier is guaranteed.
 */
export interface ConsentryPolicy {
  /**
   * URL or path of this schema, for editor completion.
   */
  $schema?: string;
  /**
   * Version of the policy format. Always 1.
   */
  version: 1;
  /**
   * This policy's own version and the date it took effect, printed on the record of processing (GDPR Art. 30) so a reader knows which policy it reflects. Give at least one.
   */
  revision?: {
    /**
     * The policy's version as the team numbers it, e.g. "2026.2" or "v4".
     */
    version?: string;
    /**
     * The date this version took effect, as YYYY-MM-DD.
     */
    date?: string;
  };
  controller: Controller;
  /**
   * The plans a user can be on, keyed by tier id.
   */
  tiers: {
    [k: string]: Tier | undefined;
  };
  /**
   * Categories of data subjects (GDPR Art. 30(1)(c)), keyed by id.
   */
  subjects: {
    [k: string]: Subject | undefined;
  };
  /**
   * Categories of personal data (GDPR Art. 30(1)(c)), keyed by id.
   */
  categories: {
    [k: string]: Category | undefined;
  };
  /**
   * Purposes of processing (GDPR Art. 30(1)(b)), keyed by id.
   */
  purposes: {
    [k: string]: Purpose | undefined;
  };
  /**
   * The property of a subject object that holds its tier id, as the SDK's checks read it and the analyzer recognises it (for example plan); tier unless set.
   */
  tierField?: string;
  consentRecords?: ConsentRecords;
  code?: CodeMappings;
}
/**
 * The controller and the people to contact (GDPR Art. 30(1)(a)).
 */
export interface Controller {
  name: string;
  email?: string;
  phone?: string;
  address?: string;
  url?: string;
  dpo?: Party;
  euRepresentative?: Party;
  jointControllers?: Party[];
}
/**
 * A person or organisation and how to reach them.
 */
export interface Party {
  name: string;
  email?: string;
  phone?: string;
  address?: string;
  url?: string;
}
/**
 * A plan a user can be on.
 */
export interface Tier {
  /**
   * Display name.
   */
  name: string;
  description?: string;
  /**
   * Whether users pay for this tier.
   */
  paid?: boolean;
}
/**
 * A category of data subjects.
 */
export interface Subject {
  name: string;
  description?: string;
}
/**
 * A category of personal data.
 */
export interface Category {
  name: string;
  description?: string;
  /**
   * Special-category data under GDPR Art. 9 (health, beliefs, biometrics…).
   */
  special?: boolean;
  /**
   * The Art. 9(2) condition relied on for special-category data, as its letter.
   */
  article9Condition?: 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'i' | 'j';
  /**
   * Whether the data concerns children.
   */
  minors?: boolean;
  /**
   * How long data of this category is kept (Art. 30(1)(f)).
   */
  retention?: string;
  /**
   * Where the data comes from.
   */
  source?: string;
}
/**
 * A purpose of processing.
 */
export interface Purpose {
  name?: string;
  description: string;
  kind: PurposeKind;
  legalBasis: LegalBasis;
  /**
   * Reference to the legitimate-interest balancing assessment.
   */
  legitimateInterestAssessment?: string;
  dpia?: Dpia;
  /**
   * Data categories processed for this purpose.
   */
  categories: Id[];
  /**
   * Data subjects concerned.
   */
  subjects: Id[];
  recipients?: Recipient[];
  transfers?: Transfer[];
  /**
   * How long data processed for this purpose is kept.
   */
  retention?: string;
  /**
   * Technical and organisational measures (Art. 30(1)(g), 32(1)).
   */
  securityMeasures?: string[];
  /**
   * The guarantee each tier gets for this purpose, keyed by tier id.
   */
  tiers?: {
    [k: string]: Guarantee | undefined;
  };
}
/**
 * Status of the data protection impact assessment (Art. 35).
 */
export interface Dpia {
  status: 'not-required' | 'planned' | 'in-progress' | 'completed';
  /**
   * Where the DPIA is kept.
   */
  reference?: string;
}
/**
 * A recipient or processor of the data (Art. 30(1)(d)).
 */
export interface Recipient {
  name: string;
  role: 'processor' | 'sub-processor' | 'recipient' | 'joint-controller';
  /**
   * ISO 3166-1 alpha-2 country code.
   */
  country?: string;
  description?: string;
}
/**
 * A transfer to a third country or international organisation (Art. 30(1)(e)).
 */
export interface Transfer {
  /**
   * ISO 3166-1 alpha-2 country code, or the organisation's name.
   */
  country: string;
  recipient?: string;
  safeguard:
    | 'adequacy-decision'
    | 'standard-contractual-clauses'
    | 'binding-corporate-rules'
    | 'certification'
    | 'code-of-conduct'
    | 'derogation';
  /**
   * Where the safeguard is documented.
   */
  documentation?: string;
}
/**
 * What a tier is guaranteed for one purpose.
 */
export interface Guarantee {
  /**
   * opt-out: the subject can object or opt out; opt-in: processing needs the subject to opt in; none: the subject has no say.
   */
  control: 'opt-out' | 'opt-in' | 'none';
  /**
   * How the subject exercises the choice.
   */
  mechanism: 'in-app-toggle' | 'settings-page' | 'email' | 'web-form' | 'none';
  /**
   * included: processed until the subject objects; excluded: never processed; opted-in: the choice starts as given; opted-out: the choice starts as refused.
   */
  default: 'included' | 'excluded' | 'opted-in' | 'opted-out';
  /**
   * Whether exercising the choice costs nothing (Art. 12(5)).
   */
  freeOfCharge?: boolean;
  /**
   * Whether the subject must give reasons to object.
   */
  reasonsRequired?: boolean;
  /**
   * If the subject's objection lapses, after how long.
   */
  expiresAfter?: string;
  notice?: Notice;
}
/**
 * Notice given to users before their data is first used for this purpose.
 */
export interface Notice {
  /**
   * How long before first use users are told.
   */
  period: string;
  /**
   * How users are told (email, in-app banner…).
   */
  channel?: string;
}
/**
 * How long the consent store keeps subjects' decisions, and what an erasure request does to them. The decisions are personal data too: kept no longer than necessary (GDPR Art. 5(1)(e)), yet the proof that a subject consented or objected must outlive the processing it governs (Art. 7(1)).
 */
export interface ConsentRecords {
  /**
   * How long a subject's decision is kept after a later decision about the same purpose replaced it (Art. 5(1)(e)), for example P3Y; the SDK's purge() removes decisions replaced longer ago, and keeps each subject's latest decision per purpose as long as it is in force.
   */
  retention?: string;
  /**
   * What the SDK's eraseSubject() does on an erasure request (Art. 17): delete removes the subject's decisions; pseudonymise keeps them under a keyed pseudonym, without the subject's own words, where the controller must still demonstrate consent (Art. 7(1), Art. 17(3)(e)). delete unless set.
   */
  erasure?: 'delete' | 'pseudonymise';
}
/**
 * Extra sources, sinks, guards and sanitizers for the analyzer, beyond the SDK's markers and the built-in catalogue.
 */
export interface CodeMappings {
  sources?: SourceMapping[];
  sinks?: SinkMapping[];
  guards?: GuardMapping[];
  sanitizers?: SanitizerMapping[];
}
/**
 * A type, field or function whose values are personal data of a category.
 */
export interface SourceMapping {
  optional?: MappingOptional;
  module: ModulePath;
  export: ExportPath;
  category: Id;
}
/**
 * A function or method whose argument is used for a purpose (a training queue, say).
 */
export interface SinkMapping {
  optional?: MappingOptional;
  module: ModulePath;
  export: ExportPath;
  purpose: Id;
  /**
   * Index of the argument that carries the data; every argument when absent.
   */
  argument?: number;
}
/**
 * Code that establishes that the subject allows a purpose: a predicate, an assertion, a filter, a boolean field on a type, or route middleware.
 */
export interface GuardMapping {
  optional?: MappingOptional;
  module: ModulePath;
  export: ExportPath;
  purpose: Id;
  kind: 'predicate' | 'assertion' | 'filter' | 'field' | 'middleware';
  /**
   * Index of the argument that names the subject (predicate, assertion, filter).
   */
  subjectArgument?: number;
  /**
   * For kind field: the property path on the exported type, e.g. settings.allowTraining.
   */
  field?: string;
}
/**
 * A function whose result no longer holds the personal part of its input.
 */
export interface SanitizerMapping {
  optional?: MappingOptional;
  module: ModulePath;
  export: ExportPath;
  kind: 'anonymise' | 'pseudonymise' | 'aggregate';
}
