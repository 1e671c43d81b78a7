import type { Finding } from '../../../src/core/types';
import { checkSettingsSource } from '../../../src/settings/analyze';
import type { SettingsRule } from '../../../src/settings/rule';

/** One rule over a settings module written in the test, evaluated by the real evaluator. */
export function findingsOf(
  rule: SettingsRule,
  source: string,
  env: Record<string, string> = {},
): Finding[] {
  return checkSettingsSource({ file: 'project/settings.py', source, rules: [rule], env });
}

export const DRF_APPS = "INSTALLED_APPS = ['django.contrib.auth', 'rest_framework']\n";
export const JWT_APPS =
  "INSTALLED_APPS = ['django.contrib.auth', 'rest_framework', 'rest_framework_simplejwt']\n";
