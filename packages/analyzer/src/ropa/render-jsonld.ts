import type { LegalBasis, PurposeKind } from '@consentry/sdk';
import { LEGAL_BASIS_LETTERS } from '../policy-facts.js';
import { DPIA_NAMES } from './document.js';
import {
  type ProcessingActivity,
  type ProcessingRecord,
  RECORD_MARKER,
  type RecordParty,
  type RecordRecipient,
  type RecordTransfer,
} from './record.js';

// The record in W3C Data Privacy Vocabulary terms, DPV 2.2 (every term below is in DPV 2.2 and its
// eu-gdpr, ai and loc extensions; a test checks them against a term list): each activity is a
// dpv:Process with its purpose, legal basis (eu-gdpr:A6-1-x), subjects, personal data,
// recipients, transfers, storage durations, measures and rights. DPV has no "AI training"
// purpose, so training is a purpose of improving the product (dpv:ImproveExistingProductsAndServices)
// whose processing is ai:ModelTraining (fine-tuning too: DPV 2.2 has no narrower term), with its
// data typed ai:TrainingData. Node ids are absolute IRIs under the record's `@base`, so a
// conversion to RDF keeps every statement without being given a base.

/** The DPV release whose terms the record uses. */
export const DPV_VERSION = '2.2';

const CONTEXT = {
  dpv: 'https://w3id.org/dpv#',
  'eu-gdpr': 'https://w3id.org/dpv/legal/eu/gdpr#',
  ai: 'https://w3id.org/dpv/ai#',
  loc: 'https://w3id.org/dpv/loc#',
  dct: 'http://purl.org/dc/terms/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  schema: 'https://schema.org/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

/** DPV purpose concepts for each purpose kind. */
export const DPV_PURPOSES: Readonly<Record<PurposeKind, string>> = {
  training: 'dpv:ImproveExistingProductsAndServices',
  'fine-tuning': 'dpv:ImproveExistingProductsAndServices',
  evaluation: 'dpv:ImproveExistingProductsAndServices',
  inference: 'dpv:ServiceProvision',
  analytics: 'dpv:ServiceOptimisation',
  service: 'dpv:ServiceProvision',
  security: 'dpv:EnforceSecurity',
  marketing: 'dpv:Marketing',
  other: 'dpv:Purpose',
};

/** DPV-AI processing concepts for the purpose kinds that develop a model. */
const AI_PROCESSING: Partial<Readonly<Record<PurposeKind, string>>> = {
  training: 'ai:ModelTraining',
  'fine-tuning': 'ai:ModelTraining',
};

const TRANSFER_BASES: Readonly<Record<RecordTransfer['safeguard'], string>> = {
  'adequacy-decision': 'eu-gdpr:A45-3',
  'standard-contractual-clauses': 'eu-gdpr:A46-2-c',
  'binding-corporate-rules': 'eu-gdpr:A46-2-b',
  certification: 'eu-gdpr:A46-2-f',
  'code-of-conduct': 'eu-gdpr:A46-2-e',
  derogation: 'dpv:DataTransferLegalBasis',
};

const RECIPIENT_TYPES: Readonly<Record<RecordRecipient['role'], string>> = {
  processor: 'dpv:DataProcessor',
  'sub-processor': 'dpv:DataSubProcessor',
  recipient: 'dpv:Recipient',
  'joint-controller': 'dpv:JointDataControllers',
};

/** The eu-gdpr concept of a legal basis, e.g. `eu-gdpr:A6-1-f`. */
export function legalBasisConcept(basis: LegalBasis): string {
  return `eu-gdpr:A6-1-${LEGAL_BASIS_LETTERS[basis]}`;
}

/**
 * The base IRI of a record's nodes: a URN named after the controller, since the record is not
 * published at a URL of its own.
 */
function recordBase(record: ProcessingRecord): string {
  const slug = record.controller.name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `urn:consentry:record:${slug === '' ? 'controller' : slug}`;
}

/** Renders the record as JSON-LD in W3C DPV 2.2 terms (`dpv:`, `eu-gdpr:`, `ai:`), with absolute node ids. */
export function renderJsonLd(record: ProcessingRecord): string {
  const base = recordBase(record);
  const id = (fragment: string) => `${base}#${fragment}`;
  const graph = [
    {
      '@id': id('record'),
      '@type': 'dpv:ROPA',
      'rdfs:comment': `${RECORD_MARKER} from ${record.policyFile}. Do not edit: change the policy and run consentry ropa.`,
      'dct:title': `Record of processing activities of ${record.controller.name}`,
      'dct:source': record.policyFile,
      'dct:conformsTo': { '@id': `https://w3id.org/dpv/${DPV_VERSION}` },
      ...(record.generatedAt === undefined
        ? {}
        : { 'dct:created': { '@value': record.generatedAt, '@type': 'xsd:dateTime' } }),
      'dpv:hasDataController': { '@id': id('controller') },
      'dct:hasPart': record.activities.map((activity) => ({
        '@id': id(activityFragment(activity)),
      })),
    },
    controllerNode(record, id),
    ...record.activities.map((activity) => activityNode(activity, id)),
  ];
  return `${JSON.stringify({ '@context': { '@base': base, ...CONTEXT }, '@graph': graph }, null, 2)}\n`;
}

function controllerNode(
  record: ProcessingRecord,
  id: (fragment: string) => string,
): Record<string, unknown> {
  const { controller } = record;
  return {
    '@id': id('controller'),
    '@type': 'dpv:DataController',
    ...partyProperties(controller),
    ...(controller.dpo === undefined
      ? {}
      : {
          'dpv:hasDataProtectionOfficer': {
            '@type': 'dpv:DataProtectionOfficer',
            ...partyProperties(controller.dpo),
          },
        }),
    ...(controller.euRepresentative === undefined
      ? {}
      : {
          'dpv:hasRepresentative': {
            '@type': 'dpv:Representative',
            ...partyProperties(controller.euRepresentative),
          },
        }),
    ...(controller.jointControllers.length === 0
      ? {}
      : {
          'dpv:hasJointDataControllers': {
            '@type': 'dpv:JointDataControllers',
            'dct:hasPart': controller.jointControllers.map((party) => ({
              '@type': 'dpv:DataController',
              ...partyProperties(party),
            })),
          },
        }),
  };
}

function partyProperties(party: RecordParty): Record<string, unknown> {
  return {
    'schema:name': party.name,
    ...(party.email === undefined ? {} : { 'schema:email': party.email }),
    ...(party.phone === undefined ? {} : { 'schema:telephone': party.phone }),
    ...(party.address === undefined ? {} : { 'schema:address': party.address }),
    ...(party.url === undefined ? {} : { 'schema:url': { '@id': party.url } }),
  };
}

function activityFragment(activity: ProcessingActivity): string {
  return `activity-${activity.id}`;
}

function duration(value: string): Record<string, unknown> {
  return {
    '@type': 'dpv:StorageDuration',
    'dpv:hasDuration': {
      '@type': 'dpv:TemporalDuration',
      'rdf:value': { '@value': value, '@type': 'xsd:duration' },
    },
  };
}

function country(code: string): Record<string, unknown> {
  return /^[A-Z]{2}$/.test(code) ? { '@id': `loc:${code}` } : { 'rdfs:label': code };
}

function activityNode(
  activity: ProcessingActivity,
  id: (fragment: string) => string,
): Record<string, unknown> {
  const processing = AI_PROCESSING[activity.kind];
  const measures: Record<string, unknown>[] = [];
  if (activity.legitimateInterestAssessment !== undefined) {
    measures.push({
      '@type': 'dpv:LegitimateInterestAssessment',
      'dct:identifier': activity.legitimateInterestAssessment,
    });
  }
  if (activity.dpia !== undefined) {
    measures.push({
      '@type': 'dpv:DPIA',
      'dct:description': DPIA_NAMES[activity.dpia.status],
      ...(activity.dpia.reference === undefined
        ? {}
        : { 'dct:identifier': activity.dpia.reference }),
    });
  }
  const processors = (activity.recipients ?? []).filter(
    (recipient) => recipient.role === 'processor' || recipient.role === 'sub-processor',
  );
  return {
    '@id': id(activityFragment(activity)),
    '@type': 'dpv:Process',
    'dct:identifier': activity.id,
    'rdfs:label': activity.name,
    'dct:description': activity.description,
    'dpv:hasPurpose': {
      '@type': DPV_PURPOSES[activity.kind],
      'dct:description': activity.description,
    },
    ...(processing === undefined ? {} : { 'dpv:hasProcessing': { '@id': processing } }),
    'dpv:hasLegalBasis': { '@id': legalBasisConcept(activity.legalBasis.basis) },
    'dpv:hasDataController': { '@id': id('controller') },
    'dpv:hasDataSubject': activity.subjects.map((subject) => ({
      '@id': id(`subject-${subject.id}`),
      '@type': 'dpv:DataSubject',
      'rdfs:label': subject.name,
    })),
    'dpv:hasPersonalData': activity.categories.map((category) => ({
      '@id': id(`data-${category.id}`),
      '@type': [
        'dpv:PersonalData',
        ...(category.special ? ['dpv:SpecialCategoryPersonalData'] : []),
        ...(activity.training ? ['ai:TrainingData'] : []),
      ],
      'rdfs:label': category.name,
      ...(category.description === undefined ? {} : { 'dct:description': category.description }),
      ...(category.retention === undefined
        ? {}
        : { 'dpv:hasStorageCondition': duration(category.retention) }),
      ...(category.source === undefined
        ? {}
        : { 'dpv:hasDataSource': { 'rdfs:label': category.source } }),
    })),
    ...(activity.recipients === undefined
      ? {}
      : {
          'dpv:hasRecipient': activity.recipients.map((recipient) => ({
            '@type': RECIPIENT_TYPES[recipient.role],
            'schema:name': recipient.name,
            ...(recipient.country === undefined
              ? {}
              : { 'dpv:hasCountry': country(recipient.country) }),
            ...(recipient.description === undefined
              ? {}
              : { 'dct:description': recipient.description }),
          })),
        }),
    ...(processors.length === 0
      ? {}
      : {
          'dpv:hasDataProcessor': processors.map((recipient) => ({
            'schema:name': recipient.name,
          })),
        }),
    ...(activity.transfers.length === 0
      ? {}
      : {
          'dpv:hasProcess': activity.transfers.map((transfer) => ({
            '@type': 'dpv:Process',
            'dpv:hasProcessing': { '@id': 'dpv:Transfer' },
            'dpv:hasThirdCountry': country(transfer.country),
            'dpv:hasLegalBasis': { '@id': TRANSFER_BASES[transfer.safeguard] },
            ...(transfer.recipient === undefined
              ? {}
              : { 'dpv:hasRecipient': { 'schema:name': transfer.recipient } }),
            ...(transfer.documentation === undefined
              ? {}
              : { 'dct:description': transfer.documentation }),
          })),
        }),
    ...(activity.retention === undefined
      ? {}
      : { 'dpv:hasStorageCondition': duration(activity.retention) }),
    'dpv:hasTechnicalOrganisationalMeasure': activity.securityMeasures.map((measure) => ({
      '@type': 'dpv:TechnicalOrganisationalMeasure',
      'dct:description': measure,
    })),
    ...(measures.length === 0 ? {} : { 'dpv:hasOrganisationalMeasure': measures }),
    ...codeNodes(activity),
    'dpv:hasRight': activity.rights.map((right) => ({ '@id': rightConcept(right.article) })),
  };
}

/**
 * What the code analysis found: the guards as technical measures (one per place, with the tiers
 * it covers) and the places the processing happens as a comment; DPV has no term for code.
 */
function codeNodes(activity: ProcessingActivity): Record<string, unknown> {
  const code = activity.code;
  if (code === undefined) return {};
  const places = new Map<
    string,
    { symbol: string; file: string; description?: string; tiers: string[] }
  >();
  for (const { tier, guards } of code.guards) {
    const name = activity.tiers.find((candidate) => candidate.id === tier)?.name ?? tier;
    for (const guard of guards) {
      const key = `${guard.file}:${guard.symbol}:${guard.description ?? ''}`;
      const place = places.get(key) ?? { ...guard, tiers: [] };
      place.tiers.push(name);
      places.set(key, place);
    }
  }
  const guards = [...places.values()].sort((a, b) =>
    a.file !== b.file
      ? a.file < b.file
        ? -1
        : 1
      : a.symbol < b.symbol
        ? -1
        : a.symbol > b.symbol
          ? 1
          : 0,
  );
  const where = (place: { symbol: string; file: string }) => `${place.symbol} (${place.file})`;
  const sinks = [...code.sinks, ...code.checks].map(where);
  const gaps = code.guards.flatMap(({ tier, unguardedSinks }) => {
    const name = activity.tiers.find((candidate) => candidate.id === tier)?.name ?? tier;
    return unguardedSinks.map((sink) => ` No guard for ${name} on a path to ${where(sink)}.`);
  });
  return {
    'rdfs:comment':
      sinks.length === 0
        ? 'The code analysis found no place where data is used for this purpose.'
        : `Where it happens in the code: ${sinks.join('; ')}.${gaps.join('')}`,
    ...(guards.length === 0
      ? {}
      : {
          'dpv:hasTechnicalMeasure': guards.map((guard) => ({
            '@type': 'dpv:TechnicalMeasure',
            'dct:description': `Consent or opt-out check${guard.description === undefined ? '' : ` ${guard.description}`} in ${guard.symbol} (${guard.file}), enforcing the guarantee of: ${guard.tiers.join(', ')}`,
          })),
        }),
  };
}

/** `Art. 7(3)` → `eu-gdpr:A7-3`, `Art. 21` → `eu-gdpr:A21`. */
function rightConcept(article: string): string {
  const [, number, paragraph] = /^Art\. (\d+)(?:\((\d+)\))?$/.exec(article) ?? [];
  return `eu-gdpr:A${number}${paragraph === undefined ? '' : `-${paragraph}`}`;
}
