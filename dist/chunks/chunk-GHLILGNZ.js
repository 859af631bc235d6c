import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);

// packages/core/src/text/index.ts
var SHORT_SHA_LENGTH = 8;
function shortSha(sha, length = SHORT_SHA_LENGTH) {
  return sha.slice(0, length);
}
function lastLine(text) {
  return text.trim().split("\n").filter(Boolean).pop() ?? "";
}

export {
  shortSha,
  lastLine
};
