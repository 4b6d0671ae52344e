import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parsePolicy } from '@consentry/policy';
import { describe, expect, it } from 'vitest';
import { buildProjectRecord } from '../src/ropa/from-analysis.js';
import { buildRecord } from '../src/ropa/record.js';
import { renderRecord } from '../src/ropa/render.js';

const packageDir = new URL('..', import.meta.url).pathname;
const fixtureDir = join(packageDir, 'test/fixtures/ropa');
const policyFile = join(fixtureDir, 'consentry.yaml');
const record = buildRecord({
  policy: parsePolicy(readFileSync(policyFile, 'utf8'), policyFile),
  root: fixtureDir,
});
const html = renderRecord(record, 'html');

describe('HTML record', () => {
  it('is one self-contained page: no scripts, no external styles, images or fonts', () => {
    expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/\ssrc=/i);
    expect([...html.matchAll(/href="([^"]*)"/g)].every((match) => match[1]!.startsWith('#'))).toBe(
      true,
    );
  });

  it('has a title, a table of contents whose links all land on a heading, and print styles', () => {
    expect(html).toContain('<title>Record of processing activities — Atelier Quill SAS</title>');
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!));
    const links = [...html.matchAll(/href="#([^"]+)"/g)].map((match) => match[1]!);
    expect(links.length).toBeGreaterThan(5);
    expect(links.filter((link) => !ids.has(link))).toEqual([]);
    expect(ids.size).toBe([...html.matchAll(/\sid="/g)].length);
    expect(html).toMatch(/@media print \{[\s\S]*break-before: page/);
    expect(html).toContain('@page');
  });

  it('prints with the page number out of the total and the policy revision at the foot of each page', () => {
    const page =
      /@page \{\s*@bottom-left \{ content: ("[^"]*");[^}]*\}\s*@bottom-right \{ content: "Page " counter\(page\) " of " counter\(pages\);/;
    expect(html).toMatch(page);
    expect(html.match(page)?.[1]).toBe('"Record of processing activities — Atelier Quill SAS"');
    expect(html).toContain('The policy states no version or date (its <code>revision</code>).');
    const revised = renderRecord(
      buildRecord({
        policy: parsePolicy(
          readFileSync(policyFile, 'utf8').replace(
            'version: 1\n',
            'version: 1\nrevision:\n  version: "4"\n  date: 2026-02-01\n',
          ),
          policyFile,
        ),
        root: fixtureDir,
      }),
      'html',
    );
    expect(revised.match(page)?.[1]).toBe(
      '"Record of processing activities — Atelier Quill SAS · policy 4, 2026-02-01"',
    );
    expect(revised).toContain('Policy version 4, in effect from 2026-02-01.');
  });

  it('escapes text from the policy', () => {
    const hostile = buildRecord({
      policy: parsePolicy(
        readFileSync(policyFile, 'utf8').replace(
          'name: Atelier Quill SAS',
          'name: "Atelier <script>alert(1)</script> & Co"',
        ),
        policyFile,
      ),
      root: fixtureDir,
    });
    const page = renderRecord(hostile, 'html');
    expect(page).not.toContain('<script>');
    expect(page).toContain('Atelier &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
  });

  const chromium = '/usr/bin/chromium';
  it.skipIf(!existsSync(chromium))(
    'renders in headless Chromium with its title and contents (skipped when /usr/bin/chromium is absent)',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'consentry-record-'));
      try {
        const page = join(dir, 'processing-record.html');
        writeFileSync(page, html);
        const flags = [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          `--user-data-dir=${join(dir, 'profile')}`,
        ];
        const dom = execFileSync(chromium, [...flags, '--dump-dom', pathToFileURL(page).href], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
          timeout: 60_000,
        });
        expect(dom).toContain('<title>Record of processing activities — Atelier Quill SAS</title>');
        const entries = [...dom.matchAll(/<li><a href="#([^"]+)">([^<]+)<\/a><\/li>/g)];
        expect(entries.map((entry) => entry[2])).toEqual([
          'Controller (Art. 30(1)(a))',
          'Processing activities (Art. 30(1)(b))',
          'Activity: Newsletter',
          'Activity: Style model fine-tuning',
          'Activity: Writing service',
        ]);
        for (const [, id] of entries) expect(dom).toContain(`id="${id}"`);

        const pdf = join(dir, 'processing-record.pdf');
        execFileSync(chromium, [...flags, `--print-to-pdf=${pdf}`, pathToFileURL(page).href], {
          stdio: 'ignore',
          timeout: 60_000,
        });
        expect(statSync(pdf).size).toBeGreaterThan(1000);
        expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

/** Runs headless Chromium on a page and returns the DOM after its scripts ran. */
function dumpDom(page: string, dir: string, width: number): string {
  return execFileSync(
    '/usr/bin/chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--hide-scrollbars',
      `--window-size=${width},1100`,
      `--user-data-dir=${join(dir, 'profile')}`,
      '--dump-dom',
      pathToFileURL(page).href,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 },
  );
}

// Measures the laid-out page: what sticks out of the main column, and whether the page scrolls
// sideways. Injected into a copy only; the record itself has no scripts.
const MEASURE = `<script>
const limit = document.querySelector('main').getBoundingClientRect().right + 0.5;
const wide = [...document.querySelectorAll('main > *, td, th')]
  .filter((element) => element.getBoundingClientRect().right > limit)
  .map((element) => element.tagName + ' ' + element.textContent.slice(0, 40));
document.body.setAttribute('data-overflow', JSON.stringify(wide));
document.body.setAttribute('data-scrolls', String(document.documentElement.scrollWidth > innerWidth));
</script>`;

describe('HTML record of the example project, with code evidence', { timeout: 120_000 }, () => {
  it.skipIf(!existsSync('/usr/bin/chromium'))(
    'lays out in headless Chromium at desktop and A4 widths without overflow, gaps marked (skipped without /usr/bin/chromium)',
    async () => {
      const root = new URL('../../../examples/chat-assistant/', import.meta.url).pathname;
      const { record } = await buildProjectRecord({ root });
      const page = renderRecord(record, 'html');
      expect(page).not.toMatch(/<script/i);
      const dir = mkdtempSync(join(tmpdir(), 'consentry-record-layout-'));
      try {
        const file = join(dir, 'processing-record.html');
        writeFileSync(file, page.replace('</body>', `${MEASURE}\n</body>`));
        for (const width of [1280, 794]) {
          const dom = dumpDom(file, dir, width);
          expect(dom).toContain('data-scrolls="false"');
          expect(dom).toContain('data-overflow="[]"');
          expect(dom).toContain(
            '<h3 id="where-it-happens-in-the-code--model-training">Where it happens in the code — Model training</h3>',
          );
          expect(dom).toMatch(
            /<td><strong class="warning">No guard<\/strong> on a path to <code>NightlyTrainingExport\.run<\/code><\/td>/,
          );
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
