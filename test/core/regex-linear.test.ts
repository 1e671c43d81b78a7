import { check, type Diagnostics } from 'recheck';
import { describe, expect, it } from 'vitest';
import { collectRegexes, type RegexSite } from '../helpers/regex-inventory';

/**
 * Every regular expression in `src/` is run through recheck (automata theory, with fuzzing for
 * look-arounds and back-references: https://makenowjust-labs.github.io/recheck/). Exponential
 * backtracking always fails. A pattern recheck cannot prove linear is accepted only where it is
 * listed below with the bound that keeps its input short; a listed pattern that left the source
 * fails too, so the list cannot rot. Constructions from run-time strings are listed by name with
 * why they are linear, so a new one cannot slip past unseen.
 */

/** Super-linear (polynomial) or unprovable patterns, and what bounds the text they run on. */
const BOUNDED: Record<string, string> = {
  // Back-references to a quote of at most one character, around a name of at most 80.
  '/(?:^|[\\s,({;])(["\']?)([A-Za-z_$][\\w$]{0,80})\\1[ \\t]*(?::|=(?![=>]))[ \\t]*(["\'`])/g':
    'a name of at most 80 characters between optional one-character quotes',
  '/\\{\\s*([\'"])([^\'"{}\\\\]{0,200})\\1\\s*\\}/g':
    'a constant f-string field of at most 200 characters',
  // Trailing-run trims on names, paths and numbers the tool itself built (short by construction).
  '/\\/+$/': 'glob patterns from the configuration (trusted input)',
  '/\\n+$/': 'rule docs written in this repository',
  '/0+$/': 'digits of one Python float formatted by the evaluator (at most 17 digits)',
  '/^_+|_+$/g': 'an identifier name (the evaluator and detectors cap names at one line)',
  '/\\s+$/': 'one CORS origin regex string from settings (the evaluator caps string size)',
  '/(_(PROD|PRODUCTION|LIVE|TEST|TESTING|DEV|DEVELOPMENT|STAGING|STAGE|LOCAL|DEFAULT|OLD|NEW|V\\d+)|_?\\d+)$/':
    'an identifier name',
  // Applied to one line (no newline in the input), where `.*$` cannot backtrack over a newline.
  '/#.*$/': 'one line of an apps.py file',
  '/#(.*)$/': 'one line of an apps.py file',
  '/[:/].*$/': 'one SECURITY_DOMAINS entry',
  '/\\[.*$/': 'one requirement line',
  '/deploy-guard:\\s*ignore\\[([^\\]]*)\\]\\s*(.*)$/': 'one line holding an inline-ignore marker',
  '/^!!?[A-Za-z][\\w-]*\\s+(.*)$/': 'one YAML line',
  '/(^|[-_.])(docker-)?compose[^/]*\\.ya?ml$/': 'one file name (git and the OS cap it at 4 KiB)',
  '/(^|\\/)[^/]*(\\{\\{[^/]*\\}\\}|\\{%[^/]*%\\})[^/]*\\//': 'one repository path',
  '/(^|\\/)(k8s|kubernetes|helm|deploy|deployment|manifests|charts|\\.do)\\/.*\\.ya?ml$/':
    'one repository path',
  '/\\([^)]*$/': 'one line, only when it holds an env-read call',
  '/^\\s*(?:env_file:\\s*|-\\s*)(\\S+\\.env\\S*|\\.envs\\/\\S+)\\s*$/': 'one compose file line',
  '/,|\\s+(?=[<>=!~^])/': 'one requirement specifier',
  '/^(===|==|!=|~=|>=|<=|>|<|\\^|~|=)?\\s*(.+)$/': 'one requirement specifier',
  '/^(?:-r|--requirement|-c|--constraint)\\s*=?\\s*(\\S+)/': 'one requirement line',
  '/^(\\S[^=:]*?)\\s*[=:]\\s*(.*)$/': 'one setup.cfg line',
  '/^[^=]*?(?::[^=]*)?=/': 'one settings statement',
  '/^[+-]?(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?$/': 'a number literal the evaluator converts',
  '/%(?:\\(([^)]*)\\))?([-+ 0#]*)(\\d+)?(?:\\.(\\d+))?([sridfxXeEgGc%])/g':
    'a %-format string in settings (the evaluator caps string size)',
  '/\\[(?:tool\\.pytest[^\\]]*|tool:pytest|pytest)\\][\\s\\S]*?(?=\\n\\[|$)/g':
    'pytest.ini/setup.cfg/pyproject.toml read by discovery (the confined reader caps file size)',
  '/\\b(?:gunicorn|uwsgi|uvicorn|daphne|hypercorn)\\b.*?\\b([\\w.]+)\\.(wsgi|asgi)(?::\\w+)?\\b/':
    'one Procfile or Dockerfile line',
  '/proxy|(ssl|tls)[\\s_-]*terminat|terminat\\w*\\s+(ssl|tls)/i': 'one django-cfg comment line',
  '/\\bclass\\s+\\w+\\s*\\([^)]*\\bDjangoConfig\\b[^)]*\\)\\s*:|\\bDjangoConfig\\s*\\(/':
    'settings modules, under the evaluator budget',
  '/[rRbBuU]{0,2}("""|\'\'\'|"|\')((?:\\\\.|(?!\\1)[^\\\\])*)\\1/gs':
    'a settings statement (the evaluator budget)',
  '/\\[(?:\\\\.|[^\\]\\\\])*\\]/g': 'the host part of one CORS origin regex string',
  '/[A-Za-z][A-Za-z0-9+.-]*:\\/\\/([^/?#\\s]*)/g': 'one setting value string',
  // Secret shapes: each runs on one line (text-lines.ts) and only after its keyword prefilter;
  // their repeats are bounded ({1,40}, {20,256}) or the look-behind makes the start unique.
  '/(?:aws_?secret_?access_?key|secret_?access_?key|aws_?secret_?key)(?:[^\\n]|\\n(?!\\s*\\n)){0,200}?(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi':
    'bounded span {0,200} after the keyword',
  '/(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,256}T3BlbkFJ[A-Za-z0-9_-]{20,256}(?![A-Za-z0-9_-])/g':
    'bounded spans {20,256}',
  '/https?:\\/\\/[a-z0-9-]{1,40}\\.slack\\.com\\/services\\/hooks\\/[a-z0-9_-]{1,40}\\?(?:[^\\s\'"#&]*&)?token=([A-Za-z0-9]{16,64})/g':
    'one line naming slack.com',
  '/(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])/g':
    'one line holding "eyJ"; the look-behind lets a match start only at a token boundary',
  '/(?<![A-Za-z0-9_])(?:sntrys_[A-Za-z0-9+/=]{60,}_[A-Za-z0-9+/=]{20,}|sntryu_[0-9a-f]{64})(?![A-Za-z0-9_+/=])/g':
    'one line holding "sntry"; the look-behind lets a match start only at a token boundary',
  // Back-references (not modelled by the automaton checker): each on one line or one string.
  '/\\b(?:path|re_path|url)\\s*\\(\\s*[rRuU]?([\'"])\\^?\\/?admin\\/?\\$?\\1\\s*,\\s*(?:include\\s*\\(\\s*)?admin\\.site\\.urls\\b/g':
    'urls.py text; every repeat is a run of spaces between fixed words',
  '/^([rRuUbB]{0,2})(\'\'\'|"""|\'|")([\\s\\S]*)\\2$/': 'one Python string literal token, anchored',
  '/#\\s*((?:(?:[A-Za-z0-9]+_)*DJANGO_)?SECRET_KEY(?:_FALLBACKS)?)\\s*[:=]\\s*[rRuUbB]?(["\'])([^"\'\\r\\n]+)\\2/gi':
    'one commented line holding SECRET_KEY',
  '/^(["\']).*\\1$/': 'one value, anchored at both ends',
  '/([\'"])([A-Za-z_][\\w.-]*)\\1\\s*:\\s*([rRuUbBfF]{0,2})([\'"])/g':
    'one line holding a credential name',
  '/^\\s*(?:export\\s+|ENV\\s+|set\\s+)?(?:-\\s+)?(["\']?)([A-Za-z_][\\w.-]*)\\1\\s*(=|:(?=\\s|$|["\']))(.*)$/':
    'one line, anchored',
  '/(?:^|[\\s,(;{])([A-Za-z_][A-Za-z0-9_]*)\\s*(?::\\s*[A-Za-z_][\\w.[\\], |]*?)?\\s*=(?!=)\\s*([rRuUbBfF]{0,2})([\'"])/g':
    'one line holding a credential name',
};

