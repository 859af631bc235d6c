import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import {
  Context,
  GitHub,
  getOctokitOptions
} from "./chunk-ZKU3UQE5.js";
import "./chunk-44MDRXZ2.js";
import "./chunk-VOQLMPUR.js";
import "./chunk-UBCMPRIZ.js";
import "./chunk-EBA66YNJ.js";

// node_modules/.pnpm/@actions+github@9.1.1/node_modules/@actions/github/lib/github.js
var context = new Context();
function getOctokit(token, options, ...additionalPlugins) {
  const GitHubWithPlugins = GitHub.plugin(...additionalPlugins);
  return new GitHubWithPlugins(getOctokitOptions(token, options));
}
export {
  context,
  getOctokit
};
