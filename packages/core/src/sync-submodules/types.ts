// Types the sync-submodules modules share, apart from the job so that its parts need not import each other.
import type { PullRequestChange, PullRequestRef } from '../github/index.ts';

export type PullRequestRequest = PullRequestChange;

export type PullRequestOutcome = Pick<PullRequestRef, 'number' | 'url' | 'operation'>;