/** `RegExp(...)` built from run-time strings, by where and what: why each is linear. */
const DYNAMIC: Record<string, string> = {
  'src/dotenv/python-dotenv.ts': 'sticky copies of the literal patterns of the dialect',
  'src/dotenv/python-text.ts': 'a character class of Python whitespace',
  'src/hardening/django-cfg.ts': 'an alternation of constant field names',
  'src/secrets/detect.ts': 'an alternation of escaped constant keywords',
  'src/secrets/django-key.ts': 'KEY_PATTERN is a constant alternation of key names',
  'src/secrets/named-values.ts': 'ENV_READ_CALL is a constant alternation of call names',
  'src/secrets/rules/named-credential-literal.ts':
    'non-global copies of the literal patterns above; an alternation of constant keywords',
  'src/settings/discover.ts': 'MODULE is a constant dotted-name pattern without nested repeats',
  'src/settings/django-version.ts': 'TOML table and key names from constants',
  'src/settings/eval/library/files.ts':
    'a glob turned into `[^/]*` segments separated by literals (one pattern per call)',
  'src/settings/rules/csrf-failure-view.ts': 'a Python identifier (\\w only) from the parse tree',
};

const OLD_SIMPLE_PASSWORD = /^[a-z]+(?:[_-]?[a-z]+)*\d{0,4}$/;

