import { describe, expect, it } from 'vitest';
import { chatMessageSdks } from '../../src/catalogue/chat-messages.js';
import { check } from '../../src/check.js';
import { createDefaultPolicy, loadDefaultPolicy } from '../../src/default-policy.js';
import { planInit, toPolicyValue } from '../../src/init/draft.js';

const chatMessages = new URL('../fixtures/code/chat-messages/', import.meta.url).pathname;
const notInstalled = new URL('../fixtures/chat-sdk-not-installed/', import.meta.url).pathname;

/** The modules of the catalogue's chat-message rows that a policy's `code.sources` name. */
function chatModules(sources: readonly { readonly module: string }[] | undefined): string[] {
  const modules = new Set(chatMessageSdks.map((row) => row.module));
  return [...new Set((sources ?? []).map((source) => source.module))]
    .filter((module) => modules.has(module))
    .sort();
}

describe('chat messages of the AI SDKs without a policy file', () => {
  it('the default policy maps every installed SDK the code imports to inferred conversation content, optionally', async () => {
    const { loaded } = await loadDefaultPolicy(chatMessages);
    const sources = loaded.policy.code?.sources ?? [];
    expect(chatModules(sources)).toEqual([
      '@anthropic-ai/sdk/resources/messages',
      '@langchain/core/messages',
      '@mistralai/mistralai/models/components',
      'ai',
      'openai/resources/chat/completions',
      'openai/resources/responses/responses',
    ]);
    const chat = sources.filter((source) => chatModules([source]).length > 0);
    expect(chat.every((source) => source.category === 'inferred-conversation-content')).toBe(true);
    expect(chat.every((source) => source.optional === true)).toBe(true);
    expect(chat.map((source) => source.export)).toEqual(
      expect.arrayContaining(['ChatCompletionMessageParam', 'MessageParam', 'UIMessage']),
    );
    expect(loaded.policy.purposes?.['model-training']?.categories).toContain(
      'inferred-conversation-content',
    );
  });

  it('check reports each unguarded export of chat messages as conversation content, on the default policy', async () => {
    const report = await check({ root: chatMessages });
    expect(report.defaultPolicy).toBe(true);
    expect(report.diagnostics).toEqual([]);
    expect(
      report.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`),
    ).toEqual([
      'src/anthropic-assistant.ts:34 training-without-consent',
      'src/langchain-memory.ts:45 training-without-consent',
      'src/mistral-tuning.ts:46 training-without-consent',
      'src/openai-support-chat.ts:54 training-without-consent',
      'src/own-message-type.ts:34 training-without-consent',
      'src/vercel-chat-route.ts:68 training-without-consent',
    ]);
    for (const finding of report.findings) {
      expect(finding.message).toContain('inferred-conversation-content');
      expect(finding.flow?.[0]?.note).toMatch(/inferred source, not declared in a policy/);
    }
  }, 120_000);

  it('init drafts the same chat-message mappings into the policy’s conversation category', async () => {
    const draft = toPolicyValue(await planInit(chatMessages));
    const sources = draft.code?.sources ?? [];
    expect(chatModules(sources)).toHaveLength(6);
    const chat = sources.filter((source) => chatModules([source]).length > 0);
    expect(chat.every((source) => source.category === 'conversation-content')).toBe(true);
    expect(chat.every((source) => source.optional === true)).toBe(true);
    expect(Object.keys(draft.categories ?? {})).toContain('conversation-content');
  });

  it('an SDK imported but not installed adds no mapping, no category, and does not stop the check', async () => {
    const { loaded, inference } = await loadDefaultPolicy(notInstalled);
    expect(inference.chatSdks).toEqual([]);
    expect(loaded.policy.code?.sources).toBeUndefined();
    expect(Object.keys(loaded.policy.categories ?? {})).toEqual(['inferred-personal-data']);
    expect(createDefaultPolicy(inference)).toEqual(loaded.policy);

    // With nothing to trace, the only finding is the note that no code does the default purpose.
    const report = await check({ root: notInstalled });
    expect(report.findings.map((finding) => finding.ruleId)).toEqual(['purpose-unused']);
    expect(report.diagnostics.map((diagnostic) => diagnostic.code)).toEqual([
      'dependencies-missing',
      'module-unresolved',
      'module-unresolved',
    ]);
  }, 60_000);
});
