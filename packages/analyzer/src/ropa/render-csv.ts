import { stringify } from 'csv-stringify/sync';
import { toSafeCsvCell } from '../output/safe-text.js';
import { MECHANISM_NAMES } from '../policy-facts.js';
import { DPIA_NAMES, durationCell, ROLE_NAMES, SAFEGUARD_NAMES } from './document.js';
import {
  type ProcessingActivity,
  type ProcessingRecord,
  RECORD_MARKER,
  type RecordParty,
} from './record.js';

/** The register templates the CSV output can follow. */
export type CsvTemplate = 'cnil' | 'ico';

/** The CSV templates, the default first. */
export const CSV_TEMPLATES: readonly CsvTemplate[] = ['cnil', 'ico'];

type Column = readonly [
  header: string,
  value: (activity: ProcessingActivity, record: ProcessingRecord) => string,
];

// One row per processing activity, in the order of the CNIL's "fiche de registre": description,
// actors, purposes, categories of people and data, recipients, transfers, security measures.
const CNIL_COLUMNS: readonly Column[] = [
  ['Processing activity', (a) => a.name],
  ['Reference', (a) => a.id],
  ['Last update', (_, record) => record.generatedAt?.slice(0, 10) ?? ''],
  ['Controller', (_, record) => party(record.controller)],
  ['Data protection officer', (_, record) => optionalParty(record.controller.dpo)],
  ['Representative', (_, record) => optionalParty(record.controller.euRepresentative)],
  ['Joint controllers', (_, record) => record.controller.jointControllers.map(party).join('; ')],
  ['Purpose', (a) => a.description],
  ['Legal basis', (a) => `${a.legalBasis.name}, GDPR ${a.legalBasis.article}`],
  ['Categories of data subjects', (a) => a.subjects.map((subject) => subject.name).join('; ')],
  ['Categories of personal data', (a) => a.categories.map((category) => category.name).join('; ')],
  ['Sensitive data', sensitive],
  ['Erasure periods', retention],
  ['Recipients', recipients],
  [
    'Transfers outside the EU',
    (a) =>
      a.transfers
        .map((t) => (t.recipient === undefined ? t.country : `${t.country}: ${t.recipient}`))
        .join('; '),
  ],
  [
    'Transfer safeguards',
    (a) =>
      a.transfers
        .map((t) =>
          [t.country, SAFEGUARD_NAMES[t.safeguard], t.documentation].filter(Boolean).join(': '),
        )
        .join('; '),
  ],
  ['Security measures', (a) => a.securityMeasures.join('; ')],
  ['DPIA', dpia],
  ['Tier guarantees', tiers],
  ['Record source', (a, record) => source(a, record)],
];

// The ICO's controller documentation template: the Art. 30 columns, then the good-practice ones.
const ICO_COLUMNS: readonly Column[] = [
  ['Business function', (a) => a.kindName],
  ['Purpose of processing', (a) => `${a.name}: ${a.description}`],
  [
    'Name and contact details of joint controller (if applicable)',
    (_, record) => record.controller.jointControllers.map(party).join('; '),
  ],
  ['Categories of individuals', (a) => a.subjects.map((subject) => subject.name).join('; ')],
  ['Categories of personal data', (a) => a.categories.map((category) => category.name).join('; ')],
  ['Categories of recipients', recipients],
  ['Link to contract with processor', () => ''],
  [
    'Names of third countries or international organisations that personal data are transferred to (if applicable)',
    (a) => [...new Set(a.transfers.map((t) => t.country))].join('; '),
  ],
  [
    'Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)',
    (a) =>
      a.transfers
        .map((t) =>
          [t.country, SAFEGUARD_NAMES[t.safeguard], t.documentation].filter(Boolean).join(': '),
        )
        .join('; '),
  ],
  ['Retention schedule (if possible)', retention],
  [
    'General description of technical and organisational security measures (if possible)',
    (a) => a.securityMeasures.join('; '),
  ],
  [
    'Article 6 lawful basis for processing personal data',
    (a) => `${a.legalBasis.name}, ${a.legalBasis.article}`,
  ],
  ['Article 9 basis for processing special category data', sensitive],
  [
    'Legitimate interests for the processing (if applicable)',
    (a) => (a.legalBasis.basis === 'legitimate-interests' ? a.description : ''),
  ],
  [
    'Link to record of legitimate interests assessment (if applicable)',
    (a) => a.legitimateInterestAssessment ?? '',
  ],
  [
    'Rights available to individuals',
    (a) => a.rights.map((right) => `${right.name} (${right.article})`).join('; '),
  ],
  ['Existence of automated decision-making, including profiling (if applicable)', () => ''],
  [
    'Source of personal data (if applicable)',
    (a) =>
      [...new Set(a.categories.flatMap((c) => (c.source === undefined ? [] : [c.source])))].join(
        '; ',
      ),
  ],
  ['Link to record of consent', () => ''],
  ['Location of personal data', () => ''],
  [
    'Data Protection Impact Assessment required?',
    (a) => (a.dpia === undefined ? '' : a.dpia.status === 'not-required' ? 'No' : 'Yes'),
  ],
  [
    'Data Protection Impact Assessment progress',
    (a) => (a.dpia === undefined ? '' : DPIA_NAMES[a.dpia.status]),
  ],
  ['Link to the Data Protection Impact Assessment', (a) => a.dpia?.reference ?? ''],
  ['Opt-out or consent per tier', tiers],
  ['Record source', (a, record) => source(a, record)],
];

