import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  Context,
  GitHub,
  getOctokitOptions
} from "./chunk-FRNUW2ST.js";
import "./chunk-JYPXPZPD.js";
import "./chunk-XUAATKEB.js";
import "./chunk-G4ULM5DF.js";
import "./chunk-SSVNKAZ6.js";

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
