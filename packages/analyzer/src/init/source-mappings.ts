import { compareText } from '@consentry/policy';
import type { ConsentryPolicy } from '@consentry/sdk';
import { chatMessageSdks } from '../catalogue/chat-messages.js';
import type { Evidence, Inference } from './inference.js';
import type { PersonalKind } from './personal-fields.js';

/** A policy `code.sources` entry. */
export type SourceMapping = NonNullable<NonNullable<ConsentryPolicy['code']>['sources']>[number];

/**
 * A `code.sources` entry that `init` or the default policy inferred from the code; the policy
 * schema has no room for the label, so it travels beside the mapping.
 */
export interface InferredSourceMapping {
  readonly source: SourceMapping;
  readonly inferred: true;
  readonly kind: PersonalKind;
  readonly evidence: Evidence;
}

/** How `toSourceMappings` names categories. */
export interface SourceMappingOptions {
  /** Put before each category id, e.g. `inferred-` for the default policy. */
  readonly categoryPrefix?: string;
}

const KIND_ORDER: readonly PersonalKind[] = ['conversation-content', 'contact-details', 'names'];

/**
 * The inferred sources as policy `code.sources` entries: one per personal Prisma field
 * (`Message.content`), Drizzle table column (`messages.content`) or Kysely column
 * (`LoggedRequestTable.prompt`), and one for Express
 * request bodies when their type is installed, and one per chat-message type of the AI SDKs the
 * project imports and has installed (`ChatCompletionMessageParam`, `UIMessage`), optional since an
 * SDK's versions export different names; Next.js request bodies have no declaration a policy can
 * name and are left out.
 */
export function toSourceMappings(
  inference: Inference,
  options: SourceMappingOptions = {},
): InferredSourceMapping[] {
  const prefix = options.categoryPrefix ?? '';
  const mappings: InferredSourceMapping[] = [];
  for (const model of inference.models) {
    for (const field of model.fields) {
      mappings.push({
        source: {
          module: model.module,
          export: `${model.name}.${field.name}`,
          category: `${prefix}${field.kind}`,
        },
        inferred: true,
        kind: field.kind,
        evidence: field.evidence,
      });
    }
  }
  for (const route of inference.routes) {
    if (route.bodyExport === undefined || (!route.chat && route.personalFields.length === 0)) {
      continue;
    }
    const kind =
      firstKind(route.personalFields.map((field) => field.kind)) ?? 'conversation-content';
    mappings.push({
      source: { ...route.bodyExport, category: `${prefix}${kind}` },
      inferred: true,
      kind,
      evidence: route.evidence,
    });
  }
  for (const sdk of inference.chatSdks) {
    for (const row of chatMessageSdks.filter((entry) => entry.module === sdk.module)) {
      for (const type of row.types) {
        mappings.push({
          source: {
            module: row.module,
            export: type.export,
            category: `${prefix}conversation-content`,
            optional: true,
          },
          inferred: true,
          kind: 'conversation-content',
          evidence: {
            ...sdk.evidence,
            reason: `${row.sdk} chat message type ${type.export}: its ${type.content.map((field) => `\`${field}\``).join(' and ')} ${type.content.length > 1 ? 'are' : 'is'} what was said`,
          },
        });
      }
    }
  }
  const seen = new Set<string>();
  return mappings
    .filter((mapping) => {
      const key = `${mapping.source.module}\u0000${mapping.source.export}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(
      (a, b) =>
        compareText(a.source.module, b.source.module) ||
        compareText(a.source.export, b.source.export),
    );
}

/** The kinds in use, most telling first: conversation content, then contact details, then names. */
export function orderKinds(kinds: Iterable<PersonalKind>): PersonalKind[] {
  const present = new Set(kinds);
  return KIND_ORDER.filter((kind) => present.has(kind));
}

function firstKind(kinds: readonly PersonalKind[]): PersonalKind | undefined {
  return orderKinds(kinds)[0];
}
