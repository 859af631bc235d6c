// Every operation the double implements, by GitHub's operationId. The trimmed spec is built
// from these keys, so an operation added here is validated against GitHub's description at once.
import type { Operation } from '../model.ts';
import { gitDataOperations } from './git-data.ts';
import { issueOperations } from './issues.ts';
import { pullOperations } from './pulls.ts';
import { releaseOperations } from './releases.ts';
import { repoOperations } from './repos.ts';

export const operations: Record<string, Operation> = {
  ...repoOperations,
  ...gitDataOperations,
  ...pullOperations,
  ...issueOperations,
  ...releaseOperations,
};
