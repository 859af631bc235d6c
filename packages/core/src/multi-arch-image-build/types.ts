// What each step returns: shared by the steps (index.ts) and the job summary (summary.ts).
import type { BuildResult } from '../docker/build.ts';
import type { DiskReport } from '../docker/disk.ts';
import type { EngineInfo } from '../docker/engine.ts';
import type { ImageTestReport } from '../docker/image-tests.ts';
import type { ListResult, PromoteResult } from '../docker/manifest.ts';
import type { PushResult } from '../docker/push.ts';
import type { Platform } from '../docker/reference.ts';
import type { RegistryClient } from '../docker/registry.ts';

export type BuildOperation = 'pushed' | 'unchanged' | 'built' | 'tests-failed' | 'planned';

export interface BuildStepResult {
  step: 'build';
  engine: Pick<EngineInfo, 'client' | 'clientVersion' | 'builder' | 'buildxVersion' | 'serverVersion' | 'architecture'>;
  emulation: string;
  platform: Platform;
  arch: string;
  ref: string;
  operation: BuildOperation;
  digest?: string;
  build?: BuildResult;
  tests?: ImageTestReport;
  push?: PushResult;
  disk?: DiskReport;
  /** Set when the registry already had this build: the labels that matched, and where it was. */
  alreadyBuilt?: { labels: Record<string, string>; from: string };
  /** What a dry run would do, or did. */
  plan: string[];
  /** Why the step fails although it ran to the end (tests). */
  failure?: string;
  notes: string[];
  durationMs: number;
}

export interface MergeStepResult {
  step: 'merge';
  list: ListResult;
  operation: 'created' | 'updated' | 'unchanged' | 'planned';
  /** Proof that no layer crossed the wire. */
  traffic: RegistryClient['traffic'];
  plan: string[];
}

export interface PromoteStepResult {
  step: 'promote';
  list: PromoteResult;
  operation: 'created' | 'updated' | 'unchanged' | 'planned';
  traffic: RegistryClient['traffic'];
  plan: string[];
}

export type StepResult = BuildStepResult | MergeStepResult | PromoteStepResult;
