import { defineSecretRule, LINE_SCOPE, type TextFile } from '../rule';
import { detectTokenFormats, type TokenFormat } from '../token-formats';

/**
 * OpenAI secret keys hold `T3BlbkFJ` (base64 of "OpenAI") between two random parts: legacy
 * `sk-…`, project `sk-proj-…`, service-account `sk-svcacct-…` and admin `sk-admin-…` keys.
 */
export const OPENAI_KEY_PATTERN =
  /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,256}T3BlbkFJ[A-Za-z0-9_-]{20,256}(?![A-Za-z0-9_-])/g;

const FORMATS: readonly TokenFormat[] = [
  { pattern: OPENAI_KEY_PATTERN, minUnique: 16, describe: () => 'OpenAI API key' },
];

export function detectOpenAiKeys(file: TextFile) {
  return detectTokenFormats(file, FORMATS);
}

export const openaiApiKey = defineSecretRule({
  id: 'DDG120',
  name: 'openai-api-key',
  severity: 'high',
  fix: 'Revoke the key on platform.openai.com (API keys) and read a new project key from the environment.',
  keywords: ['t3blbkfj'],
  detect: detectOpenAiKeys,
  // Each hit is one match on one line, judged by that line alone.
  scope: () => LINE_SCOPE,
  docs: {
    summary: 'An OpenAI API key is committed.',
    whatItDoes:
      'Finds OpenAI secret keys (`sk-`, `sk-proj-`, `sk-svcacct-`, `sk-admin-`) by the ' +
      '`T3BlbkFJ` marker every such key carries between its random parts. In tests, fixtures and ' +
      'commented-out lines a hit is at most `low`.',
    whyBad:
      "Usage is billed to the key's organization: leaked keys are used for free inference within " +
      'hours, up to the spending limit, and can read files, assistants and fine-tuned models of ' +
      'the project.',
    badExample: {
      file: 'assistant/settings.py',
      content: ['OPENAI_API_KEY = "{{secret:openai-api-key}}"', ''].join('\n'),
    },
    goodExample: {
      file: 'assistant/settings.py',
      content: ['import os', '', 'OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]', ''].join('\n'),
    },
    useInstead:
      'Read the key from the environment or a secret store, use project keys with spending limits, ' +
      'and revoke a committed key.',
    references: [
      'https://platform.openai.com/docs/api-reference/authentication',
      'https://help.openai.com/en/articles/5112595-best-practices-for-api-key-safety',
    ],
  },
});
