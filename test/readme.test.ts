import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  jobs?: Record<string, { steps?: Step[] }>;
}

const readme = readFileSync('README.md', 'utf8');
const action = parse(readFileSync('action.yml', 'utf8')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
};

/** Every ```yaml block in the README that is a workflow. */
function readmeWorkflows(): Workflow[] {
  return [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m) => parse(m[1]!) as Workflow | null)
    .filter((doc): doc is Workflow => typeof doc === 'object' && doc !== null && 'jobs' in doc);
}

describe('README', () => {
  it('example workflows use only inputs that action.yml declares', () => {
    const workflows = readmeWorkflows();
    expect(workflows.length).toBeGreaterThanOrEqual(5);
    let uses = 0;
    for (const workflow of workflows) {
      for (const job of Object.values(workflow.jobs ?? {})) {
        for (const step of job.steps ?? []) {
          if (!step.uses?.startsWith('django-deploy-guard/')) continue;
          uses++;
          for (const input of Object.keys(step.with ?? {}))
            expect(Object.keys(action.inputs)).toContain(input);
        }
      }
    }
    expect(uses).toBeGreaterThanOrEqual(5);
  });

  it('outputs used in the examples exist', () => {
    for (const m of readme.matchAll(/steps\.guard\.outputs\.([a-z-]+)/g)) {
      expect(Object.keys(action.outputs)).toContain(m[1]);
    }
  });

  it('gives a newcomer exactly the two commands', () => {
    expect(readme).toContain('node dist/cli/index.js scan examples/vulnerable-project');
    expect(readme).toContain('npm ci && npm test');
  });
});
