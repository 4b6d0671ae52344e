import { ConfigError } from '@consentry/policy';
// src/baseline.ts
import { createHash } from 'crypto';
import { compareFindings } from './chunk-TAJRGIDQ.js';
import {
  codeRules,
  defineRule,
  describeReport,
  relativePath,
  toSlashes,
} from './chunk-UAIMILBV.js';

function normaliseCode(line) {
  return line.trim().replace(/\s+/g, ' ');
}
function fingerprintFindings(findings, lineText) {
  const occurrences = /* @__PURE__ */ new Map();
  const lineOccurrences = /* @__PURE__ */ new Map();
  return findings.map((finding) => {
    const snippet = lineText(finding.file, finding.line);
    const code = normaliseCode(snippet ?? '');
    const identity = [finding.ruleId, finding.file, finding.purpose ?? '', code].join('\0');
    const occurrence = occurrences.get(identity) ?? 0;
    occurrences.set(identity, occurrence + 1);
    const codeHash = hash(code).slice(0, 16);
    const lineKey = `${finding.file}\0${codeHash}`;
    const lineOccurrence = (lineOccurrences.get(lineKey) ?? 0) + 1;
    lineOccurrences.set(lineKey, lineOccurrence);
    return {
      ...finding,
      fingerprint: hash(`consentry/v1\0${identity}\0${occurrence}`).slice(0, 32),
      lineHash: `${codeHash}:${lineOccurrence}`,
      ...(snippet === void 0 ? {} : { snippet }),
    };
  });
}
function createBaseline(findings) {
  const entries = findings
    .map(({ ruleId, file, fingerprint }) => ({ ruleId, file, fingerprint }))
    .sort(
      (a, b) =>
        compare(a.file, b.file) ||
        compare(a.ruleId, b.ruleId) ||
        compare(a.fingerprint, b.fingerprint),
    );
  const baseline = { version: 1, findings: entries };
  return `${JSON.stringify(baseline, null, 2)}
`;
}
function parseBaseline(text, file) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ConfigError([
      { file, line: 1, column: 1, message: `baseline is not valid JSON (${detail})` },
    ]);
  }
  if (!isBaseline(data)) {
    throw new ConfigError([
      {
        file,
        line: 1,
        column: 1,
        message:
          'baseline must be { "version": 1, "findings": [{ "ruleId", "file", "fingerprint" }] } (write one with `consentry check --write-baseline FILE`)',
      },
    ]);
  }
  return data;
}
function applyBaseline(findings, baseline) {
  const remaining = /* @__PURE__ */ new Map();
  for (const entry of baseline.findings) {
    remaining.set(entry.fingerprint, (remaining.get(entry.fingerprint) ?? 0) + 1);
  }
  const kept = [];
  let baselined = 0;
  for (const finding of findings) {
    const count = remaining.get(finding.fingerprint) ?? 0;
    if (count > 0) {
      remaining.set(finding.fingerprint, count - 1);
      baselined += 1;
    } else {
      kept.push(finding);
    }
  }
  return { findings: kept, baselined };
}
function isBaseline(data) {
  if (typeof data !== 'object' || data === null) return false;
  const candidate = data;
  return (
    candidate.version === 1 &&
    Array.isArray(candidate.findings) &&
    candidate.findings.every(
      (entry) =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof entry.fingerprint === 'string' &&
        typeof entry.ruleId === 'string' &&
        typeof entry.file === 'string',
    )
  );
}
function hash(text) {
  return createHash('sha256').update(text).digest('hex');
}
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// src/policy-facts.ts
var TRAINING_KINDS = ['training', 'fine-tuning'];
function isTrainingPurpose(purpose) {
  return TRAINING_KINDS.includes(purpose.kind);
}
function sortedEntries(map) {
  if (map === void 0) return [];
  return Object.keys(map)
    .sort()
    .flatMap((id) => {
      const value = map[id];
      return value === void 0 ? [] : [[id, value]];
    });
}
function pointerOf(...segments) {
  return segments
    .map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`)
    .join('');
}
function isPaidTier(tier) {
  return tier.paid === true;
}
function tierLabel(policy, tierId) {
  const name = policy.tiers[tierId]?.name;
  return name === void 0 || name === tierId ? tierId : `${name} (${tierId})`;
}
function purposeLabel(purposeId, purpose) {
  return purpose.name === void 0 || purpose.name === purposeId
    ? purposeId
    : `${purpose.name} (${purposeId})`;
}
function listText(words, conjunction = 'and') {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}
function legalBasisArticle(basis) {
  return `Art. 6(1)(${LEGAL_BASIS_LETTERS[basis]})`;
}
var LEGAL_BASIS_LETTERS = {
  consent: 'a',
  contract: 'b',
  'legal-obligation': 'c',
  'vital-interests': 'd',
  'public-task': 'e',
  'legitimate-interests': 'f',
};
var LEGAL_BASIS_NAMES = {
  consent: 'Consent',
  contract: 'Performance of a contract',
  'legal-obligation': 'Legal obligation',
  'vital-interests': 'Vital interests',
  'public-task': 'Public task',
  'legitimate-interests': 'Legitimate interests',
};
var PURPOSE_KIND_NAMES = {
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
var MECHANISM_NAMES = {
  'in-app-toggle': 'in-app toggle',
  'settings-page': 'settings page',
  email: 'email request',
  'web-form': 'web form',
  none: 'no mechanism',
};
var MECHANISM_FRICTION = {
  'in-app-toggle': 0,
  'settings-page': 0,
  'web-form': 1,
  email: 2,
};
function hasWorkingChoice(guarantee) {
  return guarantee.control !== 'none' && guarantee.mechanism !== 'none';
}
function isProcessed(guarantee) {
  return guarantee?.default !== 'excluded';
}
function isProcessedByDefault(guarantee) {
  return guarantee.default === 'included' || guarantee.default === 'opted-in';
}
function purposeCategories(policy, purpose) {
  return purpose.categories.flatMap((id, index) => {
    const category = policy.categories[id];
    return category === void 0 ? [] : [{ id, index, category }];
  });
}
var DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;
function durationText(duration) {
  const match = DURATION.exec(duration);
  if (match === null) return duration;
  const units = ['year', 'month', 'week', 'day'];
  const parts = match.slice(1).flatMap((part, index) => {
    if (part === void 0) return [];
    const count = Number(part);
    return [`${count} ${units[index]}${count === 1 ? '' : 's'}`];
  });
  return parts.length === 0 ? duration : listText(parts);
}
function isZeroDuration(duration) {
  const parts = DURATION.exec(duration)?.slice(1) ?? ['1'];
  return parts.every((part) => part === void 0 || Number(part) === 0);
}
function withArticle(phrase) {
  return `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
}
function categoryLabel(categoryId, category) {
  return category.name === categoryId ? categoryId : `${category.name} (${categoryId})`;
}
var EEA_COUNTRIES = /* @__PURE__ */ new Set([
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
function isThirdCountry(country) {
  return !EEA_COUNTRIES.has(country.toUpperCase());
}

// src/rules/consent-default-on.ts
var consentDefaultOn = defineRule({
  id: 'consent-default-on',
  meta: {
    description:
      'Consent is an affirmative act: a purpose on consent must start every tier as not consenting (default: opted-out or excluded), never pre-ticked or included.',
    severity: 'error',
    securitySeverity: 8,
    citations: [
      'GDPR Art. 4(11): consent is a clear affirmative act',
      'GDPR Art. 7(1) and Recital 32: silence, pre-ticked boxes or inactivity are not consent',
      'CJEU C-673/17 Planet49 (1 October 2019): a pre-ticked checkbox is not valid consent',
      'EDPB Guidelines 05/2020 on consent under Regulation 2016/679',
    ],
  },
  messages: {
    defaultOn:
      'Purpose {purpose} relies on consent, but tier {tier} starts as {state} (default: {value}). Consent must be a clear affirmative act; a pre-set yes is not consent (GDPR Art. 4(11), Art. 7; CJEU Planet49). Set default: opted-out so nothing is processed until the subject opts in.',
  },
  create(context) {
    return {
      policy({ policy }) {
        for (const [purposeId, purpose] of sortedEntries(policy.purposes)) {
          if (purpose.legalBasis !== 'consent') continue;
          for (const [tierId, guarantee] of sortedEntries(purpose.tiers)) {
            if (guarantee.default !== 'included' && guarantee.default !== 'opted-in') continue;
            context.report({
              messageId: 'defaultOn',
              pointer: pointerOf('purposes', purposeId, 'tiers', tierId, 'default'),
              purpose: purposeId,
              tiers: [tierId],
              data: {
                purpose: purposeLabel(purposeId, purpose),
                tier: tierLabel(policy, tierId),
                state: guarantee.default === 'included' ? 'included' : 'consenting',
                value: guarantee.default,
              },
            });
          }
        }
      },
    };
  },
});

// src/rules/dpia-missing.ts
var dpiaMissing = defineRule({
  id: 'dpia-missing',
  meta: {
    description:
      'A training or fine-tuning purpose must state the status of its data protection impact assessment, and cannot call it not required when it trains on special-category or children\u2019s data.',
    severity: 'warning',
    securitySeverity: 5,
    citations: [
      'GDPR Art. 35(1): an assessment before processing likely to result in a high risk, in particular with new technologies',
      'GDPR Art. 35(3)(b): large-scale processing of special categories of data',
      'CNIL, AI recommendations, fiche 5 (April 2024): carrying out a DPIA for AI system development',
      'Article 29 Working Party WP248 rev.01 (endorsed by the EDPB): criteria for processing likely to be high risk',
    ],
  },
  messages: {
    missing:
      'Purpose {purpose} trains models but states no DPIA status. Training on user data with a new technology is likely high risk and usually needs an impact assessment (GDPR Art. 35; CNIL AI fiche 5). Add dpia: {status: planned | in-progress | completed, reference: \u2026}.',
    notRequired:
      'Purpose {purpose} trains on {categories} yet calls its DPIA not required. Large-scale processing of special-category or children\u2019s data is a listed high-risk case (GDPR Art. 35(3)(b); WP248). Carry out the assessment and update dpia.status.',
  },
  create(context) {
    return {
      policy({ policy }) {
        for (const [purposeId, purpose] of sortedEntries(policy.purposes)) {
          if (!isTrainingPurpose(purpose)) continue;
          const data = { purpose: purposeLabel(purposeId, purpose) };
          if (purpose.dpia === void 0) {
            context.report({
              messageId: 'missing',
              pointer: pointerOf('purposes', purposeId, 'kind'),
              purpose: purposeId,
              data,
            });
            continue;
          }
          if (purpose.dpia.status !== 'not-required') continue;
          const sensitive = purposeCategories(policy, purpose).filter(
            ({ category }) => category.special === true || category.minors === true,
          );
          if (sensitive.length === 0) continue;
          context.report({
            messageId: 'notRequired',
            pointer: pointerOf('purposes', purposeId, 'dpia', 'status'),
            purpose: purposeId,
            data: { ...data, categories: listText(sensitive.map(({ category }) => category.name)) },
          });
        }
      },
    };
  },
});

// src/rules/legitimate-interest-assessment-missing.ts
var legitimateInterestAssessmentMissing = defineRule({
  id: 'legitimate-interest-assessment-missing',
  meta: {
    description:
      'A purpose on legitimate interests must name where its three-step assessment (legitimate interest, necessity, balancing) is documented.',
    severity: 'warning',
    securitySeverity: 6,
    citations: [
      'GDPR Art. 6(1)(f): processing is lawful only if the interests are not overridden by the subject\u2019s',
      'GDPR Art. 5(2): the controller is able to demonstrate compliance',
      'EDPB Opinion 28/2024 on AI models, paras. 66\u201395: the three-step test for development and deployment',
      'CNIL, AI recommendations, fiche 8 (June 2025): documenting legitimate interest for AI development',
    ],
  },
  messages: {
    missing:
      'Purpose {purpose} relies on legitimate interests (Art. 6(1)(f)) but does not say where its balancing assessment is. The controller must be able to show the interest is legitimate, the processing necessary, and the balance in its favour (GDPR Art. 5(2), Art. 6(1)(f); EDPB Opinion 28/2024). Add legitimateInterestAssessment with a reference to the assessment.',
  },
  create(context) {
    return {
      policy({ policy }) {
        for (const [purposeId, purpose] of sortedEntries(policy.purposes)) {
          if (purpose.legalBasis !== 'legitimate-interests') continue;
          if (purpose.legitimateInterestAssessment !== void 0) continue;
          context.report({
            messageId: 'missing',
            pointer: pointerOf('purposes', purposeId, 'legalBasis'),
            purpose: purposeId,
            data: { purpose: purposeLabel(purposeId, purpose) },
          });
        }
      },
    };
  },
});

// src/rules/objection-conditional.ts
var objectionConditional = defineRule({
  id: 'objection-conditional',
  meta: {
    description:
      'An objection or a withdrawal must be unconditional: free of charge, without having to give reasons (for training, marketing and consent), and permanent.',
    severity: 'error',
    securitySeverity: 8,
    citations: [
      'GDPR Art. 12(5): actions taken under Art. 15\u201322 are free of charge',
      'GDPR Art. 21(1)\u2013(3): once the subject objects, the controller no longer processes',
      'GDPR Art. 7(3): consent can be withdrawn at any time, as easily as it was given',
      'EDPB Opinion 28/2024 on AI models, para. 102: an unconditional opt-out, beyond the conditions of Art. 21',
    ],
  },
  messages: {
    costs:
      'Tier {tier} has to pay to exercise its choice for purpose {purpose} (freeOfCharge: false). Exercising data protection rights is free of charge (GDPR Art. 12(5)). Make the choice free for {tier}.',
    reasons:
      'Tier {tier} must give reasons to {verb} purpose {purpose} (reasonsRequired: true). {why} Remove the requirement.',
    expires:
      "Tier {tier}'s choice for purpose {purpose} lapses after {duration} (expiresAfter). An objection or withdrawal stays in force until the subject changes it (GDPR Art. 21(3), Art. 7(3); EDPB Opinion 28/2024). Remove expiresAfter.",
  },
  create(context) {
    return {
      policy({ policy }) {
        for (const [purposeId, purpose] of sortedEntries(policy.purposes)) {
          for (const [tierId, guarantee] of sortedEntries(purpose.tiers)) {
            if (guarantee.control === 'none' || !isProcessed(guarantee)) continue;
            const base = pointerOf('purposes', purposeId, 'tiers', tierId);
            const data = {
              tier: tierLabel(policy, tierId),
              purpose: purposeLabel(purposeId, purpose),
            };
            const common = { purpose: purposeId, tiers: [tierId] };
            if (guarantee.freeOfCharge === false) {
              context.report({
                messageId: 'costs',
                pointer: `${base}/freeOfCharge`,
                data,
                ...common,
              });
            }
            const why = reasonsWhy(purpose.legalBasis, isTrainingPurpose(purpose), purpose.kind);
            if (guarantee.reasonsRequired === true && why !== void 0) {
              context.report({
                messageId: 'reasons',
                pointer: `${base}/reasonsRequired`,
                data: {
                  ...data,
                  why,
                  verb: purpose.legalBasis === 'consent' ? 'withdraw consent to' : 'opt out of',
                },
                ...common,
              });
            }
            if (guarantee.expiresAfter !== void 0) {
              context.report({
                messageId: 'expires',
                pointer: `${base}/expiresAfter`,
                data: { ...data, duration: durationText(guarantee.expiresAfter) },
                ...common,
              });
            }
          }
        }
      },
    };
  },
});
function reasonsWhy(basis, training, kind) {
  if (basis === 'consent') {
    return 'Consent is withdrawn without giving reasons, as easily as it was given (GDPR Art. 7(3)).';
  }
  if (training) {
    return 'For model training the EDPB expects an unconditional opt-out, beyond the conditions of Art. 21(1) (EDPB Opinion 28/2024, para. 102; GDPR Art. 12(5), Art. 21).';
  }
  if (kind === 'marketing') {
    return 'An objection to direct marketing is absolute and needs no grounds (GDPR Art. 21(2)\u2013(3)).';
  }
  return void 0;
}

// src/rules/opt-out-friction-unequal.ts
var optOutFrictionUnequal = defineRule({
  id: 'opt-out-friction-unequal',
  meta: {
    description:
      'The way to opt out or withdraw must be as easy for every tier: an email or a web form for one tier against an in-app toggle for another is unequal friction.',
    severity: 'warning',
    securitySeverity: 5.5,
    citations: [
      'GDPR Art. 12(2): the controller shall facilitate the exercise of data subject rights',
      'GDPR Art. 7(3): withdrawing consent shall be as easy as giving it',
      'GDPR Art. 21(5): in information society services, objection by automated means',
      'Irish DPC statement on Meta AI (21 May 2025): an easier, in-app objection form',
    ],
  },
  messages: {
    harder:
      'Tier {tier} must use {mechanism} to exercise its choice for purpose {purpose}, while {easier} {verb} {easierMechanism}. A right must be as easy to exercise for every tier (GDPR Art. 12(2){extra}). Offer {tier} {easierMechanism} as well.',
  },
  create(context) {
    return {
      policy({ policy }) {
        for (const [purposeId, purpose] of sortedEntries(policy.purposes)) {
          const choices = sortedEntries(purpose.tiers).flatMap(([tierId, guarantee]) => {
            if (!isProcessed(guarantee) || !hasWorkingChoice(guarantee)) return [];
            const mechanism = guarantee.mechanism;
            return [{ tierId, mechanism, friction: MECHANISM_FRICTION[mechanism] }];
          });
          if (choices.length < 2) continue;
          const easiest = Math.min(...choices.map((choice) => choice.friction));
          const easier = choices.filter((choice) => choice.friction === easiest);
          const easierMechanisms = [
            ...new Set(easier.map((choice) => MECHANISM_NAMES[choice.mechanism])),
          ];
          for (const choice of choices) {
            if (choice.friction === easiest) continue;
            context.report({
              messageId: 'harder',
              pointer: pointerOf('purposes', purposeId, 'tiers', choice.tierId, 'mechanism'),
              purpose: purposeId,
              tiers: [choice.tierId],
              data: {
                tier: tierLabel(policy, choice.tierId),
                mechanism: withArticle(MECHANISM_NAMES[choice.mechanism]),
                purpose: purposeLabel(purposeId, purpose),
                easier: listText(easier.map((other) => tierLabel(policy, other.tierId))),
                verb: easier.length === 1 ? 'has' : 'have',
                easierMechanism: listText(easierMechanisms.map(withArticle), 'or'),
                extra: purpose.legalBasis === 'consent' ? ', Art. 7(3)' : ', Art. 21(5)',
              },
            });
          }
        }
      },
    };
  },
});

// src/rules/paid-no-training.ts
var paidNoTraining = defineRule({
  id: 'paid-no-training',
  meta: {
    description:
      'When training relies on consent, "no training" must not be something only paying tiers get: a choice between consenting and paying is in most cases not free consent.',
    severity: 'error',
    securitySeverity: 7.5,
    citations: [
      'GDPR Art. 4(11) and Art. 7(4): consent is freely given, not conditional on something unnecessary for the service',
      'EDPB Opinion 08/2024 on valid consent in the context of consent or pay models (17 April 2024)',
      'GDPR Recital 42: consent is not free if the subject cannot refuse without detriment',
    ],
  },
  messages: {
    consentOrPay:
      'Purpose {purpose} relies on consent for training, but only paying tiers can keep their data out of it: {paid}. On {free}, training is the price of using the service. A choice between consenting and paying will in most cases not give valid consent (GDPR Art. 4(11), Art. 7(4); EDPB Opinion 08/2024). Let {free} refuse training at no cost.',
  },
  create(context) {
    return {
      policy({ policy }) {
        for (const [purposeId, purpose] of sortedEntries(policy.purposes)) {
          if (!isTrainingPurpose(purpose) || purpose.legalBasis !== 'consent') continue;
          const tiers = sortedEntries(policy.tiers).map(([tierId, tier]) => {
            const guarantee = purpose.tiers?.[tierId];
            const canAvoid =
              guarantee === void 0 ||
              !isProcessedByDefault(guarantee) ||
              hasWorkingChoice(guarantee);
            return { tierId, paid: isPaidTier(tier), canAvoid };
          });
          const free = tiers.filter((tier) => !tier.paid);
          const paid = tiers.filter((tier) => tier.paid && tier.canAvoid);
          if (free.length === 0 || paid.length === 0 || free.some((tier) => tier.canAvoid))
            continue;
          context.report({
            messageId: 'consentOrPay',
            pointer: pointerOf('purposes', purposeId, 'legalBasis'),
            purpose: purposeId,
            tiers: free.map((tier) => tier.tierId),
            data: {
              purpose: purposeLabel(purposeId, purpose),
              paid: listText(paid.map((tier) => tierLabel(policy, tier.tierId))),
              free: listText(free.map((tier) => tierLabel(policy, tier.tierId))),
            },
          });
        }
      },
    };
  },
});

// src/rules/retention-missing.ts
var retentionMissing = defineRule({
  id: 'retention-missing',
  meta: {
    description:
      'Every category of personal data needs a retention period, and so does the data a training purpose keeps, since training sets outlive the data they were copied from.',
    severity: 'warning',
    securitySeverity: 5.5,
    citations: [
      'GDPR Art. 5(1)(e): storage limitation',
      'GDPR Art. 30(1)(f): the record states the envisaged time limits for erasure of the different categories of data',
      'EDPB Opinion 28/2024 on AI models: retention of training data as a factor in the balancing test',
    ],
  },
  messages: {
    training:
      'Purpose {purpose} keeps training data with no retention period. Training sets are copies that outlive their source, so say how long they are kept (GDPR Art. 5(1)(e), Art. 30(1)(f)). Add retention, e.g. P6M.',
    category:
      'Category {category} has no retention period. The record of processing must give the time limit for erasing each category of data (GDPR Art. 5(1)(e), Art. 30(1)(f)). Add retention, e.g. P1Y.',
  },
  create(context) {
    return {
      policy({ policy }) {
        for (const [purposeId, purpose] of sortedEntries(policy.purposes)) {
          if (!isTrainingPurpose(purpose) || purpose.retention !== void 0) continue;
          context.report({
            messageId: 'training',
            pointer: pointerOf('purposes', purposeId, 'kind'),
            purpose: purposeId,
            data: { purpose: purposeLabel(purposeId, purpose) },
          });
        }
        for (const [categoryId, category] of sortedEntries(policy.categories)) {
          if (category.retention !== void 0) continue;
          context.report({
            messageId: 'category',
            pointer: pointerOf('categories', categoryId, 'name'),
            data: { category: categoryLabel(categoryId, category) },
          });
        }
      },
    };
  },
});

// src/rules/ropa-field-missing.ts
var ropaFieldMissing = defineRule({
  id: 'ropa-field-missing',
  meta: {
    description:
      'The policy must give what the record of processing needs under GDPR Art. 30(1)(a)\u2013(g): contact details, purposes, subjects and categories, recipients, transfers with their safeguards, and security measures. Retention, Art. 30(1)(f), is checked by retention-missing.',
    severity: 'warning',
    securitySeverity: 4.5,
    citations: [
      'GDPR Art. 30(1): the record of processing activities and its contents (a) to (g)',
      'GDPR Art. 30(4): the record is made available to the supervisory authority on request',
      'CNIL, "Le registre des activit\xE9s de traitement" (template of the record)',
      'ICO, "Documentation" (Guide to accountability and governance) and its controller template',
    ],
  },
  messages: {
    controllerContact:
      'The controller has no contact details. The record must give the name and contact details of the controller (GDPR Art. 30(1)(a)). Add email, phone, address or url under controller.',
    dpo: 'The controller names no data protection officer. Where one is designated, the record must give their name and contact details (GDPR Art. 30(1)(a), Art. 37). Add controller.dpo, or ignore this note if no DPO is required.',
    subjects:
      'Purpose {purpose} lists no categories of data subjects. The record must describe them (GDPR Art. 30(1)(c)). List the subjects the purpose concerns.',
    categories:
      'Purpose {purpose} lists no categories of personal data. The record must describe them (GDPR Art. 30(1)(c)). List the categories the purpose processes.',
    recipients:
      'Purpose {purpose} does not say who receives the data. The record must give the categories of recipients (GDPR Art. 30(1)(d)). List them under recipients, or write recipients: [] if the data stays with the controller.',
    transfer:
      'Recipient {recipient} of purpose {purpose} is in {country}, outside the EEA, but the purpose records no transfer to {country}. The record must identify transfers to third countries and their safeguards (GDPR Art. 30(1)(e), Chapter V). Add a transfer with its safeguard.',
    derogation:
      'The transfer of purpose {purpose} to {country} relies on a derogation but documents no safeguards. For transfers under Art. 49(1), second subparagraph, the record must document the suitable safeguards (GDPR Art. 30(1)(e)). Add documentation.',
    securityMeasures:
      'Purpose {purpose} lists no technical and organisational security measures. The record should describe them where possible (GDPR Art. 30(1)(g), Art. 32(1)). List them under securityMeasures.',
  },
  create(context) {
    return {
      policy({ policy }) {
        const { controller } = policy;
        const contact = [controller.email, controller.phone, controller.address, controller.url];
        if (contact.every((value) => value === void 0)) {
          context.report({ messageId: 'controllerContact', pointer: '/controller/name' });
        }
        if (controller.dpo === void 0) {
          context.report({ messageId: 'dpo', pointer: '/controller/name', severity: 'note' });
        }
        for (const [purposeId, purpose] of sortedEntries(policy.purposes)) {
          const data = { purpose: purposeLabel(purposeId, purpose) };
          const at = (...segments) => pointerOf('purposes', purposeId, ...segments);
          const common = { purpose: purposeId };
          if (purpose.subjects.length === 0) {
            context.report({ messageId: 'subjects', pointer: at('subjects'), data, ...common });
          }
          if (purpose.categories.length === 0) {
            context.report({ messageId: 'categories', pointer: at('categories'), data, ...common });
          }
          if (purpose.recipients === void 0) {
            context.report({
              messageId: 'recipients',
              pointer: at('description'),
              severity: 'note',
              data,
              ...common,
            });
          }
          const transferred = new Set(
            (purpose.transfers ?? []).map((transfer) => transfer.country),
          );
          (purpose.recipients ?? []).forEach((recipient, index) => {
            if (recipient.country === void 0 || !isThirdCountry(recipient.country)) return;
            if (transferred.has(recipient.country)) return;
            context.report({
              messageId: 'transfer',
              pointer: at('recipients', index, 'country'),
              data: { ...data, recipient: recipient.name, country: recipient.country },
              ...common,
            });
          });
          (purpose.transfers ?? []).forEach((transfer, index) => {
            if (transfer.safeguard !== 'derogation' || transfer.documentation !== void 0) return;
            context.report({
              messageId: 'derogation',
              pointer: at('transfers', index, 'safeguard'),
              data: { ...data, country: transfer.country },
              ...common,
            });
          });
          if ((purpose.securityMeasures ?? []).length === 0) {
            context.report({
              messageId: 'securityMeasures',
              pointer: at(purpose.securityMeasures === void 0 ? 'description' : 'securityMeasures'),
              data,
              ...common,
            });
          }
        }
      },
    };
  },
});

// src/rules/special-category-training.ts
var specialCategoryTraining = defineRule({
  id: 'special-category-training',
  meta: {
    description:
      'Special-category data may feed training only under a stated Art. 9(2) condition, and children\u2019s data should be excluded from training.',
    severity: 'error',
    securitySeverity: 8.5,
    citations: [
      'GDPR Art. 9(1)\u2013(2): processing special categories is prohibited unless a condition of Art. 9(2) applies',
      'GDPR Recital 38 and Art. 8: children merit specific protection of their personal data',
      'EDPB Opinion 28/2024 on AI models, para. 104: excluding data categories from training as a mitigating measure',
    ],
  },
  messages: {
    special:
      'Purpose {purpose} trains on {category}, special-category data (GDPR Art. 9(1)), without an Art. 9(2) condition. Processing it is prohibited unless a condition applies. Name the condition in article9Condition, or remove the category from this purpose.',
    minors:
      'Purpose {purpose} trains on {category}, which concerns children. Children merit specific protection and cannot be expected to foresee training on their data (GDPR Recital 38, Art. 8; EDPB Opinion 28/2024). Remove the category from this purpose and keep children\u2019s data out of training.',
  },
  create(context) {
    return {
      policy({ policy }) {
        for (const [purposeId, purpose] of sortedEntries(policy.purposes)) {
          if (!isTrainingPurpose(purpose)) continue;
          for (const { id, index, category } of purposeCategories(policy, purpose)) {
            const data = {
              purpose: purposeLabel(purposeId, purpose),
              category: categoryLabel(id, category),
            };
            const pointer = pointerOf('purposes', purposeId, 'categories', index);
            if (category.special === true && category.article9Condition === void 0) {
              context.report({ messageId: 'special', pointer, purpose: purposeId, data });
            }
            if (category.minors === true) {
              context.report({ messageId: 'minors', pointer, purpose: purposeId, data });
            }
          }
        }
      },
    };
  },
});

// src/rules/training-notice-missing.ts
var trainingNoticeMissing = defineRule({
  id: 'training-notice-missing',
  meta: {
    description:
      'When a tier is included in model training by default, users must be told some time before their data is first used, so they can object before training starts.',
    severity: 'warning',
    securitySeverity: 5,
    citations: [
      'EDPB Opinion 28/2024 on AI models, para. 102: a reasonable period between informing people and using their data for training',
      'GDPR Art. 13(1)(c) and Art. 21(4): purposes and the right to object are told explicitly, at the latest at the first communication',
      'Irish DPC statement on Meta AI (21 May 2025): a longer notice period before training on EU users\u2019 data',
    ],
  },
  messages: {
    missing:
      'Tier {tier} is included in training for purpose {purpose} by default, but the policy gives no notice period before its data is first used. People need time to object before training starts (EDPB Opinion 28/2024; GDPR Art. 13, Art. 21(4)). Add notice: {period: P30D, channel: \u2026}.',
    zero: 'Tier {tier} is included in training for purpose {purpose} by default with a notice period of zero, so data can be used the moment users are told. People need time to object before training starts (EDPB Opinion 28/2024; GDPR Art. 21(4)). Give a notice period of some weeks.',
  },
  create(context) {
    return {
      policy({ policy }) {
        for (const [purposeId, purpose] of sortedEntries(policy.purposes)) {
          if (!isTrainingPurpose(purpose)) continue;
          for (const [tierId, guarantee] of sortedEntries(purpose.tiers)) {
            if (!isProcessedByDefault(guarantee)) continue;
            const data = {
              tier: tierLabel(policy, tierId),
              purpose: purposeLabel(purposeId, purpose),
            };
            const base = ['purposes', purposeId, 'tiers', tierId];
            if (guarantee.notice === void 0) {
              context.report({
                messageId: 'missing',
                pointer: pointerOf(...base, 'default'),
                purpose: purposeId,
                tiers: [tierId],
                data,
              });
            } else if (isZeroDuration(guarantee.notice.period)) {
              context.report({
                messageId: 'zero',
                pointer: pointerOf(...base, 'notice', 'period'),
                purpose: purposeId,
                tiers: [tierId],
                data,
              });
            }
          }
        }
      },
    };
  },
});

// src/rules/training-opt-out-missing.ts
var trainingOptOutMissing = defineRule({
  id: 'training-opt-out-missing',
  meta: {
    description:
      'Every tier, free included, must be able to object to model training on legitimate interests, or to opt in under consent, at no cost.',
    severity: 'error',
    securitySeverity: 9,
    citations: [
      'GDPR Art. 12(5): exercising the rights of Art. 15\u201322 is free of charge',
      'GDPR Art. 21(1): right to object to processing based on Art. 6(1)(f)',
      'GDPR Art. 7 and Art. 4(11): consent is freely given, specific and can be refused',
      'EDPB Opinion 28/2024 on AI models, paras. 65 and 102: an objection that works in practice, before training',
    ],
  },
  messages: {
    legitimateInterests:
      'Purpose {purpose} trains models on legitimate interests (Art. 6(1)(f)), but tier {tier} {problem}{contrast}. Every tier, free included, must be able to object to training at no cost (GDPR Art. 12(5), Art. 21). Give {tier} an opt-out, or exclude it from training (default: excluded).',
    consent:
      'Purpose {purpose} trains models on consent (Art. 6(1)(a)), but tier {tier} {problem}{contrast}. Consent needs a real choice that every tier can make at no cost (GDPR Art. 4(11), Art. 7, Art. 12(5)). Give {tier} an opt-in, or exclude it from training (default: excluded).',
  },
  create(context) {
    return {
      policy({ policy }) {
        for (const [purposeId, purpose] of sortedEntries(policy.purposes)) {
          if (!isTrainingPurpose(purpose)) continue;
          if (purpose.legalBasis !== 'legitimate-interests' && purpose.legalBasis !== 'consent') {
            continue;
          }
          const gaps = tierGaps(policy, purposeId, purpose);
          const covered = sortedEntries(purpose.tiers)
            .filter(([, guarantee]) => isProcessed(guarantee) && hasWorkingChoice(guarantee))
            .map(([tierId]) => tierId);
          const verb = purpose.legalBasis === 'consent' ? 'choose' : 'opt out';
          const contrast =
            covered.length === 0
              ? ''
              : `, while ${listText(covered.map((id) => tierLabel(policy, id)))} can ${verb}`;
          for (const gap of gaps) {
            context.report({
              messageId: purpose.legalBasis === 'consent' ? 'consent' : 'legitimateInterests',
              pointer: gap.pointer,
              purpose: purposeId,
              tiers: [gap.tierId],
              ...(gap.severity === void 0 ? {} : { severity: gap.severity }),
              data: {
                purpose: purposeLabel(purposeId, purpose),
                tier: tierLabel(policy, gap.tierId),
                problem: gap.problem,
                contrast,
              },
            });
          }
        }
      },
    };
    function tierGaps(policy, purposeId, purpose) {
      return sortedEntries(policy.tiers).flatMap(([tierId]) => {
        const guarantee = purpose.tiers?.[tierId];
        if (guarantee === void 0) {
          return [
            {
              tierId,
              pointer:
                purpose.tiers === void 0
                  ? pointerOf('purposes', purposeId, 'legalBasis')
                  : pointerOf('purposes', purposeId, 'tiers'),
              problem: "is missing from the purpose's tiers, so it has no stated way to choose",
              ...(purpose.legalBasis === 'consent' ? { severity: 'warning' } : {}),
            },
          ];
        }
        if (!isProcessedByDefault(guarantee) || hasWorkingChoice(guarantee)) return [];
        const field = guarantee.control === 'none' ? 'control' : 'mechanism';
        return [
          {
            tierId,
            pointer: pointerOf('purposes', purposeId, 'tiers', tierId, field),
            problem:
              field === 'control'
                ? `is ${guarantee.default} by default and has no say (control: none)`
                : `is ${guarantee.default} by default and has no way to choose (mechanism: none)`,
          },
        ];
      });
    }
  },
});

// src/rules/policy-rules.ts
var policyRules = [
  consentDefaultOn,
  dpiaMissing,
  legitimateInterestAssessmentMissing,
  objectionConditional,
  optOutFrictionUnequal,
  paidNoTraining,
  retentionMissing,
  ropaFieldMissing,
  specialCategoryTraining,
  trainingNoticeMissing,
  trainingOptOutMissing,
];
function runPolicyRules(loaded, options = {}) {
  const file =
    options.root === void 0 ? toSlashes(loaded.file) : relativePath(options.root, loaded.file);
  const findings = [];
  for (const rule of options.rules ?? policyRules) {
    const listeners = rule.create({
      report(descriptor) {
        findings.push(toFinding(rule, descriptor, loaded, file));
      },
    });
    listeners.policy?.({ policy: loaded.policy });
  }
  return findings.sort(compareFindings);
}
function toFinding(rule, descriptor, loaded, file) {
  const { message, detail } = describeReport(rule, descriptor);
  const place = (descriptor.pointer === void 0 ? void 0 : loaded.locate(descriptor.pointer)) ?? {
    line: 1,
    column: 1,
  };
  return {
    ruleId: rule.id,
    severity: descriptor.severity ?? rule.meta.severity,
    message,
    ...(detail === void 0 ? {} : { detail }),
    file,
    line: place.line,
    column: place.column,
    ...('endLine' in place && place.endLine !== void 0 ? { endLine: place.endLine } : {}),
    ...('endColumn' in place && place.endColumn !== void 0 ? { endColumn: place.endColumn } : {}),
    ...(descriptor.purpose === void 0 ? {} : { purpose: descriptor.purpose }),
    ...(descriptor.tiers === void 0 ? {} : { tiers: [...descriptor.tiers].sort() }),
    origin: 'policy',
  };
}

// src/suppressions.ts
var INVALID_SUPPRESSION = 'invalid-suppression';
var UNUSED_SUPPRESSION = 'unused-suppression';
var SUPPRESSION_RULES = {
  [INVALID_SUPPRESSION]: {
    description:
      'A consentry-ignore comment without a reason, or naming a rule that does not exist; it silences nothing.',
    severity: 'error',
    securitySeverity: 5,
    citations: ['GDPR Art. 5(2) (accountability: a documented reason for each exception)'],
  },
  [UNUSED_SUPPRESSION]: {
    description: 'A consentry-ignore comment that matches no finding and can be removed.',
    severity: 'note',
    securitySeverity: 0.1,
    citations: ['GDPR Art. 5(2) (accountability: exceptions on record stay accurate)'],
  },
};
var MARKER = 'consentry-ignore';
var COMMENT = /(\/\/|\/\*|#)[ \t]*consentry-ignore(?![\w-])(.*)$/;
function parseSuppressions(file, text) {
  if (!text.includes(MARKER)) return [];
  const yaml = /\.ya?ml$/i.test(file);
  const lines = text.split(/\r?\n/);
  const parsed = [];
  lines.forEach((lineText, index) => {
    const match = COMMENT.exec(lineText);
    if (!match) return;
    const opener = match[1];
    if (opener === '#' ? !yaml : yaml) return;
    let body = match[2] ?? '';
    if (opener === '/*') body = body.replace(/\*\/.*$/, '');
    const before = lineText.slice(0, match.index);
    const separator = body.indexOf('--');
    const head = (separator === -1 ? body : body.slice(0, separator)).trim();
    const reason = separator === -1 ? '' : body.slice(separator + 2).trim();
    const names = head.split(/[\s,]+/).filter(Boolean);
    let malformed;
    if (names.length === 0) malformed = 'names no rule';
    else if (names.length > 1) malformed = 'names more than one rule';
    parsed.push({
      file,
      line: index + 1,
      column: match.index + 1,
      ruleId: names.length === 1 ? names[0] : void 0,
      reason,
      standalone: before.trim() === '',
      ...(malformed === void 0 ? {} : { malformed }),
    });
  });
  const standaloneLines = new Set(parsed.filter((s) => s.standalone).map((s) => s.line));
  return parsed.map(({ standalone, ...suppression }) => {
    let targetLine = suppression.line;
    if (standalone) {
      targetLine += 1;
      while (standaloneLines.has(targetLine)) targetLine += 1;
    }
    return { ...suppression, targetLine };
  });
}
function applySuppressions(findings, suppressions, knownRules) {
  const valid = /* @__PURE__ */ new Map();
  const reported = [];
  for (const suppression of suppressions) {
    const problem = describeProblem(suppression, knownRules);
    if (problem !== void 0) {
      reported.push(suppressionFinding(suppression, INVALID_SUPPRESSION, 'error', problem));
      continue;
    }
    valid.set(key(suppression.file, suppression.targetLine, suppression.ruleId), suppression);
  }
  const used = /* @__PURE__ */ new Set();
  let suppressed = 0;
  for (const finding of findings) {
    const suppression = valid.get(key(finding.file, finding.line, finding.ruleId));
    if (suppression === void 0) {
      reported.push(finding);
    } else {
      used.add(suppression);
      suppressed += 1;
    }
  }
  for (const suppression of valid.values()) {
    if (used.has(suppression)) continue;
    const message = `This suppression silences nothing: there is no ${suppression.ruleId} finding on line ${suppression.targetLine}. Remove the comment so the exceptions on record stay accurate.`;
    reported.push(suppressionFinding(suppression, UNUSED_SUPPRESSION, 'note', message));
  }
  const applied = [...used].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line,
  );
  return { findings: reported, suppressed, applied };
}
function describeProblem(suppression, knownRules) {
  const example = `consentry-ignore ${suppression.ruleId ?? '<rule-id>'} -- <why this is safe>`;
  if (suppression.malformed !== void 0) {
    return `This suppression ${suppression.malformed}; write \`${example}\`. It silences nothing.`;
  }
  if (!knownRules.has(suppression.ruleId)) {
    return `This suppression names \`${suppression.ruleId}\`, which is not a Consentry rule (\`consentry explain <rule>\` lists them); it silences nothing.`;
  }
  if (suppression.reason === '') {
    return `This suppression gives no reason; write \`${example}\` so reviewers can audit the exception (GDPR Art. 5(2), accountability). It silences nothing until it has one.`;
  }
  return void 0;
}
function suppressionFinding(suppression, ruleId, severity, message) {
  return {
    ruleId,
    severity,
    message,
    file: suppression.file,
    line: suppression.line,
    column: suppression.column,
    origin: /\.ya?ml$/i.test(suppression.file) ? 'policy' : 'code',
  };
}
function key(file, line, ruleId) {
  return `${file}\0${line}\0${ruleId}`;
}

// src/registry.ts
function listRules() {
  const rules = [
    ...codeRules.map((rule) => ({ id: rule.id, origin: 'code', meta: rule.meta })),
    ...policyRules.map((rule) => ({ id: rule.id, origin: 'policy', meta: rule.meta })),
    ...Object.entries(SUPPRESSION_RULES).map(([id, meta]) => ({
      id,
      origin: 'suppression',
      meta,
    })),
  ];
  return rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
function getRule(id) {
  return listRules().find((rule) => rule.id === id);
}

// src/rule-docs.ts
import { readFile } from 'fs/promises';

var DOCS_DIR = new URL('../docs/rules/', import.meta.url);
async function readRuleDocs(ruleId) {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(ruleId)) return void 0;
  try {
    return await readFile(new URL(`${ruleId}.md`, DOCS_DIR), 'utf8');
  } catch {
    return void 0;
  }
}

export {
  applyBaseline,
  applySuppressions,
  createBaseline,
  durationText,
  fingerprintFindings,
  getRule,
  INVALID_SUPPRESSION,
  isPaidTier,
  isTrainingPurpose,
  LEGAL_BASIS_LETTERS,
  LEGAL_BASIS_NAMES,
  legalBasisArticle,
  listRules,
  MECHANISM_NAMES,
  PURPOSE_KIND_NAMES,
  parseBaseline,
  parseSuppressions,
  policyRules,
  readRuleDocs,
  runPolicyRules,
  sortedEntries,
  UNUSED_SUPPRESSION,
};
//# sourceMappingURL=chunk-EDGUTQBE.js.map
