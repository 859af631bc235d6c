import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  completedNote,
  completingPullRequest,
  describeGitHubError,
  getGitHubClient,
  openOrUpdatePullRequest,
  parseRepository
} from "./chunk-SLGY6V2T.js";
import "./chunk-QOTITQBY.js";
import "./chunk-SSVNKAZ6.js";
export {
  completedNote,
  completingPullRequest,
  describeGitHubError,
  getGitHubClient,
  openOrUpdatePullRequest,
  parseRepository
};
