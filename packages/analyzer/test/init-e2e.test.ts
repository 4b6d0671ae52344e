import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCode } from '../src/analyze-code.js';
import { check } from '../src/check.js';
import { labelInferredSources, loadDefaultPolicy } from '../src/default-policy.js';
import { runInit } from '../src/init/run-init.js';
import { hasFailures } from '../src/report/report.js';
import { NEXT_APP, unguardedTrainingJob, useNextApp } from './support/next-app.js';

const app = useNextApp();
const copyOfApp = app.copy;

/** An Express chat server that uploads request bodies for fine-tuning, with type stubs of its packages. */
const EXPRESS_APP: Readonly<Record<string, string>> = {
  'package.json': '{ "name": "express-chat", "private": true, "type": "module" }\n',
  'tsconfig.json': `${JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023'],
      module: 'ESNext',
      moduleResolution: 'Bundler',
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      types: [],
    },
    include: ['src'],
  })}\n`,
  'node_modules/@types/express-serve-static-core/package.json':
    '{ "name": "@types/express-serve-static-core", "types": "index.d.ts" }\n',
  'node_modules/@types/express-serve-static-core/index.d.ts':
    'export interface Request<ReqBody = any> { body: ReqBody }\nexport interface Response { json(body: unknown): void }\n',
  'node_modules/express/package.json': '{ "name": "express", "types": "index.d.ts" }\n',
  'node_modules/express/index.d.ts': [
    "import type * as core from 'express-serve-static-core';",
    'export interface Request extends core.Request {}',
    'export interface Response extends core.Response {}',
    'interface App { post(path: string, handler: (req: Request, res: Response) => unknown): void }',
    'declare function express(): App;',
    'export default express;',
    '',
  ].join('\n'),
  'src/server.ts': [
    "import express from 'express';",
    "import OpenAI, { toFile } from 'openai';",
    '',
    'const openai = new OpenAI();',
    'const app = express();',
    '',
    "app.post('/api/chat', async (req, res) => {",
    '  const { message } = req.body as { message: string };',
    "  await openai.files.create({ file: await toFile(message, 'chat.jsonl'), purpose: 'fine-tune' });",
    '  res.json({ ok: true });',
    '});',
    '',
  ].join('\n'),
};

describe('a realistic project without a policy', () => {
  it('on the default policy, the unguarded fine-tuning upload is found with an inferred source', async () => {
    const root = copyOfApp();
    const defaults = await loadDefaultPolicy(root);
    const analysis = await analyzeCode({ root, policy: defaults.loaded });
    const findings = labelInferredSources(analysis.findings, defaults.sources).map((finding) => ({
      ...finding,
      file: finding.file.startsWith(root) ? finding.file.slice(root.length + 1) : finding.file,
    }));
    const finding = unguardedTrainingJob(findings);
    expect(finding?.tiers).toEqual(['free', 'pro', 'team']);
    expect(finding?.flow?.[0]?.note).toMatch(
      /^`[^`]+` (?:holds|returns) personal data \(inferred-conversation-content\); inferred source, not declared in a policy: Message\.content \(prisma\/schema\.prisma:41\)$/,
    );
    expect(analysis.diagnostics).toEqual([]);
  });

  it('on the default policy, an Express chat body that reaches fine-tuning is an inferred source', async () => {
    const root = app.emptyDir('consentry-e2e-express-');
    for (const [file, text] of Object.entries(EXPRESS_APP)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    }
    cpSync(join(NEXT_APP, 'node_modules', 'openai'), join(root, 'node_modules', 'openai'), {
      recursive: true,
    });
    const defaults = await loadDefaultPolicy(root);
    expect(defaults.loaded.policy.code?.sources).toEqual([
      {
        module: 'express-serve-static-core',
        export: 'Request.body',
        category: 'inferred-conversation-content',
      },
    ]);
    const analysis = await analyzeCode({ root, policy: defaults.loaded });
    const [finding] = labelInferredSources(analysis.findings, defaults.sources);
    expect(finding?.ruleId).toBe('training-without-consent');
    expect(finding?.line).toBe(9);
    expect(finding?.flow?.[0]?.note).toMatch(
      /holds personal data \(inferred-conversation-content\); inferred source, not declared in a policy: Request\.body \(src\/server\.ts:8\)$/,
    );
  });

  it('after init, check gives the same finding with declared sources and fails', async () => {
    const root = copyOfApp();
    await runInit({ dir: root, yes: true });
    const report = await check({ root });
    const finding = unguardedTrainingJob(report.findings);
    expect(finding?.tiers).toEqual(['free', 'pro', 'team']);
    expect(finding?.flow?.[0]?.note).toMatch(
      /^`[^`]+` (?:holds|returns) personal data \(conversation-content\)$/,
    );
    expect(report.diagnostics).toEqual([]);
    expect(hasFailures(report, 'error')).toBe(true);
  });
});
