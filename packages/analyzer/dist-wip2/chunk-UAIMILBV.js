// src/paths.ts
import { isAbsolute, relative, resolve, sep } from 'path';
import { defaultCategory } from './chunk-2TQ4CBJ4.js';

var dotSegment = /[\\/]\.\.?(?:[\\/]|$)/;
function relativePath(root, file) {
  if (isAbsolute(root) && isAbsolute(file) && !dotSegment.test(root) && !dotSegment.test(file)) {
    const base = toSlashes(root).replace(/\/$/, '');
    const path = toSlashes(file);
    if (path.startsWith(`${base}/`)) return path.slice(base.length + 1);
  }
  return toSlashes(relative(resolve(root), resolve(root, file)));
}
function toSlashes(path) {
  return sep === '/' ? path : path.split(sep).join('/');
}

// src/rules/define-rule.ts
function defineRule(rule) {
  return rule;
}
function describeReport(rule, descriptor) {
  const template = rule.messages[descriptor.messageId];
  if (template === void 0) {
    throw new Error(`rule ${rule.id} reported unknown message id ${descriptor.messageId}`);
  }
  const detail = rule.details?.[descriptor.messageId];
  return {
    message: formatMessage(template, descriptor.data),
    ...(detail === void 0 ? {} : { detail: formatMessage(detail, descriptor.data) }),
  };
}
function formatMessage(template, data = {}) {
  return template.replace(/\{(\w+)\}/g, (whole, name) =>
    name in data ? String(data[name]) : whole,
  );
}

// src/rules/analysis-incomplete.ts
var analysisIncomplete = defineRule({
  id: 'analysis-incomplete',
  meta: {
    description:
      'A file, function or expression the code analysis could not analyse (too large, nested too deeply, too long to evaluate, or an error), so flows through it are unknown: the run fails closed instead of passing silently.',
    severity: 'error',
    securitySeverity: 6,
    citations: [
      'GDPR Art. 5(2): the controller must be able to demonstrate compliance',
      'GDPR Art. 25(1): data protection by design',
    ],
  },
  messages: {
    limit:
      '{part} was not analysed: {reason} (limit {limit}={value}), so data flows through it are unknown. Simplify or split the code, exclude generated files from the tsconfig, or raise the limit with `--limit {limit}=<value>`.',
    failed: '{part} was not analysed: {reason}, so data flows through it are unknown.',
  },
  create(context) {
    return {
      analysisIncomplete(event) {
        context.report({
          messageId: event.limit === void 0 ? 'failed' : 'limit',
          location: event.location,
          data: {
            part: event.part,
            reason: event.reason,
            ...(event.limit === void 0
              ? {}
              : { limit: event.limit.name, value: event.limit.value }),
          },
        });
      },
    };
  },
});

// src/rules/consent-check-ignored.ts
var consentCheckIgnored = defineRule({
  id: 'consent-check-ignored',
  meta: {
    description:
      'A consent check whose outcome guards nothing: its result is unused, an async check is used as a condition without `await` (a Promise is always truthy), or an async assertion is not awaited.',
    severity: 'error',
    securitySeverity: 7,
    citations: [
      'GDPR Art. 25(1): data protection by design',
      'GDPR Art. 21(3): no processing after an objection',
    ],
  },
  messages: {
    'result-unused':
      'The result of `{check}` is never used, so it guards nothing. Branch on it or use `require`.',
    'promise-as-condition':
      "`{check}` is a Promise, which is always truthy: the condition ignores the subject's choice. Add `await`.",
    'not-awaited':
      '`{check}` is not awaited: a denial rejects later instead of stopping this code. Add `await`.',
  },
  create(context) {
    return {
      checkCall(event) {
        context.report({
          messageId: event.problem,
          location: event.location,
          data: { check: event.check },
          ...(event.purposes[0] !== void 0 ? { purpose: event.purposes[0] } : {}),
        });
      },
    };
  },
});

// src/code/events.ts
function onlyExcludedTiers(event) {
  return (
    event.unguardedTiers.length > 0 &&
    event.unguardedTiers.every(
      (tier) => event.guarantees.find((guarantee) => guarantee.tier === tier)?.excluded === true,
    )
  );
}

