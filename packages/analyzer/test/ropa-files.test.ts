import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parsePolicy } from '@consentry/policy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutputRefusedError as RecordOverwriteError } from '../src/output/confine.js';
import { checkRecord } from '../src/ropa/check.js';
import { diffLines } from '../src/ropa/diff.js';
import { buildRecord } from '../src/ropa/record.js';
import { RECORD_FORMATS, renderRecord } from '../src/ropa/render.js';
import { writeRecord } from '../src/ropa/write.js';

const packageDir = new URL('..', import.meta.url).pathname;
const policyFile = join(packageDir, 'test/fixtures/ropa/consentry.yaml');
const policyText = readFileSync(policyFile, 'utf8');
const record = buildRecord({ policy: parsePolicy(policyText, policyFile), root: packageDir });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'consentry-ropa-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('diffLines', () => {
  it('is empty for equal texts', () => {
    expect(diffLines('a\nb\n', 'a\nb\n')).toBe('');
  });

  it('writes unified hunks with three lines of context', () => {
    const lines = Array.from({ length: 20 }, (_, i) => String(i + 1));
    const before = `${lines.join('\n')}\n`;
    const after = `${[...lines.slice(0, 4), 'five', ...lines.slice(5), '21'].join('\n')}\n`;
    expect(diffLines(before, after, { fromLabel: 'old.md', toLabel: 'new.md' })).toBe(
      [
        '--- old.md',
        '+++ new.md',
        '@@ -2,7 +2,7 @@',
        ' 2',
        ' 3',
        ' 4',
        '-5',
        '+five',
        ' 6',
        ' 7',
        ' 8',
        '@@ -18,3 +18,4 @@',
        ' 18',
        ' 19',
        ' 20',
        '+21',
        '',
      ].join('\n'),
    );
  });

  it('merges nearby changes into one hunk and numbers an empty side as the line before', () => {
    expect(diffLines('', 'x\n')).toBe('--- before\n+++ after\n@@ -0,0 +1 @@\n+x\n');
    expect(diffLines('a\nb\nc\n', 'a\nc\n', { context: 0 })).toBe(
      '--- before\n+++ after\n@@ -2 +1,0 @@\n-b\n',
    );
    const merged = diffLines('a\nb\nc\nd\n', 'A\nb\nc\nD\n', { context: 1 });
    expect(merged.match(/^@@/gm)).toHaveLength(1);
  });

  it('flags a missing final newline', () => {
    expect(diffLines('a\n', 'a')).toContain('\\ No newline at end of file');
  });

  it('finds a minimal edit script on a larger shuffled text', () => {
    const before = Array.from({ length: 300 }, (_, i) => `line ${i}`).join('\n');
    const lines = before.split('\n');
    lines.splice(150, 1, 'changed');
    lines.splice(20, 0, 'inserted');
    const diff = diffLines(before, lines.join('\n'));
    expect(diff.split('\n').filter((line) => /^[-+](?![-+])/.test(line))).toEqual([
      '+inserted',
      '-line 150',
      '+changed',
    ]);
  });
});

describe('checkRecord', () => {
  const expected = renderRecord(record, 'markdown');

  it('says a record equal to the expected content is up to date, whatever its line endings', async () => {
    const file = join(dir, 'processing-record.md');
    writeFileSync(file, expected);
    expect(await checkRecord(file, expected)).toEqual({
      file,
      upToDate: true,
      missing: false,
      diff: '',
    });
    writeFileSync(file, expected.replace(/\n/g, '\r\n'));
    expect((await checkRecord(file, expected)).upToDate).toBe(true);
  });

  it('reports a stale record with a readable diff', async () => {
    const file = join(dir, 'processing-record.md');
    writeFileSync(file, expected);
    const changed = renderRecord(
      buildRecord({
        policy: parsePolicy(
          policyText.replace(
            'retention: P6M\n    securityMeasures',
            'retention: P3M\n    securityMeasures',
          ),
          policyFile,
        ),
        root: packageDir,
      }),
      'markdown',
    );
    const result = await checkRecord(file, changed);
    expect(result.upToDate).toBe(false);
    expect(result.missing).toBe(false);
    expect(result.diff).toContain(`--- ${file} (committed)`);
    expect(result.diff).toContain(`+++ ${file} (expected)`);
    expect(result.diff).toMatch(/^-.*6 months \(P6M\)/m);
    expect(result.diff).toMatch(/^\+.*3 months \(P3M\)/m);
  });

  it('reports a missing record', async () => {
    const file = join(dir, 'docs/processing-record.md');
    const result = await checkRecord(file, expected);
    expect(result).toMatchObject({ upToDate: false, missing: true });
    expect(result.diff.split('\n')[2]).toMatch(/^@@ -0,0 \+1,\d+ @@$/);
  });
});

describe('writeRecord', () => {
  it('creates the file and its directory, and leaves no temporary file behind', async () => {
    const file = join(dir, 'docs', 'processing-record.md');
    const content = renderRecord(record, 'markdown');
    await writeRecord(file, content);
    expect(readFileSync(file, 'utf8')).toBe(content);
    expect(readdirSync(join(dir, 'docs'))).toEqual(['processing-record.md']);
  });

  it('replaces a previous record in every format', async () => {
    for (const format of RECORD_FORMATS) {
      const file = join(dir, `record.${format}`);
      writeFileSync(file, renderRecord(record, format));
      await writeRecord(file, 'replaced\n');
      expect(readFileSync(file, 'utf8')).toBe('replaced\n');
    }
    const csv = join(dir, 'record.ico.csv');
    writeFileSync(csv, renderRecord(record, 'csv', { csvTemplate: 'ico' }));
    await writeRecord(csv, 'replaced\n');
    expect(readFileSync(csv, 'utf8')).toBe('replaced\n');
  });

  it('refuses to replace a file that is not a record, naming it, unless forced', async () => {
    const file = join(dir, 'README.md');
    writeFileSync(file, '# Our project\n');
    const error = await writeRecord(file, 'record\n').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RecordOverwriteError);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as RecordOverwriteError).file).toBe(file);
    expect((error as Error).message).toContain(`${file}:1:1:`);
    expect((error as Error).message).toContain('--force');
    expect(readFileSync(file, 'utf8')).toBe('# Our project\n');
    await writeRecord(file, 'record\n', { force: true });
    expect(readFileSync(file, 'utf8')).toBe('record\n');
    expect(readdirSync(dir)).toEqual(['README.md']);
  });

  it('refuses a directory', async () => {
    const target = join(dir, 'docs');
    mkdirSync(target);
    await expect(writeRecord(target, 'record\n', { force: true })).rejects.toBeInstanceOf(
      RecordOverwriteError,
    );
  });
});
