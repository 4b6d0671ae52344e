import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadPolicy, PolicyError, parsePolicy } from '../src/index.js';

const fixture = (name: string) => new URL(`./fixtures/invalid/${name}`, import.meta.url).pathname;

/** Runs `load` and returns the PolicyError it throws, checking that it is fit to print as is. */
function policyErrorOf(load: () => unknown): PolicyError {
  let caught: unknown;
  try {
    load();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(PolicyError);
  expect(caught).toBeInstanceOf(ConfigError);
  const error = caught as PolicyError;
  // What a shell prints is the message: only `file:line:column: message` lines, no stack frames.
  for (const line of error.message.split('\n')) {
    expect(line).toMatch(/^[^\n]+:\d+:\d+: \S/);
    expect(line).not.toMatch(/^\s+at\s|node_modules|Error:/);
  }
  const first = error.problems[0]!;
  expect([error.file, error.line, error.column]).toStrictEqual([
    first.file,
    first.line,
    first.column,
  ]);
  return error;
}

/** Loads a fixture and asserts the exact lines of the error, each given as `line:column: message`. */
function expectProblems(name: string, lines: readonly string[]): PolicyError {
  const file = fixture(name);
  const error = policyErrorOf(() => loadPolicy(file));
  expect(error.message.split('\n')).toStrictEqual(lines.map((line) => `${file}:${line}`));
  return error;
}

describe('schema problems, each at the offending key', () => {
  it('names the allowed values of an enum and the one meant', () => {
    const error = expectProblems('broken-bad-enum.yaml', [
      '18:5: legalBasis of purpose "model-training" must be one of "consent", "contract", "legal-obligation", "vital-interests", "public-task", "legitimate-interests", not "legitimate-interest" (did you mean "legitimate-interests"?)',
    ]);
    expect(error.problems[0]?.pointer).toBe('/purposes/model-training/legalBasis');
  });

  it('names an unknown key, the likely intended one, and the allowed ones', () => {
    const error = expectProblems('broken-unknown-key.yaml', [
      '21:5: purpose "model-training" has an unknown property "retension" (did you mean "retention"?); allowed: "name", "description", "kind", "legalBasis", "legitimateInterestAssessment", "dpia", "categories", "subjects", "recipients", "transfers", "retention", "securityMeasures", "tiers"',
    ]);
    expect(error.problems[0]?.pointer).toBe('/purposes/model-training/retension');
  });

  it('places a missing required property at its parent key', () => {
    const error = expectProblems('broken-missing-required.yaml', [
      '15:3: purpose "model-training" is missing the required property "legalBasis"; one of "consent", "contract", "legal-obligation", "vital-interests", "public-task", "legitimate-interests"',
    ]);
    expect(error.problems[0]?.pointer).toBe('/purposes/model-training');
  });

  it('says which type was expected and which was found', () => {
    expectProblems('broken-wrong-type.yaml', [
      '8:5: paid of tier "free" must be true or false, not the string "no" (YAML 1.2 reads no as a string)',
      '11:5: paid of tier "pro" must be true or false, not the string "yes" (YAML 1.2 reads yes as a string)',
      '23:5: categories of purpose "service-delivery" must be a list, not the string "conversation-content"',
    ]);
  });

  it('explains ISO 8601 durations and suggests one for a simple period', () => {
    expectProblems('broken-bad-duration.yaml', [
      '14:5: retention of category "conversation-content" must be an ISO 8601 duration such as P30D, P6M, P2Y or P1Y6M, not "1 year" (try "P1Y")',
      '22:5: retention of purpose "model-training" must be an ISO 8601 duration such as P30D, P6M, P2Y or P1Y6M, not "six months"',
    ]);
  });

  it('rejects ids that are not kebab-case at the id itself', () => {
    const error = expectProblems('broken-bad-id.yaml', [
      '6:3: tier id "Free_Tier" is not valid: it must be kebab-case: lower-case letters, digits and single hyphens, starting with a letter (try "free-tier")',
      '15:3: purpose id "modelTraining" is not valid: it must be kebab-case: lower-case letters, digits and single hyphens, starting with a letter (try "model-training")',
    ]);
    expect(error.problems.map((problem) => problem.pointer)).toStrictEqual([
      '/tiers/Free_Tier',
      '/purposes/modelTraining',
    ]);
  });

  it('reports every problem of a file, in file order', () => {
    expectProblems('broken-many-problems.yaml', [
      '2:1: version must be 1, not 2',
      '5:3: controller has an unknown property "emial" (did you mean "email"?); allowed: "name", "email", "phone", "address", "url", "dpo", "euRepresentative", "jointControllers"',
      '21:40: categories of purpose "model-training" lists "conversation-content" more than once',
      '24:7: the guarantee for tier "free" in purpose "model-training" is missing the required property "default"; one of "included", "excluded", "opted-in", "opted-out"',
      '26:9: mechanism of the guarantee for tier "free" in purpose "model-training" must be one of "in-app-toggle", "settings-page", "email", "web-form", "none", not "toggle" (did you mean "in-app-toggle"?)',
      '28:5: description of purpose "analytics" must not be empty',
      '36:9: recipients[0].country of purpose "analytics" must be a two-letter ISO 3166-1 country code in capitals, such as IE or US, not "usa"',
    ]);
  });
});

describe('reference problems, each at the reference', () => {
  it('names unknown categories and subjects with the declared ones', () => {
    expectProblems('broken-unknown-category.yaml', [
      '21:18: purpose "model-training" names an unknown category "conversation-contents" (did you mean "conversation-content"?); declared categories: "conversation-content", "feedback"',
      '21:51: purpose "model-training" names an unknown category "voice-recordings"; declared categories: "conversation-content", "feedback"',
      '22:16: purpose "model-training" names an unknown subject "user" (did you mean "users"?); declared subjects: "users"',
    ]);
  });

  it('names a guarantee for an undeclared tier at its key', () => {
    const error = expectProblems('broken-unknown-tier.yaml', [
      '29:7: purpose "model-training" gives a guarantee to an unknown tier "premium"; declared tiers: "free", "pro"',
    ]);
    expect(error.problems[0]?.pointer).toBe('/purposes/model-training/tiers/premium');
  });

  it('checks the purposes and categories that code mappings name', () => {
    expectProblems('broken-code-mapping.yaml', [
      '25:7: code.sources[0] names an unknown category "conversation" (did you mean "conversation-content"?); declared categories: "conversation-content"',
      '29:7: code.sinks[0] names an unknown purpose "training" (did you mean "model-training"?); declared purposes: "model-training"',
      '34:7: code.guards[0].kind must be one of "predicate", "assertion", "filter", "field", "middleware", not "check"',
    ]);
  });
});

describe('files that are not a readable YAML policy', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'consentry-policy-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('rejects a duplicate key and says where the first one is', () => {
    expectProblems('broken-duplicate-key.yaml', [
      '21:5: duplicate key "legalBasis": it is already set at line 18, column 5; a key may appear only once in a mapping',
    ]);
  });

  it('reports malformed YAML at the place the parser stopped', () => {
    expectProblems('broken-malformed.yaml', [
      '20:5: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('rejects an alias bomb at the alias that expands the most', () => {
    expectProblems('broken-alias-bomb.yaml', [
      '14:10: the aliases in this file expand to more than 100000 values (alias *h alone to 111111111): this is an alias bomb, so the file is rejected',
    ]);
  });

  it('rejects an empty file', () => {
    expectProblems('broken-empty.yaml', [
      '1:1: the policy file is empty: start it with "version: 1" and declare controller, tiers, subjects, categories and purposes',
    ]);
    const error = policyErrorOf(() => parsePolicy('# nothing here yet\n', 'consentry.yaml'));
    expect(error.message).toBe(
      'consentry.yaml:1:1: the policy file is empty: start it with "version: 1" and declare controller, tiers, subjects, categories and purposes',
    );
  });

  it('rejects a top level that is not a mapping', () => {
    expectProblems('broken-top-level-list.yaml', [
      '2:1: the top level of a policy must be a mapping of keys to values (version, controller, tiers…), not a list',
    ]);
    const error = policyErrorOf(() => parsePolicy('just a sentence\n', 'consentry.yaml'));
    expect(error.message).toBe(
      'consentry.yaml:1:1: the top level of a policy must be a mapping of keys to values (version, controller, tiers…), not the string "just a sentence"',
    );
  });

  it('rejects bytes that are not UTF-8 at the first bad byte', () => {
    const file = join(scratch, 'latin1.yaml');
    const latin1 = Buffer.from('version: 1\ncontroller:\n  name: M\u00fcller GmbH\n', 'latin1');
    writeFileSync(file, latin1);
    const error = policyErrorOf(() => loadPolicy(file));
    expect(error.message).toBe(
      `${file}:3:10: the file is not valid UTF-8: byte 0xFC does not start or continue a character; save the file as UTF-8`,
    );
  });

  it('rejects UTF-16 text', () => {
    const file = join(scratch, 'utf16.yaml');
    writeFileSync(
      file,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('version: 1', 'utf16le')]),
    );
    expect(policyErrorOf(() => loadPolicy(file)).message).toBe(
      `${file}:1:1: the file is UTF-16 text; save it as UTF-8`,
    );
  });

  it('rejects a missing file and a directory', () => {
    const missing = join(scratch, 'consentry.yaml');
    expect(policyErrorOf(() => loadPolicy(missing)).message).toBe(
      `${missing}:1:1: policy file not found; create it with "consentry init" or pass the right path`,
    );
    expect(policyErrorOf(() => loadPolicy(scratch)).message).toBe(
      `${scratch}:1:1: this is a directory, not a policy file; name the file itself (consentry.yaml, consentry.yml or consentry.policy.ts)`,
    );
  });

  it('rejects a file too large to be a policy before reading it', () => {
    const file = join(scratch, 'huge.yaml');
    writeFileSync(file, `# ${'x'.repeat(1024 * 1024)}\n`);
    expect(policyErrorOf(() => loadPolicy(file)).message).toBe(
      `${file}:1:1: the file is 1048579 bytes; a policy file may be at most 1 MiB`,
    );
  });

  it('rejects several documents, unknown tags, tabs and circular aliases', () => {
    expect(
      policyErrorOf(() => parsePolicy('version: 1\n---\nversion: 1\n', 'p.yaml')).message,
    ).toBe(
      'p.yaml:2:1: a policy file holds one YAML document; remove the second "---" and what follows',
    );
    expect(policyErrorOf(() => parsePolicy('version: !int 1\n', 'p.yaml')).message).toBe(
      'p.yaml:1:10: invalid YAML: Unresolved tag: !int',
    );
    expect(policyErrorOf(() => parsePolicy('controller:\n\tname: x\n', 'p.yaml')).message).toBe(
      'p.yaml:2:1: invalid YAML: Tabs are not allowed as indentation',
    );
    expect(policyErrorOf(() => parsePolicy('tiers: &t\n  free: *t\n', 'p.yaml')).message).toBe(
      'p.yaml:2:9: alias *t refers to the value that contains it; a policy cannot be circular',
    );
  });

  it('rejects unresolved aliases, keys that are not plain values and an anchor repeated too often', () => {
    expect(policyErrorOf(() => parsePolicy('a: &x 1\nb: *x\nc: *y\n', 'p.yaml')).message).toBe(
      'p.yaml:3:4: alias *y names no anchor: set "&y" on a value before this alias',
    );
    expect(policyErrorOf(() => parsePolicy('version: 1\n? [a, b]\n: x\n', 'p.yaml')).message).toBe(
      'p.yaml:2:3: a key must be a plain value such as a name or an id, not a list, a mapping or an alias',
    );
    const repeated = `free: &free { name: Free }\ntiers: [${Array(60).fill('*free').join(', ')}]\n`;
    expect(policyErrorOf(() => parsePolicy(repeated, 'p.yaml')).message).toBe(
      'p.yaml:2:359: an anchor is expanded more than 50 times, which is how alias bombs work, so the file is rejected; write the values out instead',
    );
  });

  it('rejects nesting too deep to read, without overflowing the stack', () => {
    const deepYaml = `x: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    expect(policyErrorOf(() => parsePolicy(deepYaml, 'p.yaml')).message).toMatch(
      /^p\.yaml:1:\d+: the YAML is nested too deeply to be read$/,
    );
    const deepTs = `export default ${'['.repeat(5000)}${']'.repeat(5000)};\n`;
    expect(policyErrorOf(() => parsePolicy(deepTs, 'p.ts')).message).toBe(
      'p.ts:1:1: the policy is nested too deeply to be read',
    );
  });

  it('keeps __proto__ an ordinary, unknown key', () => {
    const error = policyErrorOf(() => parsePolicy('__proto__: { polluted: true }\n', 'p.yaml'));
    expect(error.message).toContain(
      'p.yaml:1:1: the policy has an unknown property "__proto__"; allowed: "$schema", "version"',
    );
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });

  it('rejects a JavaScript policy, which could only be read by running it', () => {
    expect(
      policyErrorOf(() => parsePolicy('export default {};', 'consentry.policy.js')).message,
    ).toBe(
      'consentry.policy.js:1:1: policies are read from YAML (.yaml, .yml) or TypeScript (.ts) files only; rename the file or convert it',
    );
  });
});

describe('TypeScript policies', () => {
  it('reports every value that cannot be read without running the file', () => {
    expectProblems('broken-function-call.policy.ts', [
      '10:3: "controller" is imported from "./company.js" and cannot be read statically; a TypeScript policy is read without running it, so write literals, or const values declared in this file',
      '14:72: the function call days(…) cannot be read statically; a TypeScript policy is read without running it, so write literals, or const values declared in this file',
      '18:20: a template string with substitutions cannot be read statically; a TypeScript policy is read without running it, so write literals, or const values declared in this file',
      '20:19: "trainingBasis" is declared with let, so its value cannot be read statically; declare it with const',
    ]);
  });

  it('places schema and reference problems in the .ts file, also inside a spread const', () => {
    expectProblems('broken-schema.policy.ts', [
      '3:38: mechanism of the guarantee for tier "free" in purpose "model-training" must be one of "in-app-toggle", "settings-page", "email", "web-form", "none", not "in-app-switch"',
      '3:38: mechanism of the guarantee for tier "pro" in purpose "model-training" must be one of "in-app-toggle", "settings-page", "email", "web-form", "none", not "in-app-switch"',
      '3:38: mechanism of the guarantee for tier "team" in purpose "model-training" must be one of "in-app-toggle", "settings-page", "email", "web-form", "none", not "in-app-switch"',
      '18:71: purpose "model-training" gives a guarantee to an unknown tier "team"; declared tiers: "free", "pro"',
      '19:7: purpose "model-training" has an unknown property "retension" (did you mean "retention"?); allowed: "name", "description", "kind", "legalBasis", "legitimateInterestAssessment", "dpia", "categories", "subjects", "recipients", "transfers", "retention", "securityMeasures", "tiers"',
    ]);
  });

  it('rejects a file that exports no policy, an empty file and a syntax error', () => {
    expect(policyErrorOf(() => parsePolicy('const x = 1;\n', 'consentry.policy.ts')).message).toBe(
      'consentry.policy.ts:1:1: no policy is exported: write "export default definePolicy({ … })" or "export const policy = definePolicy({ … })"',
    );
    expect(policyErrorOf(() => parsePolicy('\n// soon\n', 'consentry.policy.ts')).message).toBe(
      'consentry.policy.ts:1:1: the policy file is empty: write "export default definePolicy({ version: 1, … })"',
    );
    expect(
      policyErrorOf(() => parsePolicy('export default {\n  version: 1,,\n};\n', 'p.ts')).message,
    ).toBe('p.ts:2:14: invalid TypeScript: Property assignment expected.');
  });

  it('names types in TypeScript terms', () => {
    const source = `export default {
  version: 1,
  controller: ['Parley Labs Ltd'],
  tiers: { free: { name: 'Free', paid: 'no' } },
  subjects: { users: null },
  categories: { chats: { name: 'Chats' } },
  purposes: {},
};`;
    expect(policyErrorOf(() => parsePolicy(source, 'p.ts')).message.split('\n')).toStrictEqual([
      'p.ts:3:3: controller must be an object, not an array',
      'p.ts:4:34: paid of tier "free" must be true or false, not the string "no"',
      'p.ts:5:15: subject "users" must be an object, not null',
      'p.ts:7:3: purposes must declare at least one purpose',
    ]);
  });

  it('rejects duplicate keys, self-reference, methods and undeclared names', () => {
    const source = [
      'const loop = { ...loop };',
      'export default {',
      '  version: 1,',
      '  version: 1,',
      '  controller: loop,',
      '  tiers: { name() { return 1; } },',
      '  subjects: subjectsFromDb,',
      '};',
    ].join('\n');
    expect(policyErrorOf(() => parsePolicy(source, 'p.ts')).message.split('\n')).toStrictEqual([
      'p.ts:1:19: "loop" refers to itself',
      'p.ts:4:3: duplicate key "version": it is already set at line 3, column 3; a key may appear only once in an object',
      'p.ts:6:12: a method or accessor cannot be read statically; a TypeScript policy is read without running it, so write literals, or const values declared in this file',
      'p.ts:7:13: "subjectsFromDb" is not declared in this file and cannot be read statically; a TypeScript policy is read without running it, so write literals, or const values declared in this file',
    ]);
  });
});
