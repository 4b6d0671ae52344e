import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { runInit } from '../src/init/run-init.js';
import { hasFailures } from '../src/report/report.js';
import { copyOrmRows, ORM_ROWS } from './support/orm-rows.js';

const roots: string[] = [];

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** The lines of a fixture file marked `expect: training-without-consent` (the line below the mark). */
function unguardedLines(file: string): number[] {
  return readFileSync(join(ORM_ROWS, file), 'utf8')
    .split('\n')
    .flatMap((line, index) =>
      line.includes('// expect: training-without-consent') ? [index + 2] : [],
    );
}

describe('init on a project that reads rows with Drizzle and Prisma', () => {
  it('drafts a mapping per personal Drizzle column and Prisma field, and check then reports the unguarded uploads', async () => {
    const root = copyOrmRows('consentry-init-orm-');
    roots.push(root);
    rmSync(join(root, 'consentry.yaml'));

    await runInit({ dir: root, yes: true });
    const drafted = readFileSync(join(root, 'consentry.yaml'), 'utf8');
    expect(drafted).toMatch(/- module: \.\/src\/schema\n\s+export: messages\.content\n/);
    expect(drafted).toMatch(/- module: "?@prisma\/client"?\n\s+export: Message\.content\n/);

    const report = await check({ root });
    expect(report.diagnostics).toEqual([]);
    const unguarded = (file: string) =>
      report.findings
        .filter((finding) => finding.file === file && finding.ruleId === 'training-without-consent')
        .map((finding) => finding.line);
    expect(unguarded('src/drizzle-rows.ts')).toEqual(unguardedLines('src/drizzle-rows.ts'));
    expect(unguarded('src/prisma-rows.ts')).toEqual(unguardedLines('src/prisma-rows.ts'));
    expect(hasFailures(report, 'error')).toBe(true);
  }, 120_000);
});
