// Generates docs/rules/<name>.md for every rule and the README's rules and inputs/outputs
// tables from the rule metadata and action.yml. `--check` fails when anything is out of date
// (run in CI), so docs cannot drift from the code.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { parse } from 'yaml';
import { renderReadmeTables, renderRuleDoc } from '../src/docs/render-docs';
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

const action = parse(readFileSync('action.yml', 'utf8')) as Parameters<
  typeof renderReadmeTables
>[1];
// Formatted as Prettier would (CI checks formatting too), so the two checks agree.
const readme = renderReadmeTables(readFileSync('README.md', 'utf8'), action, allRules);
const prettierOptions = (await resolveConfig('README.md')) ?? {};
write('README.md', await format(readme, { ...prettierOptions, parser: 'markdown' }));

if (problems.length > 0) {
  console.error(`${problems.join('\n')}\nRun 'npm run docs' and commit the result.`);
  process.exit(1);
}
console.log(check ? 'docs are up to date' : 'docs generated');
