import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import{describeGitHubError,getGitHubClient,openOrUpdatePullRequest,parseRepository}from"./chunk-PH2FVEL2.js";import"./chunk-XJZX5YZ4.js";export{describeGitHubError,getGitHubClient,openOrUpdatePullRequest,parseRepository};
