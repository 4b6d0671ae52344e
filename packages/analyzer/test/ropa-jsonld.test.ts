import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy } from '@consentry/policy';
import type { LegalBasis, PurposeKind } from '@consentry/sdk';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { buildRecord } from '../src/ropa/record.js';
import { DPV_VERSION, renderJsonLd } from '../src/ropa/render-jsonld.js';

const packageDir = new URL('..', import.meta.url).pathname;
const dpvTerms = new Set(
  readFileSync(join(packageDir, 'test/fixtures/dpv/dpv-2.2-terms.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#')),
);
const dpvPrefixes = ['dpv', 'eu-gdpr', 'ai', 'loc'];

const kinds: PurposeKind[] = [
  'training',
  'fine-tuning',
  'evaluation',
  'inference',
  'analytics',
  'service',
  'security',
  'marketing',
  'other',
];
const bases: LegalBasis[] = [
  'consent',
  'contract',
  'legal-obligation',
  'vital-interests',
  'public-task',
  'legitimate-interests',
];
const safeguards = [
  'adequacy-decision',
  'standard-contractual-clauses',
  'binding-corporate-rules',
  'certification',
  'code-of-conduct',
  'derogation',
];

/** A policy that reaches every branch of the JSON-LD mapping: each kind, basis, role and safeguard. */
const everyBranch = {
  version: 1,
  controller: {
    name: 'Atelier Quill SAS',
    email: 'privacy@quill.example',
    dpo: { name: 'Inès Moreau' },
    euRepresentative: { name: 'Quill EU Rep Ltd' },
    jointControllers: [{ name: 'Quill Research GmbH' }],
  },
  tiers: { free: { name: 'Free' } },
  subjects: { writers: { name: 'Writers' } },
  categories: {
    drafts: { name: 'Drafts', retention: 'P1Y', source: 'The editor' },
    health: { name: 'Health notes', special: true, article9Condition: 'a', retention: 'P6M' },
  },
  purposes: Object.fromEntries(
    kinds.map((kind, index) => [
      `purpose-${kind}`,
      {
        description: `Processing of kind ${kind}.`,
        kind,
        legalBasis: bases[index % bases.length],
        ...(bases[index % bases.length] === 'legitimate-interests'
          ? { legitimateInterestAssessment: `LIA-${index}` }
          : {}),
        dpia: { status: 'completed', reference: `DPIA-${index}` },
        categories: ['drafts', 'health'],
        subjects: ['writers'],
        retention: 'P6M',
        securityMeasures: ['Encryption at rest'],
        recipients: [
          { name: 'Tensor Cloud Inc.', role: 'processor', country: 'US' },
          { name: 'Label Partners Pvt Ltd', role: 'sub-processor', country: 'IN' },
          { name: 'Auditors LLP', role: 'recipient', country: 'GB' },
          { name: 'Quill Research GmbH', role: 'joint-controller', country: 'DE' },
        ],
        transfers: safeguards.map((safeguard) => ({
          country: 'US',
          recipient: 'Tensor Cloud Inc.',
          safeguard,
        })),
      },
    ]),
  ),
};

function render(policy: unknown, file = 'consentry.yaml') {
  const loaded = parsePolicy(stringify(policy), join(packageDir, file));
  const text = renderJsonLd(buildRecord({ policy: loaded, root: packageDir }));
  return JSON.parse(text) as { '@context': Record<string, string>; '@graph': unknown[] };
}

/** Every compact IRI the document uses, as a property, a type or an id. */
function termsOf(document: { '@graph': unknown[] }): Set<string> {
  const found = new Set<string>();
  const visit = (value: unknown, key?: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, key);
    } else if (value !== null && typeof value === 'object') {
      for (const [name, child] of Object.entries(value)) {
        if (!name.startsWith('@')) found.add(name);
        visit(child, name);
      }
    } else if (typeof value === 'string' && (key === '@id' || key === '@type')) {
      found.add(value);
    }
  };
  visit(document['@graph']);
  return found;
}

function idsOf(document: { '@graph': unknown[] }): string[] {
  const ids: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) visit(item);
    else if (value !== null && typeof value === 'object') {
      for (const [name, child] of Object.entries(value)) {
        if (name === '@id' && typeof child === 'string') ids.push(child);
        else visit(child);
      }
    }
  };
  visit(document['@graph']);
  return ids;
}

describe(`the JSON-LD record in DPV ${DPV_VERSION} terms`, () => {
  const example = render(
    parsePolicy(
      readFileSync(join(packageDir, 'test/fixtures/ropa/consentry.yaml'), 'utf8'),
      'consentry.yaml',
    ).policy,
  );
  const full = render(everyBranch);

  it('uses only DPV terms from the shipped DPV 2.2 term list', () => {
    for (const document of [example, full]) {
      const dpv = [...termsOf(document)].filter((term) =>
        dpvPrefixes.includes(term.split(':')[0] ?? ''),
      );
      expect(dpv.length).toBeGreaterThan(30);
      expect(dpv.filter((term) => !dpvTerms.has(term)).sort()).toEqual([]);
    }
  });

  it('types the DPIA as dpv:DPIA and the balancing test as dpv:LegitimateInterestAssessment', () => {
    const terms = termsOf(full);
    expect(terms).toContain('dpv:DPIA');
    expect(terms).toContain('dpv:LegitimateInterestAssessment');
    expect(terms).toContain('ai:ModelTraining');
    expect(terms).not.toContain('eu-gdpr:DPIA');
    expect(terms).not.toContain('eu-gdpr:BalancingTest');
    expect(terms).not.toContain('ai:ModelFineTuning');
  });

  it('gives every node an absolute id under the @base, so RDF needs no base to keep it', () => {
    for (const document of [example, full]) {
      const base = document['@context']['@base'];
      expect(base).toBe('urn:consentry:record:atelier-quill-sas');
      const ids = idsOf(document);
      const nodes = ids.filter((id) => id.startsWith('urn:'));
      expect(nodes.length).toBeGreaterThan(5);
      for (const id of nodes) expect(id.startsWith(`${base}#`), id).toBe(true);
      // Everything else is a compact IRI whose prefix the context declares, or a URL.
      for (const id of ids.filter((candidate) => !candidate.startsWith('urn:'))) {
        const prefix = id.split(':')[0] ?? '';
        expect(
          id in document['@context'] || prefix in document['@context'] || /^https?:\/\//.test(id),
          id,
        ).toBe(true);
      }
      expect(ids.filter((id) => !/^[a-z][a-z0-9+.-]*:/.test(id))).toEqual([]);
    }
  });

  it('names the DPV release it conforms to', () => {
    expect(full['@graph'][0]).toMatchObject({
      '@type': 'dpv:ROPA',
      'dct:conformsTo': { '@id': 'https://w3id.org/dpv/2.2' },
    });
  });
});
