import { describe, expect, it } from 'vitest';
import { SAFE_TEXT_LIMIT, toSafeCsvCell, toSafeText } from '../src/output/safe-text.js';

describe('toSafeText', () => {
  it('escapes control characters and bidirectional overrides visibly', () => {
    expect(toSafeText('clear\u001b[2J screen\r\nnext\u0007\u0000')).toBe(
      'clear\\u{1b}[2J screen\\r\\nnext\\u{7}\\u{0}',
    );
    expect(toSafeText('invoice\u202egpj.exe \u2066isolated\u2069 \u200fmark')).toBe(
      'invoice\\u{202e}gpj.exe \\u{2066}isolated\\u{2069} \\u{200f}mark',
    );
    expect(toSafeText('a\tb')).toBe('a\\tb');
    expect(toSafeText('\tconst x = 1;', { keepTabs: true })).toBe('\tconst x = 1;');
    expect(toSafeText('Purpose café 日本 😀 (model-training)')).toBe(
      'Purpose café 日本 😀 (model-training)',
    );
  });

  it('lets no value start a workflow command, at a line start or after blanks', () => {
    expect(toSafeText('::set-output name=leak::1')).toBe('\\u{3a}:set-output name=leak::1');
    expect(toSafeText('  ::error::forged')).toBe('  \\u{3a}:error::forged');
    // The legacy form is read anywhere in a line.
    expect(toSafeText('note ##[error]forged')).toBe('note #\\u{23}[error]forged');
    // After an escaped line break, the text cannot begin a line at all.
    expect(toSafeText('ok\n::error::forged')).toBe('ok\\n::error::forged');
    expect(toSafeText('a::b is fine inside')).toBe('a::b is fine inside');
  });

  it('cuts a long value with an ellipsis, never inside a surrogate pair', () => {
    const long = toSafeText('a'.repeat(500_000));
    expect(long).toHaveLength(SAFE_TEXT_LIMIT);
    expect(long.endsWith('a…')).toBe(true);
    expect(toSafeText(`${'a'.repeat(8)}😀rest`, { limit: 10 })).toBe(`${'a'.repeat(8)}…`);
    expect(toSafeText('short', { limit: 10 })).toBe('short');
  });
});

describe('toSafeCsvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
    ['+1+cmd|calc', "'+1+cmd|calc"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['＝1+1', "'＝1+1"],
  ])('neutralises a cell that starts a formula: %j', (cell, safe) => {
    expect(toSafeCsvCell(cell)).toBe(safe);
  });

  it('leaves other cells as they are, line breaks included, and escapes controls', () => {
    expect(toSafeCsvCell('Model training: fine-tune = yes')).toBe(
      'Model training: fine-tune = yes',
    );
    expect(toSafeCsvCell('two\r\nlines')).toBe('two\r\nlines');
    expect(toSafeCsvCell('bell\u0007\u202e')).toBe('bell\\u{7}\\u{202e}');
  });
});
