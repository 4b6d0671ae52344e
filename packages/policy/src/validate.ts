import type { ErrorObject } from 'ajv/dist/2020.js';
import { validate as validateSchema } from './generated/policy-validator.js';
import { toPointer } from './pointer.js';
import { policySchema } from './schema.js';
import { didYouMean, listOf } from './suggest.js';

/** A problem found in a policy value, placed by a JSON pointer before it is placed in a file. */
export interface ValueProblem {
  readonly pointer: string;
  readonly message: string;
}

type Segments = readonly string[];
type JsonObject = Readonly<Record<string, unknown>>;

const COLLECTIONS: Readonly<Record<string, string>> = {
  tiers: 'tier',
  subjects: 'subject',
  categories: 'category',
  purposes: 'purpose',
};

/** Checks a policy value against the schema and its internal references, returning every problem. */
export function validatePolicyValue(value: unknown, dialect: Dialect): ValueProblem[] {
  const words = WORDS[dialect];
  // Compiled from the schema ahead of time (npm run gen:types), in sync by test.
  const validate = validateSchema;
  const problems: ValueProblem[] = [];
  if (!validate(value)) {
    for (const error of validate.errors ?? []) {
      const problem = toValueProblem(error, words, dialect);
      if (problem !== undefined) problems.push(problem);
    }
  }
  const flagged = new Set(problems.map((problem) => problem.pointer));
  for (const problem of checkReferences(value)) {
    if (!flagged.has(problem.pointer)) problems.push(problem);
  }
  return dedupe(problems);
}

function dedupe(problems: readonly ValueProblem[]): ValueProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.pointer}\u0000${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function segmentsOf(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A noun phrase naming the value at a path, e.g. `legalBasis of purpose "model-training"`. */
export function describePath(segments: Segments): string {
  if (segments.length === 0) return 'the policy';
  let entity: string | undefined;
  let rest = segments;
  const [top, id] = segments;
  const kind = top === undefined ? undefined : COLLECTIONS[top];
  if (kind !== undefined && id !== undefined) {
    entity = `${kind} "${id}"`;
    rest = segments.slice(2);
    if (top === 'purposes' && rest[0] === 'tiers' && rest[1] !== undefined) {
      entity = `the guarantee for tier "${rest[1]}" in purpose "${id}"`;
      rest = rest.slice(2);
    }
  }
  const path = rest
    .map((segment, index) =>
      /^\d+$/.test(segment) ? `[${segment}]` : index === 0 ? segment : `.${segment}`,
    )
    .join('');
  if (entity === undefined) return path;
  return path === '' ? entity : `${path} of ${entity}`;
}

function describeKey(parent: Segments): string {
  const last = parent[parent.length - 1];
  const kind = last === undefined ? undefined : COLLECTIONS[last];
  if (kind !== undefined && (parent.length === 1 || (parent.length === 3 && last === 'tiers'))) {
    return `${kind} id`;
  }
  return `key of ${describePath(parent)}`;
}

/** How values are named in messages: in YAML terms, or in TypeScript terms. */
export type Dialect = 'yaml' | 'typescript';

interface Words {
  readonly object: string;
  readonly array: string;
  readonly null: string;
  readonly objectType: string;
}

const WORDS: Readonly<Record<Dialect, Words>> = {
  yaml: {
    object: 'a mapping',
    array: 'a list',
    null: 'an empty value',
    objectType: 'a mapping of keys to values',
  },
  typescript: { object: 'an object', array: 'an array', null: 'null', objectType: 'an object' },
};

function show(value: unknown, words: Words): string {
  if (value === null) return words.null;
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return words.array;
  if (typeof value === 'object') return words.object;
  return String(value);
}

function typeName(type: string, words: Words): string {
  switch (type) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'integer':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'object':
      return words.objectType;
    case 'array':
      return words.array;
    default:
      return type;
  }
}

function typeOf(value: unknown, words: Words): string {
  if (value === null) return words.null;
  if (Array.isArray(value)) return words.array;
  if (typeof value === 'object') return words.object;
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  return typeof value;
}

interface PatternHelp {
  readonly expected: string;
  suggest?(value: string): string | undefined;
}

const PATTERN_HELP: ReadonlyMap<string, PatternHelp> = new Map<string, PatternHelp>([
  [
    '^[a-z][a-z0-9]*(-[a-z0-9]+)*$',
    {
      expected: 'kebab-case: lower-case letters, digits and single hyphens, starting with a letter',
      suggest: suggestId,
    },
  ],
  [
    '^P(?=\\d)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?$',
    { expected: 'an ISO 8601 duration such as P30D, P6M, P2Y or P1Y6M', suggest: suggestDuration },
  ],
  ['^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', { expected: 'an email address such as privacy@example.com' }],
  ['^https?://', { expected: 'a URL starting with https:// or http://' }],
  [
    '^[A-Z]{2}$',
    {
      expected: 'a two-letter ISO 3166-1 country code in capitals, such as IE or US',
      suggest: (value) => (/^[a-z]{2}$/.test(value) ? value.toUpperCase() : undefined),
    },
  ],
  [
    '^(default|[A-Za-z_$][A-Za-z0-9_$]*)(\\.[A-Za-z_$][A-Za-z0-9_$]*)*$',
    { expected: 'an export and an optional member path: Export, Export.member or default' },
  ],
  [
    '^[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*$',
    { expected: 'a property path such as settings.allowTraining' },
  ],
]);

function suggestId(value: string): string | undefined {
  const id = value
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '');
  return /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id) && id.length <= 64 ? id : undefined;
}

