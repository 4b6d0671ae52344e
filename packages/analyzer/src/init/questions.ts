import type { DraftPolicy, TrainingLegalBasis } from './draft.js';

/** The ids of the questions `init` asks. */
export type InitQuestionId =
  | 'controller-name'
  | 'controller-email'
  | 'training-legal-basis'
  | 'opt-out-tiers';

/** Answers by question id, as typed (an empty answer takes the default). */
export type InitAnswers = Readonly<Partial<Record<InitQuestionId, string>>>;

/** One question code cannot answer, as data: what to ask, the default, and what a valid answer is. */
export interface InitQuestion {
  readonly id: InitQuestionId;
  readonly text: string;
  /** The answer taken for an empty reply and by `--yes`. */
  defaultAnswer(draft: DraftPolicy): string;
  /** Why an answer is not valid, or undefined when it is. */
  check(answer: string, draft: DraftPolicy): string | undefined;
  /** Asked only when this holds for the answers so far; always when absent. */
  when?(answers: InitAnswers): boolean;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const LEGAL_BASES: readonly TrainingLegalBasis[] = ['legitimate-interests', 'consent'];

/** The few questions `init` asks on a terminal, in order. */
export const initQuestions: readonly InitQuestion[] = [
  {
    id: 'controller-name',
    text: 'Legal name of the controller (the company responsible for the data)',
    defaultAnswer: (draft) => draft.controller.name,
    check: (answer) => (answer.trim() === '' ? 'the name cannot be empty' : undefined),
  },
  {
    id: 'controller-email',
    text: 'Privacy contact email (empty to fill in later)',
    defaultAnswer: (draft) => draft.controller.email ?? '',
    check: (answer) =>
      answer.trim() === '' || EMAIL.test(answer.trim())
        ? undefined
        : 'expected an email address such as privacy@example.com',
  },
  {
    id: 'training-legal-basis',
    text: 'Legal basis for training on user data: legitimate-interests (users can opt out) or consent (users opt in)',
    defaultAnswer: (draft) => draft.training.legalBasis,
    check: (answer) =>
      LEGAL_BASES.includes(answer.trim() as TrainingLegalBasis)
        ? undefined
        : `expected one of ${LEGAL_BASES.join(', ')}`,
  },
  {
    id: 'opt-out-tiers',
    text: 'Tiers whose users may opt out of training, free of charge (comma-separated ids, all or none)',
    defaultAnswer: (draft) => describeTiers(draft),
    check: (answer, draft) => {
      const unknown = parseTierList(answer, draft).unknown;
      return unknown.length === 0
        ? undefined
        : `unknown tier ${unknown.join(', ')}; the tiers are ${draft.tiers.map((tier) => tier.id).join(', ')}`;
    },
    // Under consent every tier opts in; there is nothing to opt out of.
    when: (answers) => (answers['training-legal-basis'] ?? '').trim() !== 'consent',
  },
];

/** Applies answers to a draft; missing or empty answers keep what the draft has. */
export function applyAnswers(draft: DraftPolicy, answers: InitAnswers): DraftPolicy {
  const value = (id: InitQuestionId): string | undefined => {
    const answer = answers[id]?.trim();
    return answer === undefined || answer === '' ? undefined : answer;
  };
  const name = value('controller-name');
  const email = value('controller-email');
  const basis = value('training-legal-basis');
  const tiers = value('opt-out-tiers');
  const optOut = tiers === undefined ? undefined : new Set(parseTierList(tiers, draft).ids);
  const { evidence, ...controller } = draft.controller;
  return {
    ...draft,
    controller:
      name === undefined || name === draft.controller.name
        ? { ...draft.controller, ...(email === undefined ? {} : { email }) }
        : { ...controller, name, ...(email === undefined ? {} : { email }) },
    training:
      basis === undefined || !LEGAL_BASES.includes(basis as TrainingLegalBasis)
        ? draft.training
        : { ...draft.training, legalBasis: basis as TrainingLegalBasis },
    tiers:
      optOut === undefined
        ? draft.tiers
        : draft.tiers.map((tier) => ({ ...tier, optOut: optOut.has(tier.id) })),
  };
}

/** Asks the questions through `prompt`, again until an answer is valid (at most three times each). */
export async function askQuestions(
  draft: DraftPolicy,
  prompt: (question: string) => Promise<string>,
): Promise<InitAnswers> {
  const answers: Partial<Record<InitQuestionId, string>> = {};
  for (const question of initQuestions) {
    if (question.when !== undefined && !question.when(answers)) continue;
    const fallback = question.defaultAnswer(draft);
    let problem: string | undefined;
    for (let attempt = 0; ; attempt++) {
      const lead = problem === undefined ? '' : `  ${problem}\n`;
      const reply = (await prompt(`${lead}${question.text} [${fallback}]: `)).trim();
      const answer = reply === '' ? fallback : reply;
      problem = question.check(answer, draft);
      if (problem === undefined) {
        answers[question.id] = answer;
        break;
      }
      if (attempt === 2) throw new InitAnswerError(question.id, problem);
    }
  }
  return answers;
}

/** Three invalid answers in a row to one question. */
export class InitAnswerError extends Error {
  override readonly name = 'InitAnswerError';
  constructor(
    readonly question: InitQuestionId,
    problem: string,
  ) {
    super(`no valid answer to "${question}": ${problem}`);
  }
}

function describeTiers(draft: DraftPolicy): string {
  const optOut = draft.tiers.filter((tier) => tier.optOut);
  if (optOut.length === draft.tiers.length) return 'all';
  if (optOut.length === 0) return 'none';
  return optOut.map((tier) => tier.id).join(',');
}

function parseTierList(answer: string, draft: DraftPolicy): { ids: string[]; unknown: string[] } {
  const text = answer.trim().toLowerCase();
  const known = draft.tiers.map((tier) => tier.id);
  if (text === 'all' || text === '') return { ids: known, unknown: [] };
  if (text === 'none') return { ids: [], unknown: [] };
  const listed = text
    .split(/[\s,]+/)
    .map((id) => id.trim())
    .filter((id) => id !== '');
  return {
    ids: listed.filter((id) => known.includes(id)),
    unknown: listed.filter((id) => !known.includes(id)),
  };
}