// src/code/wording.ts
function describeTiers(tiers) {
  if (tiers.length === 0) return 'every tier';
  if (tiers.length === 1) return `the ${tiers[0]} tier`;
  return `the ${tiers.slice(0, -1).join(', ')} and ${tiers[tiers.length - 1]} tiers`;
}
function describeCategories(categories) {
  return categories === void 0 || categories.length === 0 ? defaultCategory : categories.join(', ');
}

// src/rules/excluded-tier-unchecked.ts
var excludedTierUnchecked = defineRule({
  id: 'excluded-tier-unchecked',
  meta: {
    description:
      'The policy excludes a tier from a purpose (`default: excluded`), but personal data of that tier reaches a sink of the purpose on a path with no consent check of the purpose, so the code cannot keep the promise.',
    severity: 'error',
    securitySeverity: 8,
    citations: [
      'GDPR Art. 5(2): accountability, being able to demonstrate compliance',
      'GDPR Art. 30(1)(b)-(c): the purposes and the categories of data subjects and personal data',
    ],
  },
  messages: {
    unchecked:
      'Data of {tiers}, which the policy excludes from `{purpose}`, reaches {sink} with no `{purpose}` check.',
  },
  details: {
    unchecked:
      'The policy sets `default: excluded` for {pointers}, so the code must deny {them}. Check `{purpose}` for the subject before the sink (`consent.allows`, `require`, `filter` or `@consent.enforce` deny an excluded tier).',
  },
  create(context) {
    const describe = (location, purpose, tiers, sink, flow) => ({
      messageId: 'unchecked',
      location,
      data: {
        tiers: describeTiers(tiers),
        them: tiers.length === 1 ? 'it' : 'them',
        purpose,
        sink,
        pointers: tiers.map((tier) => `/purposes/${purpose}/tiers/${tier}`).join(' and '),
      },
      purpose,
      tiers,
      ...(flow === void 0 ? {} : { flow }),
    });
    const reported = /* @__PURE__ */ new Set();
    const flows = /* @__PURE__ */ new Map();
    const place = (at) => `${at.file}:${at.line}:${at.column}`;
    return {
      unguardedFlow(event) {
        if (onlyExcludedTiers(event) && event.mismatchedPurposes.length === 0) {
          context.report(
            describe(event.location, event.purpose, event.unguardedTiers, event.sink, event.flow),
          );
        }
        const places = [place(event.location), ...event.flow.map(place)];
        for (const at of places) {
          if (!flows.has(at)) flows.set(at, event.flow);
          for (const purpose of event.purposes) {
            for (const tier of event.unguardedTiers) reported.add(`${at}:${purpose}:${tier}`);
          }
        }
      },
      evidence(event) {
        for (const sink of event.evidence.sinks) {
          for (const purpose of sink.purposes) {
            const guarantees = Object.hasOwn(event.policy.purposes, purpose)
              ? event.policy.purposes[purpose]?.tiers
              : void 0;
            if (guarantees === void 0) continue;
            const tiers = sink.unguardedTiers.filter(
              (tier) =>
                Object.hasOwn(guarantees, tier) &&
                guarantees[tier]?.default === 'excluded' &&
                !reported.has(`${place(sink)}:${purpose}:${tier}`),
            );
            if (tiers.length === 0) continue;
            context.report(
              describe(
                { file: sink.file, line: sink.line, column: sink.column },
                purpose,
                tiers,
                sink.sink,
                flows.get(place(sink)),
              ),
            );
          }
        }
      },
    };
  },
});

