import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import{describeGitHubError,getGitHubClient,openOrUpdatePullRequest,parseRepository}from"./chunk-RMZVU66Q.js";import"./chunk-3CKSPNFX.js";import"./chunk-TJUH374M.js";import"./chunk-XJZX5YZ4.js";export{describeGitHubError,getGitHubClient,openOrUpdatePullRequest,parseRepository};
