export * from './rules.ts';
export * from './presets.ts';
export * from './config.ts';
