import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { createTempProject, TEST_POLICY, type TempProject } from './support/temp-project.js';

const projects: TempProject[] = [];
afterEach(() => {
  for (const created of projects.splice(0)) created.remove();
});

// The test policy, with a purpose whose name carries terminal escapes, a line break followed by
// a workflow command, a bell, a NUL and a right-to-left override, whose description is a
// spreadsheet formula, and whose name goes on for 500,000 characters.
const long = 'a'.repeat(500_000);
function hostileProject(): TempProject {
  const policy = readFileSync(TEST_POLICY, 'utf8')
    .replace(
      '    name: Product analytics\n',
      `    name: "Product\\e[2J analytics\\r\\n::set-output name=leak::1\\a\\0\\u202Eexe.txt ##[error]forged ${long}"\n`,
    )
    .replace(
      '    description: Count messages,',
      '    description: =HYPERLINK("http://evil.example","Open") Count messages,',
    );
  const project = createTempProject({ 'consentry.yaml': policy });
  projects.push(project);
  return project;
}

// Raw characters that must never reach an output: controls but the line break, DEL, C1, bidi.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding raw control characters is the test
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('hostile policy values in every output', { timeout: 60_000 }, () => {
  for (const format of ['pretty', 'markdown', 'sarif'] as const) {
    it(`${format}: escapes controls and overrides, starts no workflow command, stays small`, async () => {
      const { root } = hostileProject();
      const result = await runCli(root, 'check', '--format', format, '--no-cache');
      expect(result.code, result.stderr).toBe(0);
      const output = format === 'sarif' ? sarifText(result.stdout) : result.stdout;
      expect(output).toContain('Product\\u{1b}[2J analytics\\r\\n');
      expect(output).not.toMatch(RAW);
      for (const line of output.split('\n')) {
        expect(line.trimStart().startsWith('::'), line).toBe(false);
        expect(line.includes('##['), line).toBe(false);
      }
      // Before, the 500,000-character id made a message of a megabyte.
      expect(result.stdout.length).toBeLessThan(long.length / 4);
      expect(output).toContain('a…');
    });
  }

  // Markdown shows a backslash as `\\` and a bracket as `\[`; HTML needs neither.
  const shown = {
    markdown: ['Product\\\\u{1b}\\[2J analytics', '\\\\u{202e}exe.txt'],
    html: ['Product\\u{1b}[2J analytics', '\\u{202e}exe.txt'],
  } as const;
  for (const format of ['markdown', 'html'] as const) {
    it(`ropa --format ${format} keeps a value whole but shows its controls and overrides`, async () => {
      const { root } = hostileProject();
      const result = await runCli(root, 'ropa', '--format', format, '--no-cache');
      expect(result.code, result.stderr).toBe(0);
      for (const text of shown[format]) expect(result.stdout.includes(text), text).toBe(true);
      const raw = RAW.exec(result.stdout);
      expect(raw, `raw U+${raw?.[0].codePointAt(0)?.toString(16)}`).toBeNull();
      // A record is a document of reference: the long name is kept whole, not cut.
      expect(result.stdout.includes(`forged ${long}`)).toBe(true);
    });
  }

  it('ropa --format csv neutralises a formula cell and escapes controls', async () => {
    const { root } = hostileProject();
    const result = await runCli(root, 'ropa', '--format', 'csv', '--no-cache');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `,"'=HYPERLINK(""http://evil.example"",""Open"") Count messages,`,
    );
    expect(result.stdout).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(result.stdout).toContain('Product\\u{1b}[2J analytics\r\n::set-output');
    // A CSV file ends its lines with CRLF; nothing else raw.
    expect(result.stdout.replaceAll('\r\n', '\n')).not.toMatch(RAW);
  });

  it('the error messages of a broken policy are escaped too', async () => {
    const { root, write } = hostileProject();
    write('consentry.yaml', 'version: 1\npurposes:\n  "bad\\e[2J\\u202E::x": {}\n');
    const result = await runCli(root, 'check', '--no-cache');
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(RAW);
  });
});

// The text of a SARIF log as JSON.parse reads it: every message, as a viewer shows it.
function sarifText(json: string): string {
  const texts: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') texts.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
  };
  visit(JSON.parse(json));
  return texts.join('\n');
}
