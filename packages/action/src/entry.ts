import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { createAnalyzer } from './analyzer.js';
import { createGitRunner } from './git.js';
import { run } from './main.js';

// The bundle's entry point (dist/index.js): the runner starts it with GitHub's environment.
await run({
  core,
  env: process.env,
  // The runner empties its temporary directory after the job: the cache lives for this run only.
  analyzer: createAnalyzer({
    cacheDir: join(process.env.RUNNER_TEMP || tmpdir(), 'consentry-cache'),
  }),
  git: createGitRunner(),
  createCommentClient: (token) => getOctokit(token).rest.issues,
});
