/** A comment as the GitHub API lists it. */
export interface IssueComment {
  readonly id: number;
  readonly body?: string | null;
}

/** The slice of Octokit's `rest.issues` the action uses; tests pass a fake. */
export interface CommentClient {
  listComments(params: {
    owner: string;
    repo: string;
    issue_number: number;
    per_page: number;
    page: number;
  }): Promise<{ data: readonly IssueComment[] }>;
  createComment(params: {
    owner: string;
    repo: string;
    issue_number: number;
    body: string;
  }): Promise<unknown>;
  updateComment(params: {
    owner: string;
    repo: string;
    comment_id: number;
    body: string;
  }): Promise<unknown>;
}

/** What `upsertComment` did. */
export type CommentOutcome = 'created' | 'updated' | 'unchanged' | 'skipped';

const PAGE_SIZE = 100;
// A pull request with more comments than this is not worth paging through further.
const MAX_PAGES = 30;

/** The hidden marker that identifies the action's comment; one per checked directory. */
export function commentMarker(directory: string): string {
  // An HTML comment cannot contain `--`.
  return `<!-- consentry-action:${directory.replace(/-(?=-)/g, '- ')} -->`;
}

/**
 * Edits the pull request's comment that carries `marker` (the first one, if several), or creates
 * it; when `create` is false, only an existing comment is edited, so a clean run adds nothing.
 */
export async function upsertComment(
  client: CommentClient,
  target: { readonly owner: string; readonly repo: string; readonly issueNumber: number },
  marker: string,
  body: string,
  create: boolean,
): Promise<CommentOutcome> {
  const { owner, repo, issueNumber } = target;
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const { data } = await client.listComments({
      owner,
      repo,
      issue_number: issueNumber,
      per_page: PAGE_SIZE,
      page,
    });
    const existing = data.find((comment) => comment.body?.includes(marker) === true);
    if (existing !== undefined) {
      if (existing.body === body) {
        return 'unchanged';
      }
      await client.updateComment({ owner, repo, comment_id: existing.id, body });
      return 'updated';
    }
    if (data.length < PAGE_SIZE) {
      break;
    }
  }
  if (!create) {
    return 'skipped';
  }
  await client.createComment({ owner, repo, issue_number: issueNumber, body });
  return 'created';
}
