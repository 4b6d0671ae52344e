import { ConfigError } from '@consentry/policy';
import { describe, expect, it } from 'vitest';
import {
  applyBaseline,
  createBaseline,
  fingerprintFindings,
  normaliseCode,
  parseBaseline,
} from '../src/baseline.js';
import type { Finding } from '../src/findings.js';

function sink(line: number, file = 'src/export.ts'): Finding {
  return {
    ruleId: 'training-without-consent',
    severity: 'error',
    message: 'reaches a training sink',
    file,
    line,
    column: 3,
    purpose: 'model-training',
    origin: 'code',
  };
}

const UPLOAD = "  await openai.files.create({ file, purpose: 'fine-tune' });";

describe('fingerprints', () => {
  it('stay the same when the line moves or is re-indented', () => {
    const before = fingerprintFindings([sink(10)], () => UPLOAD);
    const after = fingerprintFindings([sink(42)], () => `\t\t${UPLOAD.trim()}   `);
    expect(after[0]?.fingerprint).toBe(before[0]?.fingerprint);
    expect(after[0]?.lineHash).toBe(before[0]?.lineHash);
  });

  it('change with the code, the file, the rule or the purpose', () => {
    const base = fingerprintFindings([sink(10)], () => UPLOAD)[0]!.fingerprint;
    const variants = [
      fingerprintFindings([sink(10)], () => 'await other();'),
      fingerprintFindings([sink(10, 'src/other.ts')], () => UPLOAD),
      fingerprintFindings([{ ...sink(10), ruleId: 'tier-opt-out-gap' }], () => UPLOAD),
      fingerprintFindings([{ ...sink(10), purpose: 'analytics' }], () => UPLOAD),
    ];
    for (const [variant] of variants) expect(variant?.fingerprint).not.toBe(base);
  });

  it('tell identical lines apart by their occurrence index', () => {
    const [first, second] = fingerprintFindings([sink(10), sink(20)], () => UPLOAD);
    expect(first?.fingerprint).not.toBe(second?.fingerprint);
    expect(first?.lineHash.endsWith(':1')).toBe(true);
    expect(second?.lineHash.endsWith(':2')).toBe(true);
  });

  it('normalise whitespace only', () => {
    expect(normaliseCode('  a(\t b )  ')).toBe('a( b )');
  });
});

describe('baseline', () => {
  it('round-trips: a written baseline hides exactly the findings it recorded', () => {
    const old = fingerprintFindings([sink(10)], () => UPLOAD);
    const baseline = parseBaseline(createBaseline(old), 'baseline.json');
    const now = fingerprintFindings([sink(12), sink(30, 'src/new.ts')], (file) =>
      file === 'src/new.ts' ? 'await upload(rows);' : UPLOAD,
    );
    const applied = applyBaseline(now, baseline);
    expect(applied.baselined).toBe(1);
    expect(applied.findings.map((f) => f.file)).toEqual(['src/new.ts']);
  });

  it('hides each recorded finding once, so a copy of a baselined line is new', () => {
    const old = fingerprintFindings([sink(10)], () => UPLOAD);
    const now = fingerprintFindings([sink(10), sink(11)], () => UPLOAD);
    const applied = applyBaseline(now, parseBaseline(createBaseline(old), 'b.json'));
    expect(applied.findings).toHaveLength(1);
  });

  it('is written sorted and ends with a newline', () => {
    const text = createBaseline(
      fingerprintFindings([sink(3, 'src/b.ts'), sink(1, 'src/a.ts')], () => UPLOAD),
    );
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(text) as { findings: { file: string }[] };
    expect(parsed.findings.map((entry) => entry.file)).toEqual(['src/a.ts', 'src/b.ts']);
  });

  it('rejects a malformed baseline with a ConfigError naming the file', () => {
    expect(() => parseBaseline('{', 'baseline.json')).toThrow(ConfigError);
    expect(() => parseBaseline('{"version":2,"findings":[]}', 'baseline.json')).toThrow(
      /baseline must be/,
    );
    expect(() => parseBaseline('[]', 'ci/baseline.json')).toThrow(
      expect.objectContaining({ file: 'ci/baseline.json', line: 1, column: 1 }),
    );
  });
});
