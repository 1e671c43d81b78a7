import { isCredentialName } from '../core/secret-names';
import type { ResolvedSetting } from './rule';
import type { Provenance } from './value';
import { pyRepr } from './value-ops';

/**
 * Provenance as text for finding messages: where a value was decided and which env variable
 * controls it. Never prints a secret: callers describe SECRET_KEY by length only.
 */

/** `config/settings/base.py:12`, plus the env variable and whether its default was used. */
export function describeProvenance(provenance: Provenance): string {
  const at = `${provenance.file}:${provenance.line}`;
  if (provenance.envVar === undefined) return `set at ${at}`;
  if (provenance.usedDefault) {
    // A credential's default is a committed secret: name where it is, never what it is.
    // A default passed in a variable (`os.getenv(name, default)` in a helper) names nothing
    // worth repeating: "the code's default default" says less than "the code's default".
    const fallback =
      provenance.defaultText === undefined ||
      isCredentialName(provenance.envVar) ||
      (/^[A-Za-z_]\w*$/.test(provenance.defaultText) &&
        !['True', 'False', 'None'].includes(provenance.defaultText))
        ? ''
        : ` ${provenance.defaultText}`;
    return `from env ${provenance.envVar} at ${at}; unset, so the code's default${fallback} applies`;
  }
  return `from env ${provenance.envVar} at ${at}`;
}

/**
 * `DEBUG is True (from env DJANGO_DEBUG at base.py:3; unset, so the code's default 'True'
 * applies)`, or for an unset setting `SECURE_HSTS_SECONDS not set; Django's default is 0`.
 * `owner` names who supplies the default of an unset setting.
 */
export function describeSetting(setting: ResolvedSetting, owner = "Django's"): string {
  if (setting.isDefault) {
    return `${setting.name} not set; ${owner} default is ${pyRepr(setting.value)}`;
  }
  const where = setting.provenance ? ` (${describeProvenance(setting.provenance)})` : '';
  return `${setting.name} is ${pyRepr(setting.value)}${where}`;
}

/** Like describeSetting, without the value (for secrets): `SECRET_KEY (set at x.py:4)`. */
export function describeSettingWithoutValue(setting: ResolvedSetting): string {
  if (setting.isDefault) return `${setting.name} not set`;
  const where = setting.provenance ? ` (${describeProvenance(setting.provenance)})` : '';
  return `${setting.name}${where}`;
}

/** The env variable that decides a setting, from its provenance or its Unknown value. */
export function envVarOf(setting: ResolvedSetting): string | undefined {
  if (setting.value.kind === 'unknown' && setting.value.envVar) return setting.value.envVar;
  return setting.provenance?.envVar;
}

/**
 * Why a check can't be decided, naming the real cause: the expression the evaluator stopped at
 * (the Unknown's reason), where, and the env variable only when one decides it:
 * `SECURE_SSL_REDIRECT depends on env X (environment variable X is required; at base.py:4):
 * cannot decide security.W008; set X in the production env profile`.
 */
export function describeUndecided(setting: ResolvedSetting, ruleId: string): string {
  const reason = setting.value.kind === 'unknown' ? setting.value.reason : 'value not modelled';
  const at = setting.provenance ? `at ${setting.provenance.file}:${setting.provenance.line}` : '';
  const env = setting.value.kind === 'unknown' ? setting.value.envVar : undefined;
  if (env !== undefined) {
    return `${setting.name} depends on env ${env} (${reason}${at ? `; ${at}` : ''}): cannot decide ${ruleId}; set ${env} in the production env profile`;
  }
  return `${setting.name} could not be evaluated statically${at ? ` ${at}` : ''} (${reason}): cannot decide ${ruleId}`;
}
