import { existsSync } from 'node:fs';

/** The folders that hold one module per rule, `src/<family>/rules`. */
export const RULE_FOLDERS = [
  'src/secrets/rules',
  'src/settings/rules',
  'src/hardening/rules',
  'src/guard/rules',
  'src/history/rules',
  'src/dependencies/rules',
] as const;

/** The module of the rule named `name`: `src/<family>/rules/<name>.ts`. */
export function ruleModuleOf(name: string): { family: string; path: string } {
  for (const folder of RULE_FOLDERS) {
    const path = `${folder}/${name}.ts`;
    if (existsSync(path)) return { family: folder.split('/')[1]!, path };
  }
  throw new Error(`no module for ${name}`);
}
