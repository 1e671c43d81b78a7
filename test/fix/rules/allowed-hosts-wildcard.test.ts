import { describe, expect, it } from 'vitest';
import { proveFix } from '../harness';

const HEAD = "DEBUG = False\nSECRET_KEY = 'x' * 0\n";

describe("fix for DDG201 (ALLOWED_HOSTS = ['*'])", () => {
  it('os.environ: a split of the variable, no default', () => {
    const proof = proveFix({
      module: 'project.settings',
      ruleId: 'DDG201',
      files: { 'project/settings.py': `import os\nALLOWED_HOSTS = [\n    '*',\n]\n` },
      envAfter: { DJANGO_ALLOWED_HOSTS: 'example.com,.example.com' },
    });
    expect(proof.files['project/settings.py']).toBe(
      'import os\nALLOWED_HOSTS = os.environ["DJANGO_ALLOWED_HOSTS"].split(",")\n',
    );
    expect(proof.diff).toBe(
      [
        '--- a/project/settings.py',
        '+++ b/project/settings.py',
        '@@ -1,4 +1,2 @@',
        ' import os',
        '-ALLOWED_HOSTS = [',
        "-    '*',",
        '-]',
        '+ALLOWED_HOSTS = os.environ["DJANGO_ALLOWED_HOSTS"].split(",")',
        '',
      ].join('\n'),
    );
  });

  it("django-environ with a '*' default: the same variable, without the default", () => {
    const proof = proveFix({
      module: 'project.settings',
      ruleId: 'DDG201',
      files: {
        'project/settings.py': `import environ\nenv = environ.Env()\n${HEAD}ALLOWED_HOSTS = env.list('HOSTS', default=['*'])\n`,
      },
      envAfter: { HOSTS: 'example.com' },
    });
    expect(proof.files['project/settings.py']).toContain('ALLOWED_HOSTS = env.list("HOSTS")\n');
  });

  it('python-decouple: a Csv cast, importing Csv', () => {
    const proof = proveFix({
      module: 'project.settings',
      ruleId: 'DDG201',
      files: {
        'project/settings.py': "from decouple import config\n\nALLOWED_HOSTS = ['*']\n",
      },
      envAfter: { DJANGO_ALLOWED_HOSTS: 'example.com' },
    });
    expect(proof.files['project/settings.py']).toBe(
      'from decouple import config\nfrom decouple import Csv\n\nALLOWED_HOSTS = config("DJANGO_ALLOWED_HOSTS", cast=Csv())\n',
    );
  });
});
