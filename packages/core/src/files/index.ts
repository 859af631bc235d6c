export * from './rules.ts';
export * from './presets.ts';
export * from './config.ts';
export * from './inputs.ts';
