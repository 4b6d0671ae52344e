import { describe, expect, it } from 'vitest';
import { analyseFixture } from '../support/finding-at.js';

/** The notes of the flow of each training finding in a file of the frameworks fixture, by line. */
async function flowNotesOf(file: string): Promise<Map<number, readonly string[]>> {
  const analysis = await analyseFixture('frameworks', [file]);
  return new Map(
    analysis.findings
      .filter(
        (finding) => finding.file.endsWith(file) && finding.ruleId === 'training-without-consent',
      )
      .map((finding) => [finding.line, (finding.flow ?? []).map((step) => step.note)]),
  );
}

describe('a route behind a guard registered on some paths only', { timeout: 120_000 }, () => {
  it('says which registration it may run without, and why', async () => {
    const express = await flowNotesOf('src/conditional-guards/express-apps.ts');
    expect(express.get(15)).toContain(
      '`app.use(requireTrainingConsent)` runs only when `settings.requireConsent` is true: the route also runs without its guard',
    );
    expect(express.get(67)).toContain(
      "`app.use('/training', requireTrainingConsent)` runs only for `case 'production'`: the route also runs without its guard",
    );
    expect(express.get(85)).toContain(
      '`app.use(requireTrainingConsent)` runs inside a `try` block, whose `catch` goes on without it: the route also runs without its guard',
    );
    expect(express.get(146)).toContain(
      '`app.use(requireTrainingConsent)` runs inside a callback, which may not run: the route also runs without its guard',
    );
    expect(express.get(175)).toContain(
      '`app.use(prefix, requireTrainingConsent)` runs inside a loop, which may run no time: the route also runs without its guard',
    );
    // Mounted at a path the analysis cannot read: it covers no route, and the flow says so.
    const mounts = await flowNotesOf('src/route-groups/mount-paths.ts');
    expect(mounts.get(48)).toContain(
      '`app.use(settings.consentPath, requireTrainingConsent)` is mounted at a path the analysis cannot read (`settings.consentPath`): the route may run without its guard',
    );
    const fastify = await flowNotesOf('src/conditional-guards/fastify-servers.ts');
    expect(fastify.get(20)).toContain(
      "`app.addHook('preHandler', requireTrainingConsent)` runs only when `options.requireConsent` is true: the route also runs without its guard",
    );
    expect(fastify.get(50)).toContain(
      '`reviewServer.register(trainingConsent)` runs only when `config.requireConsent` is true: the route also runs without its guard',
    );
    const hono = await flowNotesOf('src/conditional-guards/hono-apps.ts');
    expect(hono.get(13)).toContain(
      "`flaggedTraining.use('/training/*', requireTrainingConsent)` runs only when `flags.consent` is truthy: the route also runs without its guard",
    );
    expect(hono.get(35)).toContain(
      "`app.use('/share/*', requireTrainingConsent)` runs only when `stage === 'development'` is false: the route also runs without its guard",
    );
  });
});