const CODE_COLUMNS: readonly Column[] = [
  [
    'Where in the code',
    (a) =>
      [...(a.code?.sinks ?? []), ...(a.code?.checks ?? [])]
        .map((place) => `${place.symbol} (${place.file})`)
        .join('; '),
  ],
  ['Categories seen in the code', (a) => (a.code?.categoriesSeen ?? []).join('; ')],
  [
    'Guards per tier',
    (a) =>
      (a.code?.guards ?? [])
        .map(({ tier, guards, unguardedSinks }) => {
          const name = a.tiers.find((candidate) => candidate.id === tier)?.name ?? tier;
          const places = [
            ...guards.map((guard) => `${guard.symbol} (${guard.file})`),
            ...unguardedSinks.map((sink) => `no guard on a path to ${sink.symbol} (${sink.file})`),
          ];
          return `${name}: ${places.length === 0 ? 'none found' : places.join(', ')}`;
        })
        .join('; '),
  ],
];

/**
 * Renders the record as CSV (RFC 4180: CRLF line ends, quoted fields), one row per activity;
 * a cell a spreadsheet would read as a formula is neutralised (OWASP's CSV-injection guidance).
 */
export function renderCsv(record: ProcessingRecord, template: CsvTemplate = 'cnil'): string {
  const base = template === 'ico' ? ICO_COLUMNS : CNIL_COLUMNS;
  // With code evidence, two more columns before the source: where it happens, and the guards.
  const columns = record.withCodeEvidence
    ? [...base.slice(0, -1), ...CODE_COLUMNS, ...base.slice(-1)]
    : base;
  const rows = [
    columns.map(([header]) => header),
    ...record.activities.map((activity) => columns.map(([, value]) => value(activity, record))),
  ];
  // csv-stringify quotes and escapes; it leaves formulas alone unless asked, so the cells are
  // neutralised here, by the same rule as every other output.
  return stringify(
    rows.map((row) => row.map(toSafeCsvCell)),
    { record_delimiter: '\r\n' },
  );
}

function party(value: RecordParty): string {
  return [value.name, value.email, value.phone, value.address, value.url]
    .filter(Boolean)
    .join(', ');
}

function optionalParty(value: RecordParty | undefined): string {
  return value === undefined ? '' : party(value);
}

function sensitive(activity: ProcessingActivity): string {
  return activity.categories
    .filter((category) => category.special || category.minors)
    .map((category) => {
      const kinds = [
        category.special
          ? category.article9Condition === undefined
            ? 'special category, no Art. 9(2) condition stated'
            : `special category, Art. 9(2)(${category.article9Condition})`
          : '',
        category.minors ? 'concerns children' : '',
      ].filter(Boolean);
      return `${category.name} (${kinds.join('; ')})`;
    })
    .join('; ');
}

function retention(activity: ProcessingActivity): string {
  const parts = activity.categories.map(
    (category) =>
      `${category.name}: ${category.retention === undefined ? 'not stated' : durationCell(category.retention)}`,
  );
  if (activity.retention !== undefined)
    parts.unshift(`This purpose: ${durationCell(activity.retention)}`);
  return parts.join('; ');
}

function recipients(activity: ProcessingActivity): string {
  if (activity.recipients === undefined) return '';
  if (activity.recipients.length === 0) return 'None';
  return activity.recipients
    .map(
      (recipient) =>
        `${recipient.name} (${[ROLE_NAMES[recipient.role], recipient.country].filter(Boolean).join(', ')})`,
    )
    .join('; ');
}

function dpia(activity: ProcessingActivity): string {
  if (activity.dpia === undefined) return '';
  const status = DPIA_NAMES[activity.dpia.status];
  return activity.dpia.reference === undefined ? status : `${status}: ${activity.dpia.reference}`;
}

function tiers(activity: ProcessingActivity): string {
  return activity.tiers
    .map((tier) => {
      const g = tier.guarantee;
      if (g === undefined) return `${tier.name}: not stated`;
      if (g.default === 'excluded') return `${tier.name}: never processed`;
      if (g.control === 'none') return `${tier.name}: no choice (${g.default})`;
      return `${tier.name}: ${g.control} by ${MECHANISM_NAMES[g.mechanism]}, default ${g.default}${g.freeOfCharge ? '' : ', not free'}`;
    })
    .join('; ');
}

function source(activity: ProcessingActivity, record: ProcessingRecord): string {
  return `${RECORD_MARKER} from ${record.policyFile}#/purposes/${activity.id}`;
}