function suggestDuration(value: string): string | undefined {
  const match = /^(\d+)\s*(d|days?|w|weeks?|m|months?|y|years?)$/i.exec(value.trim());
  if (match === null) return undefined;
  const unit = match[2]!.charAt(0).toUpperCase();
  return `P${match[1]}${unit}`;
}

function schemaOf(error: ErrorObject): JsonObject {
  return (error.parentSchema ?? {}) as JsonObject;
}

function resolveRef(schema: unknown): JsonObject | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const ref = (schema as JsonObject).$ref;
  if (typeof ref !== 'string') return schema as JsonObject;
  const name = ref.replace('#/$defs/', '');
  const defs = policySchema.$defs as Readonly<Record<string, JsonObject>>;
  return defs[name];
}

function toValueProblem(
  error: ErrorObject,
  words: Words,
  dialect: Dialect,
): ValueProblem | undefined {
  const at = segmentsOf(error.instancePath);
  const subject = describePath(at);
  const data: unknown = error.data;
  const params = error.params as Readonly<Record<string, unknown>>;
  switch (error.keyword) {
    case 'propertyNames':
      // Ajv also reports the failing keyword inside `propertyNames`, which says more.
      return undefined;
    case 'required': {
      const missing = String(params.missingProperty);
      const properties = (schemaOf(error).properties ?? {}) as JsonObject;
      const values = resolveRef(properties[missing])?.enum;
      const hint = Array.isArray(values) ? `; one of ${listOf(values.map(String))}` : '';
      return {
        pointer: toPointer(at),
        message: `${subject} is missing the required property "${missing}"${hint}`,
      };
    }
    case 'additionalProperties': {
      const unknown = String(params.additionalProperty);
      const allowed = Object.keys((schemaOf(error).properties ?? {}) as JsonObject);
      return {
        pointer: toPointer([...at, unknown]),
        message: `${subject} has an unknown property "${unknown}"${didYouMean(unknown, allowed)}; allowed: ${listOf(allowed)}`,
      };
    }
    case 'enum': {
      const allowed = (params.allowedValues as readonly unknown[]).map(String);
      const hint = typeof data === 'string' ? didYouMean(data, allowed) : '';
      return {
        pointer: toPointer(at),
        message: `${subject} must be one of ${listOf(allowed)}, not ${show(data, words)}${hint}`,
      };
    }
    case 'const':
      return {
        pointer: toPointer(at),
        message: `${subject} must be ${JSON.stringify(params.allowedValue)}, not ${show(data, words)}`,
      };
    case 'type': {
      const expected = String(params.type)
        .split(',')
        .map((type) => typeName(type, words))
        .join(' or ');
      // YAML 1.1 read yes/no/on/off as booleans; YAML 1.2, and so this loader, reads strings.
      const hint =
        dialect === 'yaml' &&
        params.type === 'boolean' &&
        typeof data === 'string' &&
        /^(?:y|n|yes|no|on|off)$/i.test(data)
          ? ` (YAML 1.2 reads ${data} as a string)`
          : '';
      return {
        pointer: toPointer(at),
        message: `${subject} must be ${expected}, not ${typeOf(data, words)}${hint}`,
      };
    }
    case 'pattern': {
      const pattern = String(params.pattern);
      const help = PATTERN_HELP.get(pattern);
      const expected = help?.expected ?? `a string matching /${pattern}/`;
      if (error.propertyName !== undefined) {
        const key = error.propertyName;
        const suggestion = help?.suggest?.(key);
        return {
          pointer: toPointer([...at, key]),
          message: `${describeKey(at)} "${key}" is not valid: it must be ${expected}${suggestion === undefined ? '' : ` (try "${suggestion}")`}`,
        };
      }
      const suggestion = typeof data === 'string' ? help?.suggest?.(data) : undefined;
      return {
        pointer: toPointer(at),
        message: `${subject} must be ${expected}, not ${show(data, words)}${suggestion === undefined ? '' : ` (try "${suggestion}")`}`,
      };
    }
    case 'minLength':
      return {
        pointer: toPointer(at),
        message:
          params.limit === 1
            ? `${subject} must not be empty`
            : `${subject} must be at least ${String(params.limit)} characters long`,
      };
    case 'maxLength':
      return {
        pointer: toPointer(error.propertyName === undefined ? at : [...at, error.propertyName]),
        message: `${error.propertyName === undefined ? subject : `${describeKey(at)} "${error.propertyName}"`} must be at most ${String(params.limit)} characters long`,
      };
    case 'minProperties': {
      const last = at[at.length - 1];
      const kind = last === undefined ? undefined : COLLECTIONS[last];
      return {
        pointer: toPointer(at),
        message: `${subject} must declare at least one ${kind ?? 'entry'}`,
      };
    }
    case 'uniqueItems': {
      const index = Number(params.i);
      const item = Array.isArray(data) ? data[index] : undefined;
      return {
        pointer: toPointer([...at, String(index)]),
        message: `${subject} lists ${show(item, words)} more than once`,
      };
    }
    case 'minimum':
      return {
        pointer: toPointer(at),
        message: `${subject} must be ${String(params.limit)} or more, not ${show(data, words)}`,
      };
    default:
      return { pointer: toPointer(at), message: `${subject} ${error.message ?? 'is not valid'}` };
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idsOf(policy: JsonObject, collection: string): string[] | undefined {
  const value = policy[collection];
  return isObject(value) ? Object.keys(value) : undefined;
}

function unknownId(kind: string, collection: string, id: string, declared: readonly string[]) {
  return `unknown ${kind} "${id}"${didYouMean(id, declared)}; declared ${collection}: ${declared.length === 0 ? 'none' : listOf(declared)}`;
}

/** Finds ids that name a tier, subject, category or purpose the policy does not declare. */
function checkReferences(value: unknown): ValueProblem[] {
  if (!isObject(value)) return [];
  const problems: ValueProblem[] = [];
  const tiers = idsOf(value, 'tiers');
  const subjects = idsOf(value, 'subjects');
  const categories = idsOf(value, 'categories');
  const purposes = idsOf(value, 'purposes');

  const checkList = (
    at: Segments,
    list: unknown,
    declared: readonly string[] | undefined,
    kind: string,
    collection: string,
    owner: string,
  ) => {
    if (declared === undefined || !Array.isArray(list)) return;
    list.forEach((id, index) => {
      if (typeof id === 'string' && !declared.includes(id)) {
        problems.push({
          pointer: toPointer([...at, String(index)]),
          message: `${owner} names an ${unknownId(kind, collection, id, declared)}`,
        });
      }
    });
  };

  const purposeMap = value.purposes;
  if (isObject(purposeMap)) {
    for (const [id, purpose] of Object.entries(purposeMap)) {
      if (!isObject(purpose)) continue;
      const owner = `purpose "${id}"`;
      const at = ['purposes', id];
      checkList(
        [...at, 'categories'],
        purpose.categories,
        categories,
        'category',
        'categories',
        owner,
      );
      checkList([...at, 'subjects'], purpose.subjects, subjects, 'subject', 'subjects', owner);
      if (tiers !== undefined && isObject(purpose.tiers)) {
        for (const tier of Object.keys(purpose.tiers)) {
          if (!tiers.includes(tier)) {
            problems.push({
              pointer: toPointer([...at, 'tiers', tier]),
              message: `${owner} gives a guarantee to an ${unknownId('tier', 'tiers', tier, tiers)}`,
            });
          }
        }
      }
    }
  }

  const code = value.code;
  if (isObject(code)) {
    const checkField = (
      list: string,
      field: string,
      declared: readonly string[] | undefined,
      kind: string,
      collection: string,
    ) => {
      const entries = code[list];
      if (declared === undefined || !Array.isArray(entries)) return;
      entries.forEach((entry: unknown, index) => {
        if (!isObject(entry)) return;
        const id = entry[field];
        if (typeof id === 'string' && !declared.includes(id)) {
          problems.push({
            pointer: toPointer(['code', list, String(index), field]),
            message: `${describePath(['code', list, String(index)])} names an ${unknownId(kind, collection, id, declared)}`,
          });
        }
      });
    };
    checkField('sources', 'category', categories, 'category', 'categories');
    checkField('sinks', 'purpose', purposes, 'purpose', 'purposes');
    checkField('guards', 'purpose', purposes, 'purpose', 'purposes');
  }
  return problems;
}
