import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
function shortSha(sha,length=8){return sha.slice(0,length)}function lastLine(text){return text.trim().split(`
`).filter(Boolean).pop()??""}export{shortSha,lastLine};
