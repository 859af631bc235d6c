export * from './errors.ts';
export * from './context.ts';
export * from './inputs.ts';
export * from './run.ts';
export * from './summary.ts';
export * from './paths.ts';
export * from './log.ts';
export * from './preflight.ts';
