/**
 * Inline suppression: `deploy-guard: ignore[RULE-ID] reason` in a comment on the offending line.
 * The same form works after `#` in Python, `.env`, YAML, INI and TOML. Several ids may be listed,
 * separated by commas; `ignore[*]` ignores every rule on that line.
 */
const INLINE_IGNORE = /deploy-guard:\s*ignore\[([^\]]*)\]\s*(.*)$/;

/** Returns the reason when `lineText` ignores `ruleId`, else undefined. */
export function inlineIgnoreReason(
  lineText: string | undefined,
  ruleId: string,
): string | undefined {
  if (!lineText) return undefined;
  const match = INLINE_IGNORE.exec(lineText);
  if (!match) return undefined;
  const ids = (match[1] ?? '').split(',').map((id) => id.trim());
  if (!ids.includes(ruleId) && !ids.includes('*')) return undefined;
  const reason = (match[2] ?? '').trim();
  return reason === '' ? 'ignored inline (no reason given)' : reason;
}

/** The rule ids an inline ignore comment on `lineText` names (`*` for all), or undefined. */
export function inlineIgnoreIds(lineText: string): string[] | undefined {
  const match = INLINE_IGNORE.exec(lineText);
  if (!match) return undefined;
  return (match[1] ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}
