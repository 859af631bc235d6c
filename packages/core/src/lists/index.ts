// The CSV lists the docs publish (tools installed in an image, offline resources) and the index
// files that link them: validation that reports every bad row, and edits that keep every other
// byte of the files they touch.
export * from './csv.ts';
export * from './list.ts';
export * from './index-file.ts';
