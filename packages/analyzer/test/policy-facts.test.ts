import { describe, expect, it } from 'vitest';
import {
  durationText,
  isThirdCountry,
  isZeroDuration,
  legalBasisArticle,
  listText,
  pointerOf,
  withArticle,
} from '../src/policy-facts.js';

describe('policy facts', () => {
  it('writes durations in words', () => {
    expect(durationText('P30D')).toBe('30 days');
    expect(durationText('P1Y6M')).toBe('1 year and 6 months');
    expect(durationText('P1Y2M3W4D')).toBe('1 year, 2 months, 3 weeks and 4 days');
    expect(durationText('PT12H')).toBe('PT12H');
  });

  it('knows a zero duration from a short one', () => {
    expect(isZeroDuration('P0D')).toBe(true);
    expect(isZeroDuration('P0Y0M')).toBe(true);
    expect(isZeroDuration('P1D')).toBe(false);
    expect(isZeroDuration('not a duration')).toBe(false);
  });

  it('joins words as prose, with the right article', () => {
    expect(listText([])).toBe('');
    expect(listText(['free'])).toBe('free');
    expect(listText(['free', 'pro', 'team'])).toBe('free, pro and team');
    expect(listText(['a toggle', 'a page'], 'or')).toBe('a toggle or a page');
    expect(withArticle('email request')).toBe('an email request');
    expect(withArticle('web form')).toBe('a web form');
  });

  it('names GDPR articles and escapes JSON pointers', () => {
    expect(legalBasisArticle('legitimate-interests')).toBe('Art. 6(1)(f)');
    expect(legalBasisArticle('consent')).toBe('Art. 6(1)(a)');
    expect(pointerOf('purposes', 'a/b', 'tiers', 0)).toBe('/purposes/a~1b/tiers/0');
    expect(pointerOf('x~y')).toBe('/x~0y');
  });

  it('treats the EEA as inside and everything else as a third country', () => {
    expect(isThirdCountry('IE')).toBe(false);
    expect(isThirdCountry('NO')).toBe(false);
    expect(isThirdCountry('US')).toBe(true);
    expect(isThirdCountry('GB')).toBe(true);
  });
});
