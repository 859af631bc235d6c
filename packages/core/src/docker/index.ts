// Docker, as the image pipeline uses it: the engine and its builders, the image's own tests, the
// engine's pushes, the registry's HTTP API for manifest lists, and the builder's disk.
export * from './reference.ts';
export * from './retry.ts';
export * from './engine.ts';
export * from './build.ts';
export * from './image-tests.ts';
export * from './push.ts';
export * from './registry.ts';
export * from './manifest.ts';
export * from './disk.ts';
export * from './hub.ts';
