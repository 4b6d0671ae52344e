import { describe, expect, it } from 'vitest';
import { commentMarker, upsertComment } from '../src/comment.js';
import { createFakeCommentClient } from './helpers/scenario.js';

const target = { owner: 'acme', repo: 'chat-assistant', issueNumber: 42 };

describe('commentMarker', () => {
  it('is a hidden HTML comment per checked directory, safe for any path', () => {
    expect(commentMarker('.')).toBe('<!-- consentry-action:. -->');
    expect(commentMarker('apps/chat')).toBe('<!-- consentry-action:apps/chat -->');
    for (const directory of ['apps/a--b', 'apps/a---b', 'apps/x-']) {
      expect(commentMarker(directory).slice('<!--'.length, -'-->'.length)).not.toContain('--');
    }
  });
});

describe('upsertComment', () => {
  it("keeps each directory's comment apart", async () => {
    const client = createFakeCommentClient();
    const chat = commentMarker('apps/chat');
    const admin = commentMarker('apps/admin');
    expect(await upsertComment(client, target, chat, `${chat}\nchat: 2 findings`, true)).toBe(
      'created',
    );
    expect(await upsertComment(client, target, admin, `${admin}\nadmin: 1 finding`, true)).toBe(
      'created',
    );
    expect(await upsertComment(client, target, chat, `${chat}\nchat: 1 finding`, true)).toBe(
      'updated',
    );
    expect(client.comments.map((comment) => comment.body)).toEqual([
      `${chat}\nchat: 1 finding`,
      `${admin}\nadmin: 1 finding`,
    ]);
  });

  it('does not write a comment whose text is already there', async () => {
    const marker = commentMarker('.');
    const client = createFakeCommentClient([{ id: 5, body: `${marker}\nsame` }]);
    expect(await upsertComment(client, target, marker, `${marker}\nsame`, true)).toBe('unchanged');
    expect(client.requests).toEqual(['list #42 page 1']);
  });

  it('edits the first of several marked comments and leaves the rest', async () => {
    const marker = commentMarker('.');
    const client = createFakeCommentClient([
      { id: 5, body: `${marker}\nold` },
      { id: 6, body: `${marker}\nolder` },
    ]);
    expect(await upsertComment(client, target, marker, `${marker}\nnew`, true)).toBe('updated');
    expect(client.comments).toEqual([
      { id: 5, body: `${marker}\nnew` },
      { id: 6, body: `${marker}\nolder` },
    ]);
  });

  it('skips creating when asked only to edit', async () => {
    const client = createFakeCommentClient([{ id: 1, body: null }]);
    expect(await upsertComment(client, target, commentMarker('.'), 'body', false)).toBe('skipped');
    expect(client.comments).toEqual([{ id: 1, body: null }]);
  });
});
