import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { createAnalyzer } from './analyzer.js';
import { createGitRunner } from './git.js';
import { run } from './main.js';

// The bundle's entry point (dist/index.js): the runner starts it with GitHub's environment.
await run({
  core,
  env: process.env,
  analyzer: createAnalyzer(),
  git: createGitRunner(),
  createCommentClient: (token) => getOctokit(token).rest.issues,
});
