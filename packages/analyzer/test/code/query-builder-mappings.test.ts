import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy } from '@consentry/policy';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCode } from '../../src/analyze-code.js';
import { copyOrmRows } from '../support/orm-rows.js';

const fixture = new URL('../fixtures/code/orm-rows/', import.meta.url).pathname;
const policyFile = 'consentry.yaml';
const prismaMapping = '    - module: "@prisma/client"\n      export: Message.content\n';
const roots: string[] = [];

/** A copy of the orm-rows fixture; `generated: false` removes the generated Prisma client. */
function copyFixture(options: { generated: boolean }): string {
  const root = copyOrmRows('consentry-orm-');
  roots.push(root);
  if (!options.generated) {
    // As after `npm ci` without `prisma generate`: the package is there, its client is not.
    rmSync(join(root, 'node_modules', '.prisma'), { recursive: true });
    writeFileSync(
      join(root, 'node_modules', '@prisma', 'client', 'index.d.ts'),
      '// Not generated yet: run `prisma generate`.\nexport declare const PrismaClient: any;\n',
    );
  }
  return root;
}

/** Analyses the Prisma file of a project with its policy's Prisma mapping replaced by `mapping`. */
async function analyse(root: string, mapping = prismaMapping) {
  const text = readFileSync(join(root, policyFile), 'utf8');
  expect(text).toContain(prismaMapping);
  return analyzeCode({
    root,
    policy: parsePolicy(text.replace(prismaMapping, mapping), join(root, policyFile)),
    onlyFiles: ['src/prisma-rows.ts'],
  });
}

const diagnosticsOf = (analysis: Awaited<ReturnType<typeof analyzeCode>>) => analysis.diagnostics;

/** The lines of the Prisma fixture marked `expect:`, with their rule. */
function expectedLines(): [string, number][] {
  const lines = readFileSync(join(fixture, 'src', 'prisma-rows.ts'), 'utf8').split('\n');
  return lines.flatMap((line, index): [string, number][] => {
    const marked = /\/\/ expect: ([a-z-]+)/.exec(line);
    return marked ? [[marked[1]!, index + 2]] : [];
  });
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('Prisma model mappings', () => {
  it('resolve through schema.prisma when the client is not generated, and the queries are still sources', async () => {
    const analysis = await analyse(copyFixture({ generated: false }));
    expect(diagnosticsOf(analysis)).toEqual([]);
    expect(analysis.findings.map((finding) => [finding.ruleId, finding.line])).toEqual(
      expectedLines(),
    );
  }, 60_000);

  it('find the schema where package.json says', async () => {
    const root = copyFixture({ generated: false });
    renameSync(join(root, 'prisma'), join(root, 'database'));
    writeFileSync(
      join(root, 'package.json'),
      `${JSON.stringify({ name: 'fixture-orm-rows', private: true, type: 'module', prisma: { schema: 'database/schema.prisma' } })}\n`,
    );
    const analysis = await analyse(root);
    expect(diagnosticsOf(analysis)).toEqual([]);
    expect(analysis.findings.length).toBe(expectedLines().length);
  }, 60_000);

  it('stop at a model the schema lacks, at the mapping, with a did-you-mean and the way out', async () => {
    const root = copyFixture({ generated: false });
    await expect(
      analyse(root, '    - module: "@prisma/client"\n      export: Mesage.content\n'),
    ).rejects.toThrow(
      'consentry.yaml:51:7: /code/sources/2/export: the Prisma client is not generated and prisma/schema.prisma has no model `Mesage` (did you mean "Message"?); run `prisma generate`. The mapping names nothing in the project, so what it maps would go unchecked',
    );
  }, 60_000);

  it('report an optional mapping that names nothing, and leave the queries unmapped', async () => {
    const root = copyFixture({ generated: false });
    const analysis = await analyse(
      root,
      '    - module: "@prisma/client"\n      export: Mesage.content\n      optional: true\n',
    );
    expect(diagnosticsOf(analysis)).toEqual([
      {
        code: 'policy-mapping-unresolved',
        file: 'consentry.yaml',
        line: 51,
        column: 7,
        message:
          '/code/sources/2/export: the Prisma client is not generated and prisma/schema.prisma has no model `Mesage` (did you mean "Message"?); run `prisma generate`. The mapping is optional and names nothing in the project, so it is ignored.',
      },
    ]);
    // Nothing maps the messages' content any more: the Prisma queries are not sources.
    expect(analysis.findings).toEqual([]);
  }, 60_000);

  it('stop at a field the model lacks, when the client is generated too', async () => {
    await expect(
      analyse(
        copyFixture({ generated: true }),
        '    - module: "@prisma/client"\n      export: Message.contents\n',
      ),
    ).rejects.toThrow(
      '/code/sources/2/export: `@prisma/client` has no `Message.contents` and model `Message` of prisma/schema.prisma has no field `contents` (did you mean "content"?).',
    );
  }, 60_000);

  it('stop at a mapping with neither a generated client nor a schema', async () => {
    const root = copyFixture({ generated: false });
    rmSync(join(root, 'prisma'), { recursive: true });
    await expect(analyse(root)).rejects.toThrow(
      "/code/sources/2/module: the Prisma client is not generated and no Prisma schema was found (package.json's `prisma.schema`, prisma/schema.prisma or schema.prisma); run `prisma generate`.",
    );
  }, 60_000);
});
