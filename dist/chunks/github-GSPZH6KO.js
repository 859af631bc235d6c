import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import{describeGitHubError,getGitHubClient,openOrUpdatePullRequest,parseRepository}from"./chunk-MNR774OZ.js";import"./chunk-DKROQTKF.js";import"./chunk-XJZX5YZ4.js";export{describeGitHubError,getGitHubClient,openOrUpdatePullRequest,parseRepository};