// src/rules/purpose-mismatch.ts
var purposeMismatch = defineRule({
  id: 'purpose-mismatch',
  meta: {
    description:
      "The check that guards a sink asks about another purpose than the sink serves (e.g. analytics before model training), so the subject's choice for the sink's purpose is never read.",
    severity: 'error',
    securitySeverity: 7.5,
    citations: [
      'GDPR Art. 5(1)(b): purpose limitation',
      'GDPR Art. 6(1): a lawful basis for each purpose',
    ],
  },
  messages: {
    mismatch:
      'Data ({categories}) of `{subject}` reaches {sink} for `{purpose}`, but the check on this path is for {checked}, unguarded for {tiers}.',
  },
  details: {
    mismatch:
      'A choice about one purpose says nothing about another: check `{purpose}` itself before the sink.',
  },
  create(context) {
    return {
      unguardedFlow(event) {
        if (event.mismatchedPurposes.length === 0) return;
        context.report({
          messageId: 'mismatch',
          location: event.location,
          data: {
            subject: event.subject,
            categories: describeCategories(event.categories),
            sink: event.sink,
            purpose: event.purpose,
            tiers: describeTiers(event.unguardedTiers),
            checked: event.mismatchedPurposes.map((purpose) => `\`${purpose}\``).join(', '),
          },
          purpose: event.purpose,
          tiers: event.unguardedTiers,
          flow: event.flow,
        });
      },
    };
  },
});

