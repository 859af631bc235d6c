// Who the double writes git objects as, and how it maps git authors back to GitHub logins.
import type { GitIdentity } from '../git.ts';
import type { User } from '../model.ts';

/** GitHub commits merges made through the API as "GitHub <noreply@github.com>" (web-flow). */
export function webFlowCommitter(): GitIdentity {
  return { name: 'GitHub', email: 'noreply@github.com' };
}

export function userIdentity(user: User): GitIdentity {
  return { name: user.login, email: `${user.id}+${user.login}@users.noreply.github.com` };
}

/** The login behind a git author: GitHub's noreply address names it; otherwise the name stands in. */
export function loginOf(author: GitIdentity): string {
  const noreply = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/i.exec(author.email);
  return noreply ? noreply[1]! : author.name.replace(/\s+/g, '');
}
