import type {
  Category,
  ConsentryPolicy,
  Guarantee,
  LegalBasis,
  Purpose,
  PurposeKind,
  Tier,
} from '@consentry/sdk';

// Facts derived from a policy that both the policy rules and the record of processing need, so
// the two never disagree on what "training", "paid" or "the same friction" mean.

/** Purpose kinds that feed model training, the processing EDPB Opinion 28/2024 is about. */
export const TRAINING_KINDS: readonly PurposeKind[] = ['training', 'fine-tuning'];

/** Whether a purpose trains or fine-tunes a model. */
export function isTrainingPurpose(purpose: Purpose): boolean {
  return TRAINING_KINDS.includes(purpose.kind);
}

/** The entries of an id-keyed map of the policy, sorted by id, without holes. */
export function sortedEntries<T>(
  map: Readonly<Record<string, T | undefined>> | undefined,
): [string, T][] {
  if (map === undefined) return [];
  return Object.keys(map)
    .sort()
    .flatMap((id) => {
      const value = map[id];
      return value === undefined ? [] : [[id, value] as [string, T]];
    });
}

/** Joins segments into a JSON pointer (RFC 6901) into the policy. */
export function pointerOf(...segments: readonly (string | number)[]): string {
  return segments
    .map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`)
    .join('');
}

/** Whether users pay for a tier; a tier that does not say is treated as free. */
export function isPaidTier(tier: Tier): boolean {
  return tier.paid === true;
}

/** A tier named for a message: its display name and its id, e.g. `Free (free)`. */
export function tierLabel(policy: ConsentryPolicy, tierId: string): string {
  const name = policy.tiers[tierId]?.name;
  return name === undefined || name === tierId ? tierId : `${name} (${tierId})`;
}

/** A purpose named for a message: its display name and its id, e.g. `Model training (model-training)`. */
export function purposeLabel(purposeId: string, purpose: Purpose): string {
  return purpose.name === undefined || purpose.name === purposeId
    ? purposeId
    : `${purpose.name} (${purposeId})`;
}

/** Joins words as prose: `a`, `a and b`, `a, b and c` (or with `or`). */
export function listText(words: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}

/** The GDPR article of a legal basis, e.g. `Art. 6(1)(f)`. */
export function legalBasisArticle(basis: LegalBasis): string {
  return `Art. 6(1)(${LEGAL_BASIS_LETTERS[basis]})`;
}

/** The Art. 6(1) letter of each legal basis. */
export const LEGAL_BASIS_LETTERS: Readonly<Record<LegalBasis, string>> = {
  consent: 'a',
  contract: 'b',
  'legal-obligation': 'c',
  'vital-interests': 'd',
  'public-task': 'e',
  'legitimate-interests': 'f',
};

/** Readable names of the legal bases. */
export const LEGAL_BASIS_NAMES: Readonly<Record<LegalBasis, string>> = {
  consent: 'Consent',
  contract: 'Performance of a contract',
  'legal-obligation': 'Legal obligation',
  'vital-interests': 'Vital interests',
  'public-task': 'Public task',
  'legitimate-interests': 'Legitimate interests',
};

/** Readable names of the purpose kinds. */
export const PURPOSE_KIND_NAMES: Readonly<Record<PurposeKind, string>> = {
  training: 'AI model training',
  'fine-tuning': 'AI model fine-tuning',
  evaluation: 'AI model evaluation',
  inference: 'AI inference',
  analytics: 'Analytics',
  service: 'Service delivery',
  security: 'Security',
  marketing: 'Marketing',
  other: 'Other',
};

/** Readable names of the ways a subject exercises a choice. */
export const MECHANISM_NAMES: Readonly<Record<Guarantee['mechanism'], string>> = {
  'in-app-toggle': 'in-app toggle',
  'settings-page': 'settings page',
  email: 'email request',
  'web-form': 'web form',
  none: 'no mechanism',
};

/**
 * How much effort a mechanism asks of the subject: 0 for self-service in the product (a toggle or
 * a settings page), 1 for a form someone must fill in and a human may process, 2 for writing an
 * email. `none` has no rank: it is not a way to exercise the right at all.
 */
export const MECHANISM_FRICTION: Readonly<Record<Exclude<Guarantee['mechanism'], 'none'>, number>> =
  {
    'in-app-toggle': 0,
    'settings-page': 0,
    'web-form': 1,
    email: 2,
  };

/** Whether the subject has a working way to refuse or stop the processing under a guarantee. */
export function hasWorkingChoice(guarantee: Guarantee): boolean {
  return guarantee.control !== 'none' && guarantee.mechanism !== 'none';
}

/** Whether a tier's data is ever processed for the purpose: `excluded` means never. */
export function isProcessed(guarantee: Guarantee | undefined): boolean {
  return guarantee?.default !== 'excluded';
}

/** Whether data is processed before the subject acts: included by default, or a choice pre-set to yes. */
export function isProcessedByDefault(guarantee: Guarantee): boolean {
  return guarantee.default === 'included' || guarantee.default === 'opted-in';
}

/** The categories of a purpose that exist in the policy, in the purpose's order, with their ids. */
export function purposeCategories(
  policy: ConsentryPolicy,
  purpose: Purpose,
): { id: string; index: number; category: Category }[] {
  return purpose.categories.flatMap((id, index) => {
    const category = policy.categories[id];
    return category === undefined ? [] : [{ id, index, category }];
  });
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/** An ISO 8601 duration of the policy (P30D, P1Y6M…) in words, e.g. `1 year and 6 months`. */
export function durationText(duration: string): string {
  const match = DURATION.exec(duration);
  if (match === null) return duration;
  const units = ['year', 'month', 'week', 'day'];
  const parts = match.slice(1).flatMap((part, index) => {
    if (part === undefined) return [];
    const count = Number(part);
    return [`${count} ${units[index]}${count === 1 ? '' : 's'}`];
  });
  return parts.length === 0 ? duration : listText(parts);
}

/** Whether an ISO 8601 duration of the policy is zero long (P0D, P0M…). */
export function isZeroDuration(duration: string): boolean {
  const parts = DURATION.exec(duration)?.slice(1) ?? ['1'];
  return parts.every((part) => part === undefined || Number(part) === 0);
}

/** A noun phrase with its indefinite article: `an email request`, `a web form`. */
export function withArticle(phrase: string): string {
  return `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
}

/** A category named for a message: its display name and its id. */
export function categoryLabel(categoryId: string, category: Category): string {
  return category.name === categoryId ? categoryId : `${category.name} (${categoryId})`;
}

/** The EEA states (EU 27 plus Iceland, Liechtenstein and Norway), as ISO 3166-1 alpha-2 codes. */
export const EEA_COUNTRIES: ReadonlySet<string> = new Set([
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
  'IS',
  'LI',
  'NO',
]);

/** Whether a country code is outside the EEA, so sending data there is a transfer (GDPR Chapter V). */
export function isThirdCountry(country: string): boolean {
  return !EEA_COUNTRIES.has(country.toUpperCase());
}
