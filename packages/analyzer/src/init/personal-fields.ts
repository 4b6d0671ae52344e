/** The kinds of personal data the field-name heuristic tells apart. */
export type PersonalKind = 'conversation-content' | 'contact-details' | 'names';

/** The display name and description of each kind, used for the categories it becomes. */
export const PERSONAL_KINDS: Readonly<
  Record<PersonalKind, { readonly name: string; readonly description: string }>
> = {
  'conversation-content': {
    name: 'Conversation content',
    description: 'Messages, prompts and other text users write.',
  },
  'contact-details': {
    name: 'Contact details',
    description: 'Email addresses, phone numbers and postal addresses.',
  },
  names: {
    name: 'Names',
    description: "People's names.",
  },
};

/**
 * The documented heuristic: a field holds personal data when one of the words of its name
 * (split at camelCase, snake_case and kebab-case) is one of these. It over-reports on purpose
 * (`modelName` counts as a name); `init` writes each guess with its reason so a person can
 * delete the wrong ones.
 */
export const PERSONAL_FIELD_WORDS: Readonly<Record<string, PersonalKind>> = {
  message: 'conversation-content',
  messages: 'conversation-content',
  content: 'conversation-content',
  contents: 'conversation-content',
  prompt: 'conversation-content',
  prompts: 'conversation-content',
  completion: 'conversation-content',
  completions: 'conversation-content',
  text: 'conversation-content',
  body: 'conversation-content',
  email: 'contact-details',
  emails: 'contact-details',
  phone: 'contact-details',
  address: 'contact-details',
  name: 'names',
};

/** Splits an identifier into lower-case words: `firstName` → first, name; `EMAIL_ADDRESS` → email, address. */
export function splitWords(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

/** The personal-data kind a field name suggests, with the word that decided it; undefined when none. */
export function classifyFieldName(
  name: string,
): { readonly kind: PersonalKind; readonly word: string } | undefined {
  for (const word of splitWords(name)) {
    const kind = PERSONAL_FIELD_WORDS[word];
    if (kind !== undefined) return { kind, word };
  }
  return undefined;
}

/** Turns a plan name as written in code (`FREE`, `Team_Plus`) into a policy id (`free`, `team-plus`); undefined when it cannot be one. */
export function toPolicyId(value: string): string | undefined {
  const id = splitWords(value).join('-');
  return /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id) && id.length <= 64 ? id : undefined;
}
