// Generates docs/rules/<name>.md for every rule, the README's rules, inputs, outputs, CLI and
// configuration tables, and action.yml's inputs, from the rule metadata, the options schema and
// action.yml's outputs. `--check` fails when anything is out of date
// (run in CI), so docs cannot drift from the code.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { parse } from 'yaml';
import { renderActionYaml, renderReadmeTables, renderRuleDoc } from '../src/docs/render-docs';
import { allRules } from '../src/registry';

const check = process.argv.includes('--check');
const problems: string[] = [];

function write(path: string, content: string): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (current === content) return;
  if (check) problems.push(`${path} is out of date`);
  else writeFileSync(path, content);
}

mkdirSync('docs/rules', { recursive: true });
const expected = new Set<string>();
for (const rule of allRules) {
  const file = `docs/rules/${rule.name}.md`;
  expected.add(`${rule.name}.md`);
  write(file, renderRuleDoc(rule));
}
for (const file of readdirSync('docs/rules')) {
  if (!expected.has(file)) {
    if (check) problems.push(`docs/rules/${file} belongs to no rule`);
    else rmSync(`docs/rules/${file}`);
  }
}

// action.yml's inputs and the README's tables come from the options schema
// (src/config/options.ts); both are formatted as Prettier would (CI checks formatting too).
const actionYaml = renderActionYaml(readFileSync('action.yml', 'utf8'));
write(
  'action.yml',
  await format(actionYaml, { ...((await resolveConfig('action.yml')) ?? {}), parser: 'yaml' }),
);
const action = parse(actionYaml) as Parameters<typeof renderReadmeTables>[1];
const readme = renderReadmeTables(readFileSync('README.md', 'utf8'), action, allRules);
const prettierOptions = (await resolveConfig('README.md')) ?? {};
write('README.md', await format(readme, { ...prettierOptions, parser: 'markdown' }));

if (problems.length > 0) {
  console.error(`${problems.join('\n')}\nRun 'npm run docs' and commit the result.`);
  process.exit(1);
}
console.log(check ? 'docs are up to date' : 'docs generated');
