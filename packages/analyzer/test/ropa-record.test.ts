import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy } from '@consentry/policy';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { CodeEvidence } from '../src/ropa/evidence.js';
import { buildRecord, RECORD_MARKER } from '../src/ropa/record.js';
import {
  isGeneratedRecord,
  RECORD_FORMATS,
  type RecordFormat,
  renderRecord,
} from '../src/ropa/render.js';
import { displayWidth } from '../src/ropa/render-markdown.js';

const packageDir = new URL('..', import.meta.url).pathname;
const fixtureDir = join(packageDir, 'test/fixtures/ropa');
const policyFile = join(fixtureDir, 'consentry.yaml');
const loaded = parsePolicy(readFileSync(policyFile, 'utf8'), policyFile);
const schema = JSON.parse(
  readFileSync(join(packageDir, '../../schemas/record.schema.json'), 'utf8'),
) as Record<string, unknown>;

const evidence: CodeEvidence = {
  purposes: {
    'style-model-fine-tuning': {
      sinks: [
        { file: 'src/training/upload.ts', line: 31, symbol: 'uploadFineTuningFile' },
        { file: 'src/training/export.ts', line: 12, symbol: 'exportDrafts' },
        { file: 'src/training/export.ts', line: 12, symbol: 'exportDrafts' },
      ],
      categories: ['drafts', 'account'],
      guards: [
        { tier: 'pro', file: 'src/training/export.ts', line: 9, symbol: 'hasTrainingOptOut' },
        { tier: 'free', file: 'src/training/export.ts', line: 9, symbol: 'hasTrainingOptOut' },
        { tier: 'school', file: 'src/training/export.ts', line: 5, symbol: 'isSchoolAccount' },
      ],
    },
    'writing-service': { sinks: [], categories: [], guards: [] },
  },
};

const policyOnly = buildRecord({ policy: loaded, root: fixtureDir });
const withCode = buildRecord({ policy: loaded, root: fixtureDir, evidence });

