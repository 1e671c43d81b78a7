import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateSecret } from '../helpers/secret-generators';
import { commitAll, maskCommandFor, runBuiltAction, writeTree } from './run-built';
import { parseWorkflowCommands } from '../helpers/workflow-commands';

/** Everything the action printed or wrote, except the mask commands themselves. */
function allOutput(run: ReturnType<typeof runBuiltAction>, extraFiles: string[] = []): string {
  const stdout = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  return [
    stdout,
    run.stderr,
    run.summary,
    JSON.stringify(run.outputs),
    ...extraFiles.map((f) => readFileSync(f, 'utf8')),
  ].join('\n');
}

describe('action end to end (dist/index.js as the runner runs it)', () => {
  it('annotates, summarises, writes outputs and reports, masks secrets, and fails the step', () => {
    const key = generateSecret('django-key');
    const pem = generateSecret('pem-private-key');
    const workspace = writeTree({
      'app/settings.py': `DEBUG = False\nSECRET_KEY = '${key}'\n`,
      'keys/deploy.pem': `${pem}\n`,
    });
    commitAll(workspace);
    const run = runBuiltAction({
      workspace,
      inputs: { history: 'off', 'sarif-file': 'out/guard.sarif' },
    });
    expect(run.code).toBe(1);

    const lines = run.stdout.split('\n');
    const firstMask = lines.findIndex((l) => l.startsWith('::add-mask::'));
    const firstAnnotation = lines.findIndex((l) => /^::(error|warning|notice) /.test(l));
    expect(firstMask).toBeGreaterThanOrEqual(0);
    expect(firstAnnotation).toBeGreaterThan(firstMask);
    expect(lines).toContain(maskCommandFor(key));

    const errors = parseWorkflowCommands(run.stdout).filter((c) => c.name === 'error');
    expect(errors).toContainEqual(
      expect.objectContaining({
        properties: expect.objectContaining({
          file: 'app/settings.py',
          line: '2',
          endLine: '2',
          title: expect.stringMatching(/^DDG101 /),
        }),
      }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({
        properties: expect.objectContaining({ file: 'keys/deploy.pem', line: '1' }),
      }),
    );
    expect(run.stdout).toMatch(/^::error::django-deploy-guard: /m);

    expect(run.outputs.findings).toBe(String(Number(run.outputs.findings)));
    expect(Number(run.outputs.findings)).toBeGreaterThanOrEqual(2);
    expect(run.outputs['highest-severity']).toBe('critical');
    expect(run.outputs.failed).toBe('true');
    expect(existsSync(run.outputs['report-json']!)).toBe(true);
    expect(run.outputs['report-json']!.startsWith(run.runnerTemp)).toBe(true);
    expect(existsSync(run.outputs['sarif-file']!)).toBe(true);
    expect(run.summary).toContain('DDG101');

    const everywhere = allOutput(run, [run.outputs['report-json']!, run.outputs['sarif-file']!]);
    for (const secret of [key, pem, ...pem.split('\n').slice(1, -1)])
      expect(everywhere).not.toContain(secret);
  });

  it('passes with fail-on never and writes failed=false', () => {
    const workspace = writeTree({
      'app/settings.py': `SECRET_KEY = '${generateSecret('django-key')}'\n`,
    });
    commitAll(workspace);
    const run = runBuiltAction({ workspace, inputs: { history: 'off', 'fail-on': 'never' } });
    expect(run.code).toBe(0);
    expect(run.outputs.failed).toBe('false');
  });

  it('never lets scanned file names or content create workflow commands', () => {
    const key = generateSecret('django-key');
    const workspace = writeTree({
      'x::warning::y/settings.py': `SECRET_KEY = '${key}'\n`,
      'evil%0A::error::z/settings.py': `SECRET_KEY = '${generateSecret('django-key')}'\n`,
    });
    commitAll(workspace);
    const run = runBuiltAction({ workspace, inputs: { history: 'off' } });
    const commands = run.stdout.split('\n').filter((l) => l.startsWith('::'));
    for (const line of commands) {
      expect(line).toMatch(/^::(add-mask|error|warning|notice|debug|group|endgroup)( [^:]*)?::/);
    }
    // The file names arrive escaped inside the `file=` property, never as commands of their own.
    expect(run.stdout).not.toMatch(/^::warning::y/m);
    expect(run.stdout).not.toMatch(/^::error::z/m);
    expect(run.stdout).toContain('x%3A%3Awarning%3A%3Ay/settings.py');
  });

  it('fails with a one-line reason on a malformed config, without a stack trace', () => {
    const workspace = writeTree({ '.django-deploy-guard.yml': 'fail-on: sometimes\n' });
    const run = runBuiltAction({ workspace, inputs: {} });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^::error::django-deploy-guard: \.django-deploy-guard\.yml:1: 'fail-on' must be one of/m,
    );
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });
});
