import { describe, expect, test } from 'vitest';
import * as sdk from '../src/index.js';
import { createMarkers, getMarkers, type MarkerEntry } from '../src/index.js';
import { chatPolicy } from './fixtures/chat-policy.js';

const { processes, personal } = createMarkers(chatPolicy);

describe('processes and personal', () => {
  test('record their markers and change nothing at run time', async () => {
    class Conversation {
      @personal('conversations') text: string;
      @personal('contact-details') accessor email = 'alice@example.com';
      @personal('usage-metrics') static accessor lastSeen = 0;

      constructor(text: string) {
        this.text = text;
      }

      @personal('conversations')
      get summary(): string {
        return this.text.slice(0, 5);
      }

      @personal('contact-details')
      signature(): string {
        return `-- ${this.email}`;
      }

      @processes('model-training')
      async export(rows: string[]): Promise<number> {
        return rows.length + this.text.length;
      }
    }
    const conversation = new Conversation('hello world');
    expect(conversation.text).toBe('hello world');
    expect(conversation.email).toBe('alice@example.com');
    conversation.email = 'bob@example.com';
    expect(conversation.signature()).toBe('-- bob@example.com');
    expect(conversation.summary).toBe('hello');
    expect(await conversation.export(['a', 'b'])).toBe(13);
    Conversation.lastSeen = 3;
    expect(Conversation.lastSeen).toBe(3);

    const expected: MarkerEntry[] = [
      {
        marker: 'personal',
        member: 'email',
        static: false,
        memberKind: 'accessor',
        category: 'contact-details',
      },
      { marker: 'processes', member: 'export', static: false, purpose: 'model-training' },
      {
        marker: 'personal',
        member: 'lastSeen',
        static: true,
        memberKind: 'accessor',
        category: 'usage-metrics',
      },
      {
        marker: 'personal',
        member: 'signature',
        static: false,
        memberKind: 'method',
        category: 'contact-details',
      },
      {
        marker: 'personal',
        member: 'summary',
        static: false,
        memberKind: 'getter',
        category: 'conversations',
      },
      {
        marker: 'personal',
        member: 'text',
        static: false,
        memberKind: 'field',
        category: 'conversations',
      },
    ];
    expect(getMarkers(Conversation)).toEqual(expected);
    expect(getMarkers(conversation)).toEqual(expected);
  });

  test('a subclass sees its base class’s markers', () => {
    class Message {
      @personal('conversations') text = '';
    }
    class RatedMessage extends Message {
      @personal('usage-metrics') rating = 0;
    }
    expect(getMarkers(new RatedMessage()).map((entry) => entry.member)).toEqual(['rating', 'text']);
    expect(getMarkers(new Message()).map((entry) => entry.member)).toEqual(['text']);
  });

  test('with decorator metadata (esbuild provides it), markers are there before any instance', () => {
    class Uploader {
      @processes('model-training')
      async upload(): Promise<void> {}
    }
    expect(getMarkers(Uploader)).toEqual([
      { marker: 'processes', member: 'upload', static: false, purpose: 'model-training' },
    ]);
  });

  test('an unmarked class or plain object has no markers', () => {
    class Plain {
      text = '';
    }
    expect(getMarkers(Plain)).toEqual([]);
    expect(getMarkers({ text: '' })).toEqual([]);
    expect(getMarkers(Object.create(null) as object)).toEqual([]);
  });

  test('without decorator metadata, construction registers instance markers', () => {
    const initializers: ((this: unknown) => void)[] = [];
    class Legacy {
      note = '';
    }
    const decorate = personal('conversations');
    decorate(undefined, {
      kind: 'field',
      name: 'note',
      static: false,
      private: false,
      access: { has: () => true, get: (object: Legacy) => object.note, set: () => {} },
      addInitializer: (initializer: (this: Legacy) => void) => {
        initializers.push(initializer as (this: unknown) => void);
      },
      metadata: undefined as unknown as DecoratorMetadataObject,
    });
    expect(getMarkers(Legacy)).toEqual([]);
    const instance = new Legacy();
    for (const initializer of initializers) {
      initializer.call(instance);
    }
    expect(getMarkers(Legacy)).toEqual([
      {
        marker: 'personal',
        member: 'note',
        static: false,
        memberKind: 'field',
        category: 'conversations',
      },
    ]);
  });

  test('a marker on the wrong kind of member throws', () => {
    const decorate = processes('model-training') as unknown as (
      value: unknown,
      context: { kind: string },
    ) => void;
    expect(() => decorate(undefined, { kind: 'field' })).toThrow(
      'processes() decorates methods only.',
    );
    const mark = personal('conversations') as unknown as (
      value: unknown,
      context: { kind: string },
    ) => void;
    expect(() => mark(class {}, { kind: 'class' })).toThrow(
      'personal() decorates fields, accessors, getters and methods only.',
    );
  });
});

describe('the exported decorators', () => {
  test('are the same decorators createMarkers returns, ready to import', () => {
    class Draft {
      @sdk.personal('conversations') readonly text: string;

      constructor(text: string) {
        this.text = text;
      }

      @sdk.processes('model-training')
      async export(): Promise<string> {
        return this.text;
      }
    }
    expect(getMarkers(new Draft('hello'))).toEqual([
      { marker: 'processes', member: 'export', static: false, purpose: 'model-training' },
      {
        marker: 'personal',
        member: 'text',
        static: false,
        memberKind: 'field',
        category: 'conversations',
      },
    ]);
    expect(processes).toBe(sdk.processes);
    expect(personal).toBe(sdk.personal);
  });
});