describe('buildRecord', () => {
  it('makes one activity per purpose, sorted by id, with paths relative to the root', () => {
    expect(policyOnly.policyFile).toBe('consentry.yaml');
    expect(policyOnly.activities.map((activity) => activity.id)).toEqual([
      'newsletter',
      'style-model-fine-tuning',
      'writing-service',
    ]);
    expect(policyOnly.withCodeEvidence).toBe(false);
    expect(policyOnly.activities.every((activity) => activity.code === undefined)).toBe(true);
  });

  it('carries the Art. 30(1) fields of each purpose', () => {
    const training = policyOnly.activities.find(
      (activity) => activity.id === 'style-model-fine-tuning',
    )!;
    expect(training).toMatchObject({
      training: true,
      legalBasis: { basis: 'legitimate-interests', article: 'Art. 6(1)(f)' },
      legitimateInterestAssessment: 'LIA-2026-07',
      dpia: { status: 'completed', reference: 'DPIA-2026-02' },
      retention: 'P6M',
    });
    expect(training.transfers.map((transfer) => transfer.country)).toEqual(['US', 'IN']);
    expect(training.rights.map((right) => right.article)).toContain('Art. 21');
    expect(training.tiers.map((tier) => [tier.id, tier.guarantee?.default])).toEqual([
      ['free', 'included'],
      ['pro', 'included'],
      ['school', 'excluded'],
    ]);
    const newsletter = policyOnly.activities.find((activity) => activity.id === 'newsletter')!;
    expect(newsletter.recipients).toEqual([]);
    expect(newsletter.rights.map((right) => right.article)).toContain('Art. 7(3)');
    expect(newsletter.tiers.find((tier) => tier.id === 'pro')?.guarantee).toBeUndefined();
  });

  it('adds code evidence per purpose: sorted, deduplicated sinks and guards for every tier', () => {
    const training = withCode.activities.find(
      (activity) => activity.id === 'style-model-fine-tuning',
    )!;
    // Functions and files only: the lines are in the evidence appendix.
    expect(training.code).toEqual({
      sinks: [
        { file: 'src/training/export.ts', symbol: 'exportDrafts' },
        { file: 'src/training/upload.ts', symbol: 'uploadFineTuningFile' },
      ],
      checks: [
        { file: 'src/training/export.ts', symbol: 'hasTrainingOptOut' },
        { file: 'src/training/export.ts', symbol: 'isSchoolAccount' },
      ],
      categoriesSeen: ['account', 'drafts'],
      undeclaredCategories: ['account'],
      guards: [
        {
          tier: 'free',
          guards: [{ file: 'src/training/export.ts', symbol: 'hasTrainingOptOut' }],
          unguardedSinks: [],
        },
        {
          tier: 'pro',
          guards: [{ file: 'src/training/export.ts', symbol: 'hasTrainingOptOut' }],
          unguardedSinks: [],
        },
        {
          tier: 'school',
          guards: [{ file: 'src/training/export.ts', symbol: 'isSchoolAccount' }],
          unguardedSinks: [],
        },
      ],
    });
    expect(
      withCode.evidence?.filter((entry) => entry.activity === 'style-model-fine-tuning'),
    ).toEqual([
      {
        activity: 'style-model-fine-tuning',
        role: 'guard',
        tier: 'school',
        file: 'src/training/export.ts',
        symbol: 'isSchoolAccount',
        line: 5,
      },
      {
        activity: 'style-model-fine-tuning',
        role: 'guard',
        tier: 'free',
        file: 'src/training/export.ts',
        symbol: 'hasTrainingOptOut',
        line: 9,
      },
      {
        activity: 'style-model-fine-tuning',
        role: 'guard',
        tier: 'pro',
        file: 'src/training/export.ts',
        symbol: 'hasTrainingOptOut',
        line: 9,
      },
      {
        activity: 'style-model-fine-tuning',
        role: 'sink',
        file: 'src/training/export.ts',
        symbol: 'exportDrafts',
        line: 12,
      },
      {
        activity: 'style-model-fine-tuning',
        role: 'sink',
        file: 'src/training/upload.ts',
        symbol: 'uploadFineTuningFile',
        line: 31,
      },
    ]);
    const newsletter = withCode.activities.find((activity) => activity.id === 'newsletter')!;
    expect(newsletter.code?.sinks).toEqual([]);
  });

  it('makes absolute evidence paths relative to the root', () => {
    const record = buildRecord({
      policy: loaded,
      root: fixtureDir,
      evidence: {
        purposes: {
          newsletter: {
            sinks: [{ file: join(fixtureDir, 'src/mail.ts'), line: 3, symbol: 'sendNews' }],
            categories: [],
            guards: [],
          },
        },
      },
    });
    expect(record.activities[0]?.code?.sinks).toEqual([
      { file: 'src/mail.ts', symbol: 'sendNews' },
    ]);
    expect(record.evidence).toEqual([
      { activity: 'newsletter', role: 'sink', file: 'src/mail.ts', symbol: 'sendNews', line: 3 },
    ]);
  });

  it('has no timestamp unless one is given', () => {
    expect(policyOnly.generatedAt).toBeUndefined();
    for (const format of RECORD_FORMATS) {
      expect(renderRecord(policyOnly, format)).not.toMatch(/20\d\d-\d\d-\d\dT/);
    }
    const stamped = buildRecord({
      policy: loaded,
      root: fixtureDir,
      generatedAt: new Date(Date.UTC(2026, 10, 28, 9, 30)),
    });
    expect(stamped.generatedAt).toBe('2026-11-28T09:30:00.000Z');
    expect(renderRecord(stamped, 'markdown')).toContain('Generated at 2026-11-28T09:30:00.000Z.');
    expect(renderRecord(stamped, 'csv')).toContain(',2026-11-28,');
  });
});

describe('renderRecord', () => {
  const formats: readonly [RecordFormat, string, { csvTemplate?: 'cnil' | 'ico' }][] = [
    ['markdown', 'processing-record.md', {}],
    ['html', 'processing-record.html', {}],
    ['csv', 'processing-record.cnil.csv', {}],
    ['csv', 'processing-record.ico.csv', { csvTemplate: 'ico' }],
    ['json', 'processing-record.json', {}],
    ['jsonld', 'processing-record.jsonld', {}],
  ];

  for (const [format, file, options] of formats) {
    it(`renders ${file} byte for byte the same every time, with the generator marker`, async () => {
      const first = renderRecord(withCode, format, options);
      const again = renderRecord(
        buildRecord({ policy: loaded, root: fixtureDir, evidence }),
        format,
        options,
      );
      expect(again).toBe(first);
      expect(isGeneratedRecord(first)).toBe(true);
      expect(first).toContain(RECORD_MARKER);
      expect(first).not.toContain(packageDir);
      // Golden files end in .golden so formatters leave the generated bytes alone.
      await expect(first).toMatchFileSnapshot(join(fixtureDir, 'expected', `${file}.golden`));
    });
  }

  it('defaults to Markdown', () => {
    expect(renderRecord(policyOnly)).toBe(renderRecord(policyOnly, 'markdown'));
  });

  it('leaves out the code section when built from the policy alone', () => {
    expect(renderRecord(policyOnly, 'markdown')).not.toContain('Where it happens in the code');
    expect(renderRecord(withCode, 'markdown')).toContain('Where it happens in the code');
    expect(renderRecord(withCode, 'markdown')).toMatch(
      /^\| School +\| `isSchoolAccount` +\| +\| `src\/training\/export\.ts` +\|$/m,
    );
  });
});

