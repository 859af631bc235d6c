// Labels and comments on pull requests (the issues API serves both; the double has no plain issues).
import { notFound, type IssueComment, type Operation, type OperationContext } from '../model.ts';
import { issueLabels, nodeId, paginate, renderLabel, renderUser, repoApiUrl, repoHtmlUrl } from '../render.ts';
import { findPull } from './pulls.ts';

function renderComment(ctx: OperationContext, c: IssueComment) {
  return {
    id: c.id,
    node_id: nodeId('IssueComment', c.id),
    url: `${repoApiUrl(ctx)}/issues/comments/${c.id}`,
    html_url: `${repoHtmlUrl(ctx)}/pull/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${repoApiUrl(ctx)}/issues/${c.issueNumber}`,
    body: c.body,
    user: renderUser(ctx, c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: 'MEMBER',
  };
}

function issueNumber(ctx: OperationContext): number {
  const number = Number(ctx.params.issue_number);
  findPull(ctx, number); // 404 for a number that is no pull request
  return number;
}

// Writing on a pull request's conversation is allowed by either permission.
const ISSUE_WRITE = 'issues=write; pull_requests=write';
const ISSUE_READ = 'issues=read; pull_requests=read';

export const issueOperations: Record<string, Operation> = {
  'issues/add-labels': {
    permissions: ISSUE_WRITE,
    handle(ctx) {
      const number = issueNumber(ctx);
      const wanted = (ctx.body as { labels: Array<string | { name: string }> }).labels.map((l) =>
        typeof l === 'string' ? l : l.name,
      );
      const current = ctx.repo.issueLabels.get(number) ?? [];
      for (const name of wanted) {
        // GitHub creates a label that does not exist yet, in its default grey.
        if (!ctx.repo.labels.some((l) => l.name === name)) {
          ctx.repo.labels.push({ id: ctx.services.nextId(), name, color: 'ededed', description: null, default: false });
        }
        if (!current.includes(name)) current.push(name);
      }
      ctx.repo.issueLabels.set(number, current);
      return { status: 200, body: issueLabels(ctx, number).map((l) => renderLabel(ctx, l)) };
    },
  },

  'issues/list-labels-on-issue': {
    permissions: ISSUE_READ,
    handle(ctx) {
      const labels = issueLabels(ctx, issueNumber(ctx)).map((l) => renderLabel(ctx, l));
      return paginate(ctx, labels);
    },
  },

  'issues/create-comment': {
    permissions: ISSUE_WRITE,
    handle(ctx) {
      const now = ctx.services.now();
      const comment: IssueComment = {
        id: ctx.services.nextId(),
        issueNumber: issueNumber(ctx),
        body: (ctx.body as { body: string }).body,
        user: ctx.user,
        createdAt: now,
        updatedAt: now,
      };
      ctx.repo.comments.push(comment);
      const body = renderComment(ctx, comment);
      return { status: 201, body, headers: { location: body.url } };
    },
  },

  'issues/list-comments': {
    permissions: ISSUE_READ,
    handle(ctx) {
      const number = issueNumber(ctx);
      const since = ctx.query.since ? Date.parse(ctx.query.since) : -Infinity;
      const comments = ctx.repo.comments.filter((c) => c.issueNumber === number && Date.parse(c.updatedAt) >= since);
      return paginate(
        ctx,
        comments.map((c) => renderComment(ctx, c)),
      );
    },
  },

  'issues/update-comment': {
    permissions: ISSUE_WRITE,
    handle(ctx) {
      const comment = ctx.repo.comments.find((c) => c.id === Number(ctx.params.comment_id));
      if (!comment) throw notFound();
      comment.body = (ctx.body as { body: string }).body;
      comment.updatedAt = ctx.services.now();
      return { status: 200, body: renderComment(ctx, comment) };
    },
  },
};
