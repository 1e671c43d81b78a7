import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Every regular expression the project's source compiles, found by parsing `src/**\/*.ts` (not by
 * importing modules, so a regex inside a function or a module nobody imports is found too).
 * A literal is checked as written; `RegExp(...)`/`new RegExp(...)` with a constant string is
 * checked like a literal; any other construction is listed as dynamic, so the test that uses this
 * must account for each one by name: none can be added without being seen.
 */
export interface RegexSite {
  /** Repository path and line, `src/secrets/placeholders.ts:210`. */
  where: string;
  file: string;
  source: string;
  flags: string;
}

export interface DynamicRegexSite {
  where: string;
  file: string;
  /** The construction as written, whitespace collapsed: `new RegExp(escaped.join('|'), 'gi')`. */
  text: string;
}

export interface RegexInventory {
  literals: RegexSite[];
  dynamic: DynamicRegexSite[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return entry.name.endsWith('.ts') ? [path] : [];
    })
    .sort();
}

/** The string a constant argument spells, or undefined when it is built at run time. */
function constantText(node: ts.Expression): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (
    ts.isTaggedTemplateExpression(node) &&
    node.tag.getText() === 'String.raw' &&
    ts.isNoSubstitutionTemplateLiteral(node.template)
  )
    return node.template.rawText;
  return undefined;
}

export function collectRegexes(root: string): RegexInventory {
  const literals: RegexSite[] = [];
  const dynamic: DynamicRegexSite[] = [];
  for (const path of sourceFiles(join(root, 'src'))) {
    const file = relative(root, path);
    const sourceFile = ts.createSourceFile(
      path,
      readFileSync(path, 'utf8'),
      ts.ScriptTarget.Latest,
      true,
    );
    const where = (node: ts.Node): string =>
      `${file}:${sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sourceFile);
        const slash = text.lastIndexOf('/');
        literals.push({
          where: where(node),
          file,
          source: text.slice(1, slash),
          flags: text.slice(slash + 1),
        });
      } else if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'RegExp'
      ) {
        const [patternArg, flagsArg] = node.arguments ?? [];
        const source = patternArg !== undefined ? constantText(patternArg) : undefined;
        const flags = flagsArg !== undefined ? constantText(flagsArg) : '';
        if (source !== undefined && flags !== undefined)
          literals.push({ where: where(node), file, source, flags });
        else
          dynamic.push({
            where: where(node),
            file,
            text: node.getText(sourceFile).replace(/\s+/g, ' '),
          });
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return { literals, dynamic };
}