describe('Markdown record', () => {
  const markdown = renderRecord(withCode, 'markdown');

  it('links its contents and summary to headings that exist, by the ids GitHub gives them', () => {
    const slugs = new Map<string, number>();
    const ids = new Set<string>();
    for (const [, text] of markdown.matchAll(/^#{1,3} (.+)$/gm)) {
      const base = text!
        .replace(/\\(.)/g, '$1')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-');
      const seen = slugs.get(base);
      slugs.set(base, (seen ?? 0) + 1);
      ids.add(seen === undefined ? base : `${base}-${seen}`);
    }
    const targets = [...markdown.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]!);
    expect(targets.length).toBeGreaterThan(5);
    expect(targets.filter((target) => !ids.has(target))).toEqual([]);
  });

  it('escapes pipes and flattens line breaks inside table cells', () => {
    expect(markdown).toContain('commas, and \\| pipes.');
    expect(markdown).toContain('Name, email address and plan.');
    for (const line of markdown.split('\n').filter((row) => row.startsWith('|'))) {
      expect(line.endsWith('|'), line).toBe(true);
    }
  });
});

describe('displayWidth', () => {
  it('counts wide characters twice and combining marks not at all, as Markdown formatters do', () => {
    expect(displayWidth('Inès')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('日本語')).toBe(6);
    expect(displayWidth('🙂é')).toBe(3);
    expect(displayWidth('©')).toBe(1);
  });

  it('pads every table column to one width', () => {
    const rows = renderRecord(withCode, 'markdown')
      .split('\n')
      .filter((line) => line.startsWith('| Tier '));
    expect(rows.length).toBeGreaterThan(0);
    const markdown = renderRecord(withCode, 'markdown').split('\n');
    const start = markdown.indexOf(rows[0]!);
    const widths = markdown
      .slice(start, markdown.indexOf('', start))
      .map((line) => line.split(' | ').map((cell) => displayWidth(cell)));
    expect(new Set(widths.map((cells) => cells.join(','))).size).toBe(1);
  });
});

describe('CSV record', () => {
  for (const template of ['cnil', 'ico'] as const) {
    it(`${template}: one RFC 4180 row per activity, every row as wide as the header`, () => {
      const csv = renderRecord(withCode, 'csv', { csvTemplate: template });
      expect(csv.endsWith('\r\n')).toBe(true);
      const rows = parseCsv(csv);
      expect(rows).toHaveLength(withCode.activities.length + 1);
      const width = rows[0]!.length;
      expect(rows.every((row) => row.length === width)).toBe(true);
      expect(rows[0]![width - 1]).toBe('Record source');
      expect(rows[2]![width - 1]).toBe(
        'Generated by Consentry from consentry.yaml#/purposes/style-model-fine-tuning',
      );
    });
  }

  it('follows the CNIL register and the ICO template columns', () => {
    const cnil = parseCsv(renderRecord(policyOnly, 'csv'))[0]!;
    expect(cnil.slice(0, 3)).toEqual(['Processing activity', 'Reference', 'Last update']);
    expect(cnil).toEqual(
      expect.arrayContaining(['Erasure periods', 'Transfers outside the EU', 'Security measures']),
    );
    const ico = parseCsv(renderRecord(policyOnly, 'csv', { csvTemplate: 'ico' }))[0]!;
    expect(ico[0]).toBe('Business function');
    expect(ico).toEqual(
      expect.arrayContaining([
        'Article 6 lawful basis for processing personal data',
        'Link to record of legitimate interests assessment (if applicable)',
        'Retention schedule (if possible)',
      ]),
    );
  });

  it('quotes commas, quotes and line breaks, and reads back to the same text', () => {
    const csv = renderRecord(policyOnly, 'csv');
    const rows = parseCsv(csv);
    const column = (name: string) => rows.map((row) => row[rows[0]!.indexOf(name)]);
    expect(column('Purpose')).toContain('Send product news,\nonce a month.');
    expect(csv).toContain('"Send product news,\nonce a month."');
    expect(column('Security measures')).toContain(
      'Names and emails removed from drafts before training ("scrubbing")',
    );
    expect(csv).toContain('""scrubbing""');
    expect(column('Categories of personal data')).toContain('Account; Drafts; Pupil essays');
    expect(csv).toContain(',Account; Drafts; Pupil essays,');
  });
});