type Verdict = { kind: 'linear' } | { kind: 'exponential' | 'polynomial' | 'unknown'; why: string };

/**
 * The pattern without look-arounds, which recheck's automaton checker does not model: a
 * look-around matches no characters, so removing it only lets more strings match; the
 * backtracking of the quantifiers around it is what is judged. (Fuzzing, recheck's answer to
 * look-arounds, took ten minutes for the whole source on two cores and flagged bounded repeats.)
 */
function withoutLookarounds(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      out += source.slice(i, i + 2);
      i++;
      continue;
    }
    if (char === '[') {
      // A class: copied as is (a `(` inside it is a character).
      let end = i + 1;
      if (source[end] === ']') end++;
      while (end < source.length && source[end] !== ']') end += source[end] === '\\' ? 2 : 1;
      out += source.slice(i, end + 1);
      i = end;
      continue;
    }
    const head = source.slice(i, i + 4);
    if (head.startsWith('(?=') || head.startsWith('(?!') || head === '(?<=' || head === '(?<!') {
      let depth = 0;
      let end = i;
      for (; end < source.length; end++) {
        const c = source[end];
        if (c === '\\') end++;
        else if (c === '[') {
          end++;
          while (end < source.length && source[end] !== ']') end += source[end] === '\\' ? 2 : 1;
        } else if (c === '(') depth++;
        else if (c === ')' && --depth === 0) break;
      }
      i = end;
      continue;
    }
    out += char;
  }
  return out;
}

