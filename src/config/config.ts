import type { FailLevel, Severity } from '../core/types';

/** The validated contents of `.django-deploy-guard.yml`. Every field optional: inputs and flags win. */
export interface GuardConfig {
  /** Where it came from (for messages); undefined when no file exists. */
  file?: string;
  failOn?: FailLevel;
  exclude: string[];
  rules: Map<string, RuleSetting>;
  allowlist: AllowlistEntry[];
  settingsModules?: string[];
  pythonPaths?: string[];
  djangoVersion?: string;
  envFile?: string;
  history?: 'off' | 'full' | 'range';
  baseline?: string;
  /** Line of each top-level key in the file, for messages about its value. */
  keyLines?: Record<string, number>;
}

export interface RuleSetting {
  enabled: boolean;
  severity?: Severity;
  /** Line in the config file, for messages about unknown rule ids. */
  line: number;
}

export interface AllowlistEntry {
  fingerprint: string;
  reason: string;
  line: number;
}

export const EMPTY_CONFIG: GuardConfig = { exclude: [], rules: new Map(), allowlist: [] };

export const CONFIG_FILE_NAME = '.django-deploy-guard.yml';