describe('JSON record', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  const validate = ajv.compile(schema);

  it('validates against schemas/record.schema.json, with and without code evidence and a timestamp', () => {
    const stamped = buildRecord({
      policy: loaded,
      root: fixtureDir,
      evidence,
      generatedAt: new Date(0),
    });
    for (const record of [policyOnly, withCode, stamped]) {
      const value = JSON.parse(renderRecord(record, 'json')) as unknown;
      expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('rejects a record that is not one', () => {
    const value = JSON.parse(renderRecord(policyOnly, 'json')) as Record<string, unknown>;
    expect(validate({ ...value, generator: 'hand-written' })).toBe(false);
    expect(validate({ ...value, activities: [{ id: 'x' }] })).toBe(false);
  });

  it('names its schema, whose $id is the one renderJson writes', () => {
    const value = JSON.parse(renderRecord(policyOnly, 'json')) as Record<string, unknown>;
    expect(value.$schema).toBe(schema.$id);
  });
});

describe('JSON-LD record', () => {
  const document = JSON.parse(renderRecord(withCode, 'jsonld')) as {
    '@context': Record<string, string>;
    '@graph': Record<string, unknown>[];
  };
  const graph = document['@graph'];
  const text = JSON.stringify(document);

  it('uses the DPV, eu-gdpr and DPV-AI namespaces', () => {
    expect(document['@context']).toMatchObject({
      dpv: 'https://w3id.org/dpv#',
      'eu-gdpr': 'https://w3id.org/dpv/legal/eu/gdpr#',
      ai: 'https://w3id.org/dpv/ai#',
    });
  });

  it('declares every prefix it uses', () => {
    const prefixes = new Set(Object.keys(document['@context']));
    const used = new Set<string>();
    const visit = (value: unknown, key?: string): void => {
      if (Array.isArray(value)) {
        for (const item of value) visit(item, key);
      } else if (value !== null && typeof value === 'object') {
        for (const [name, child] of Object.entries(value)) {
          if (!name.startsWith('@')) used.add(name.split(':')[0]!);
          visit(child, name);
        }
      } else if (typeof value === 'string' && (key === '@id' || key === '@type')) {
        // Node ids are absolute URNs; anything else with a colon is a compact IRI.
        const match = value.startsWith('urn:') ? null : /^([a-z][a-z-]*):(?!\/\/)/.exec(value);
        if (match !== null) used.add(match[1]!);
      }
    };
    visit(graph);
    expect([...used].filter((prefix) => !prefixes.has(prefix))).toEqual([]);
  });

  it('models the record as dpv:ROPA and fine-tuning as ai:ModelTraining on ai:TrainingData', () => {
    const base = 'urn:consentry:record:atelier-quill-sas';
    expect(graph[0]).toMatchObject({
      '@type': 'dpv:ROPA',
      'dpv:hasDataController': { '@id': `${base}#controller` },
    });
    const training = graph.find(
      (node) => node['@id'] === `${base}#activity-style-model-fine-tuning`,
    )!;
    expect(training).toMatchObject({
      '@type': 'dpv:Process',
      'dpv:hasProcessing': { '@id': 'ai:ModelTraining' },
      'dpv:hasLegalBasis': { '@id': 'eu-gdpr:A6-1-f' },
      'dpv:hasPurpose': { '@type': 'dpv:ImproveExistingProductsAndServices' },
    });
    expect(JSON.stringify(training['dpv:hasPersonalData'])).toContain('ai:TrainingData');
    expect(JSON.stringify(training['dpv:hasPersonalData'])).toContain(
      'dpv:SpecialCategoryPersonalData',
    );
    expect(JSON.stringify(training['dpv:hasRight'])).toContain('eu-gdpr:A21');
    expect(JSON.stringify(training['dpv:hasProcess'])).toContain('eu-gdpr:A46-2-c');
    expect(JSON.stringify(training['dpv:hasProcess'])).toContain('loc:US');
    const newsletter = graph.find((node) => node['@id'] === `${base}#activity-newsletter`)!;
    expect(newsletter['dpv:hasLegalBasis']).toEqual({ '@id': 'eu-gdpr:A6-1-a' });
    expect(JSON.stringify(newsletter['dpv:hasRight'])).toContain('eu-gdpr:A7-3');
    expect(text).toContain('"xsd:duration"');
  });
});

/** A strict RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (char === '\n' || char === '\r') {
      throw new Error(`bare line break outside quotes at ${i}`);
    } else field += char;
  }
  if (quoted || field !== '' || row.length > 0) throw new Error('unterminated record');
  return rows;
}