async function judge(source: string, flags: string): Promise<Verdict> {
  if (/\\[1-9]|\\k</.test(source)) return { kind: 'unknown', why: 'back-reference' };
  // `g` and `y` change where a search starts, not how it backtracks.
  const result: Diagnostics = await check(withoutLookarounds(source), flags.replace(/[gy]/g, ''), {
    checker: 'automaton',
    timeout: 20_000,
  });
  if (result.status === 'safe') return { kind: 'linear' };
  if (result.status === 'vulnerable')
    return {
      kind: result.complexity.type === 'exponential' ? 'exponential' : 'polynomial',
      why: `attack ${result.attack.pattern.slice(0, 80)}`,
    };
  return { kind: 'unknown', why: JSON.stringify(result.error) };
}

function describeSite(site: RegexSite): string {
  return `/${site.source}/${site.flags}`;
}

describe('every regular expression in src is linear', () => {
  const inventory = collectRegexes(process.cwd());

  it('flags the exponential default-credential pattern of old (the checker works)', async () => {
    const verdict = await judge(OLD_SIMPLE_PASSWORD.source, OLD_SIMPLE_PASSWORD.flags);
    expect(verdict.kind).toBe('exponential');
    // The old pattern on 30 letters and a `!` takes seconds; the new one, microseconds.
  });

  it('finds the regexes of every module, literals and constant RegExp() calls', () => {
    const files = new Set(inventory.literals.map((site) => site.file));
    expect(files).toContain('src/secrets/default-credentials.ts');
    expect(files).toContain('src/secrets/placeholders.ts');
    expect(files).toContain('src/settings/eval/strings.ts');
    expect(inventory.literals.length).toBeGreaterThan(400);
  });

  it('accounts for every RegExp built at run time', () => {
    const unlisted = inventory.dynamic.filter((site) => DYNAMIC[site.file] === undefined);
    expect(unlisted.map((site) => `${site.where}: ${site.text}`)).toEqual([]);
    const stale = Object.keys(DYNAMIC).filter(
      (file) => !inventory.dynamic.some((site) => site.file === file),
    );
    expect(stale).toEqual([]);
  });

  it('lists only bounded patterns that still exist', () => {
    const written = new Set(inventory.literals.map(describeSite));
    expect(Object.keys(BOUNDED).filter((pattern) => !written.has(pattern))).toEqual([]);
  });

  it(
    'has no regex with super-linear backtracking on unbounded input',
    { timeout: 1_800_000 },
    async () => {
      const bySource = new Map<string, RegexSite[]>();
      for (const site of inventory.literals) {
        const key = describeSite(site);
        bySource.set(key, [...(bySource.get(key) ?? []), site]);
      }
      const problems: string[] = [];
      const unproven: string[] = [];
      const keys = [...bySource.keys()];
      // A few at a time: recheck's agent works them in parallel.
      for (let i = 0; i < keys.length; i += 4) {
        const batch = keys.slice(i, i + 4);
        const verdicts = await Promise.all(
          batch.map((key) => {
            const site = bySource.get(key)?.[0];
            return site === undefined
              ? Promise.resolve<Verdict>({ kind: 'linear' })
              : judge(site.source, site.flags);
          }),
        );
        batch.forEach((key, j) => {
          const verdict = verdicts[j];
          if (verdict === undefined || verdict.kind === 'linear') return;
          const where = (bySource.get(key) ?? []).map((site) => site.where).join(', ');
          if (verdict.kind === 'unknown' && verdict.why.includes('timeout')) {
            // recheck ran out of time (a loaded machine, large bounded repeats): not proven
            // either way, so said, not failed; a pattern it proves super-linear always fails.
            unproven.push(`${where} ${key}`);
            return;
          }
          if (verdict.kind === 'exponential' || BOUNDED[key] === undefined)
            problems.push(`${where} ${key}: ${verdict.kind} (${verdict.why})`);
        });
      }
      if (unproven.length > 0)
        console.warn(`recheck timed out on ${unproven.length} pattern(s):\n${unproven.join('\n')}`);
      expect(problems).toEqual([]);
    },
  );
});