// src/rules/purpose-unused.ts
var purposeUnused = defineRule({
  id: 'purpose-unused',
  meta: {
    description:
      'The policy declares a purpose that tiers have a choice about, but no sink, `@processes` marker, consent check or decorator in the code serves it, so the record of processing lists processing the code does not show.',
    severity: 'note',
    securitySeverity: 1,
    citations: [
      'GDPR Art. 5(2): accountability, being able to demonstrate compliance',
      'GDPR Art. 30(1)(b): the purposes of the processing',
    ],
  },
  messages: {
    unused:
      'Purpose `{purpose}` is declared in the policy, but no sink, marker or consent check in the code names it, so the record cannot show where it is processed. Mark the code that serves it (`@processes`, a sink mapping or a check), or remove the purpose if it is no longer carried out.',
    undecided:
      'Cannot tell whether purpose `{purpose}` is processed: the analysis found no sink, `@processes` marker or consent check anywhere in the code, so no purpose can be matched to code. If the product does not do this today, remove the purpose (or keep it for planned processing and suppress this note with the reason); if it does, map the code that does it (`@processes`, or `code.sinks` for a call the catalogue does not know) so its guards are checked.',
  },
  create(context) {
    const named = /* @__PURE__ */ new Set();
    return {
      purposeReference(event) {
        named.add(event.purpose);
      },
      evidence(event) {
        const processing = event.evidence.sinks.length > 0 || event.evidence.guards.length > 0;
        if (event.shard === void 0 && (!event.wholeProject || event.sourceFiles === 0)) return;
        const messageId = event.shard === void 0 && !processing ? 'undecided' : 'unused';
        for (const sink of event.evidence.sinks) for (const id of sink.purposes) named.add(id);
        for (const guard of event.evidence.guards) for (const id of guard.purposes) named.add(id);
        for (const [purpose, declared] of Object.entries(event.policy.purposes).sort(byKey)) {
          if (named.has(purpose) || !needsCheck(declared)) continue;
          context.report({
            messageId,
            location: event.locate(`/purposes/${escapePointer(purpose)}`),
            data: { purpose },
            purpose,
            ...(event.shard === void 0 ? {} : { shardVote: { ...event.shard, processing } }),
          });
        }
      },
    };
  },
});
function needsCheck(purpose) {
  return Object.values(purpose?.tiers ?? {}).some(
    (guarantee) =>
      guarantee !== void 0 && (guarantee.control !== 'none' || guarantee.default === 'excluded'),
  );
}
function byKey(a, b) {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
function escapePointer(key) {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

// src/rules/tier-opt-out-gap.ts
var tierOptOutGap = defineRule({
  id: 'tier-opt-out-gap',
  meta: {
    description:
      'A consent or opt-out check runs only for some tiers (e.g. only for paying users), so data of the other tiers reaches the sink although the policy promises them a choice.',
    severity: 'error',
    securitySeverity: 8.5,
    citations: [
      'GDPR Art. 12(2) and 12(5): rights made easy to exercise and free of charge',
      'GDPR Art. 21(1)-(3): the right to object',
      'EDPB Opinion 28/2024 on AI models, paras 100-102: an unconditional opt-out',
    ],
  },
  messages: {
    gap: 'The `{purpose}` check for `{subject}` runs only for {guarded}, so data ({categories}) of {tiers} reaches {sink} unchecked.',
  },
  details: {
    gap: 'The policy promises {guarantee}. Check every tier before the sink.',
  },
  create(context) {
    return {
      unguardedFlow(event) {
        if (
          onlyExcludedTiers(event) ||
          event.mismatchedPurposes.length > 0 ||
          event.guardedTiers.length === 0
        )
          return;
        context.report({
          messageId: 'gap',
          location: event.location,
          data: {
            purpose: event.purpose,
            subject: event.subject,
            categories: describeCategories(event.categories),
            guarded: describeTiers(event.guardedTiers),
            tiers: describeTiers(event.unguardedTiers),
            sink: event.sink,
            guarantee: event.guarantees
              .map(
                (guarantee) =>
                  `the ${guarantee.tier} tier ${guarantee.summary} (${guarantee.pointer})`,
              )
              .join(' and '),
          },
          purpose: event.purpose,
          tiers: event.unguardedTiers,
          flow: event.flow,
        });
      },
    };
  },
});

// src/rules/training-data-untraced.ts
var trainingDataUntraced = defineRule({
  id: 'training-data-untraced',
  meta: {
    description:
      'A training upload or job whose data the code analysis cannot trace to any source (a path or URI it cannot resolve, a dynamic import, a module without type declarations, an argument from outside the project), so no other rule can say whether it is guarded.',
    severity: 'note',
    securitySeverity: 2,
    citations: [
      'GDPR Art. 5(2): the controller must be able to demonstrate compliance',
      'GDPR Art. 30(1): a record of every processing activity',
    ],
  },
  messages: {
    untraced:
      '{sink} sends data for `{purpose}` that the analysis cannot trace to any source: {reason}.',
  },
  details: {
    untraced:
      'Make the data traceable (a literal or joined path, a static import, a typed module), or map its source in the policy (`code.sources`); then the usual rules check that it is guarded. The record of processing lists this call either way.',
  },
  create(context) {
    return {
      untracedTraining(event) {
        const purpose = event.purposes[0] ?? '';
        context.report({
          messageId: 'untraced',
          location: event.location,
          data: { sink: event.sink, purpose, reason: event.reason },
          purpose,
        });
      },
    };
  },
});

// src/rules/training-without-consent.ts
var trainingWithoutConsent = defineRule({
  id: 'training-without-consent',
  meta: {
    description:
      'Personal data reaches a sink of a purpose that needs consent or an opt-out (model training above all) without a check of that subject and purpose on every path.',
    severity: 'error',
    securitySeverity: 8,
    citations: [
      'GDPR Art. 6(1)(a) and (f): a lawful basis for each purpose',
      'GDPR Art. 21(1)-(3): the right to object',
      'EDPB Opinion 28/2024 on AI models, paras 100-102: an opt-out that works before training',
    ],
  },
  messages: {
    unguarded:
      'Personal data ({categories}) of `{subject}` reaches {sink} for `{purpose}` with no consent or opt-out check, unguarded for {tiers}.',
  },
  details: {
    unguarded:
      "The policy promises {guarantee}. Check `{purpose}` for this subject on every path before the sink (e.g. `if (!(await consent.allows(user, '{purpose}'))) return;`), or keep only allowed records with `consent.filter`.",
  },
  create(context) {
    return {
      unguardedFlow(event) {
        if (
          onlyExcludedTiers(event) ||
          event.mismatchedPurposes.length > 0 ||
          event.guardedTiers.length > 0
        )
          return;
        context.report({
          messageId: 'unguarded',
          location: event.location,
          data: {
            subject: event.subject,
            categories: describeCategories(event.categories),
            sink: event.sink,
            purpose: event.purpose,
            tiers: describeTiers(event.unguardedTiers),
            guarantee:
              event.guarantees
                .map(
                  (guarantee) =>
                    `the ${guarantee.tier} tier ${guarantee.summary} (${guarantee.pointer})`,
                )
                .join(' and ') || `${describeTiers(event.unguardedTiers)} a choice`,
          },
          purpose: event.purpose,
          tiers: event.unguardedTiers,
          flow: event.flow,
        });
      },
    };
  },
});

// src/rules/undeclared-category.ts
var undeclaredCategory = defineRule({
  id: 'undeclared-category',
  meta: {
    description:
      'Personal data of a category reaches a sink of a purpose whose `categories` in the policy do not list it, so the record of processing understates what the purpose uses.',
    severity: 'warning',
    securitySeverity: 5,
    citations: [
      'GDPR Art. 5(2): accountability, being able to demonstrate compliance',
      'GDPR Art. 30(1)(c): the categories of personal data',
      'GDPR Art. 5(1)(c): data minimisation',
    ],
  },
  messages: {
    undeclared:
      'Data of {categories} reaches {sink} for `{purpose}`, which the policy does not declare {them} for.',
  },
  details: {
    undeclared:
      'The record of processing lists only the categories in /purposes/{purpose}/categories. Keep {categories} out of what reaches the sink, or declare {them} for the purpose.',
  },
  create(context) {
    return {
      evidence(event) {
        const bySink = /* @__PURE__ */ new Map();
        for (const sink of event.evidence.sinks) {
          for (const purpose of sink.purposes) {
            if (!Object.hasOwn(event.policy.purposes, purpose)) continue;
            const declared = new Set(event.policy.purposes[purpose]?.categories ?? []);
            const undeclared = sink.categories.filter((category) => !declared.has(category));
            if (undeclared.length === 0) continue;
            const key = `${sink.file}:${sink.line}:${sink.column}\0${purpose}`;
            const entry = bySink.get(key) ?? {
              at: sink,
              purpose,
              categories: /* @__PURE__ */ new Set(),
            };
            for (const category of undeclared) entry.categories.add(category);
            bySink.set(key, entry);
          }
        }
        for (const { at, purpose, categories } of bySink.values()) {
          const names = [...categories].sort().map((category) => `\`${category}\``);
          context.report({
            messageId: 'undeclared',
            location: { file: at.file, line: at.line, column: at.column },
            data: {
              categories:
                names.length === 1
                  ? `category ${names[0]}`
                  : `categories ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`,
              them: names.length === 1 ? 'it' : 'them',
              purpose,
              sink: at.sink,
            },
            purpose,
          });
        }
      },
    };
  },
});

// src/rules/undeclared-purpose.ts
import { closestMatch } from '@consentry/policy';

var undeclaredPurpose = defineRule({
  id: 'undeclared-purpose',
  meta: {
    description:
      'A consent check, marker or decorator names a purpose the policy does not declare; at run time the check fails closed, and the record of processing misses the processing.',
    severity: 'error',
    securitySeverity: 6,
    citations: [
      'GDPR Art. 30(1)(b): the purposes of the processing',
      'GDPR Art. 5(1)(b): purpose limitation',
    ],
  },
  messages: {
    undeclared:
      'Purpose `{purpose}` is not declared in the policy, so a check for it always fails closed and the record of processing misses it.{suggestion} Declare it under `purposes` or use a declared id.',
  },
  create(context) {
    return {
      purposeReference(event) {
        if (event.declared) return;
        context.report({
          messageId: 'undeclared',
          location: event.location,
          data: { purpose: event.purpose, suggestion: suggestion(event.purpose, event.known) },
          purpose: event.purpose,
        });
      },
    };
  },
});
function suggestion(purpose, known) {
  const match = closestMatch(purpose, known);
  return match === void 0 ? '' : ` Did you mean "${match}"?`;
}

// src/rules/code-rules.ts
var codeRules = [
  analysisIncomplete,
  consentCheckIgnored,
  excludedTierUnchecked,
  purposeMismatch,
  purposeUnused,
  tierOptOutGap,
  trainingDataUntraced,
  trainingWithoutConsent,
  undeclaredCategory,
  undeclaredPurpose,
];

export { codeRules, defineRule, describeCategories, describeReport, relativePath, toSlashes };
//# sourceMappingURL=chunk-UAIMILBV.js.map
