import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import {
  completedNote,
  completingPullRequest,
  describeGitHubError,
  getGitHubClient,
  openOrUpdatePullRequest,
  parseRepository
} from "./chunk-HHDX232O.js";
import "./chunk-UJ7JZ2FQ.js";
import "./chunk-EBA66YNJ.js";
export {
  completedNote,
  completingPullRequest,
  describeGitHubError,
  getGitHubClient,
  openOrUpdatePullRequest,
  parseRepository
};
