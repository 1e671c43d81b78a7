import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: ./src/secrets/prefilter.ts
/** ASCII upper case to lower case; every other byte unchanged. */
const FOLD = new Uint8Array(256);
for (let i = 0; i < 256; i++)
    FOLD[i] = i >= 65 && i <= 90 ? i + 32 : i;
const EMPTY = new Set();
/**
 * Builds the prefilter for `rules`. Path rules (`appliesToPath`) don't need a keyword: the caller
 * decodes a blob whenever one of them applies to a path the blob was seen under.
 */
function createBytePrefilter(rules) {
    const keywords = new Set();
    let decidable = true;
    for (const rule of rules) {
        if (rule.keywords === undefined) {
            if (rule.appliesToPath === undefined)
                decidable = false;
            continue;
        }
        for (const keyword of rule.keywords) {
            // runSecretRules compares the lower-cased match with the keyword as written: searching the
            // lower-cased keyword finds it whenever runSecretRules could.
            const lower = keyword.toLowerCase();
            // eslint-disable-next-line no-control-regex
            if (lower === '' || !/^[\x00-\x7f]+$/.test(lower))
                decidable = false;
            else
                keywords.add(lower);
        }
    }
    if (!decidable)
        return { keywordsIn: () => undefined };
    if (keywords.size === 0)
        return { keywordsIn: () => EMPTY };
    return createMultiSearch([...keywords]);
}
/**
 * Wu-Manber multi-pattern search over 2-byte blocks: a window of the shortest keyword's length
 * slides by the distance its last block allows, and only windows whose last block ends some
 * keyword's prefix are compared. The shift table is indexed by raw bytes, with every case variant
 * of a keyword's letters entered, so the hot loop does no case folding (only the comparison of a
 * candidate does). One pass finds every keyword present.
 */
function createMultiSearch(keywords) {
    const patterns = keywords.map((keyword) => Buffer.from(keyword, 'latin1'));
    const min = Math.min(...patterns.map((pattern) => pattern.length));
    if (min < 2)
        return createShortSearch(keywords);
    const shift = new Uint8Array(65536).fill(min - 1);
    /** Indexes of the patterns whose first `min` bytes end with a block, by that block. */
    const candidates = new Array(65536);
    const cases = (byte) => (byte >= 97 && byte <= 122 ? [byte, byte - 32] : [byte]);
    patterns.forEach((pattern, p) => {
        for (let q = 1; q < min; q++) {
            const distance = min - 1 - q;
            for (const a of cases(pattern[q - 1]))
                for (const b of cases(pattern[q])) {
                    const block = (a << 8) | b;
                    if (distance < shift[block])
                        shift[block] = distance;
                }
        }
        for (const a of cases(pattern[min - 2]))
            for (const b of cases(pattern[min - 1]))
                (candidates[(a << 8) | b] ??= []).push(p);
    });
    return {
        keywordsIn(bytes) {
            const n = bytes.length;
            let found;
            let i = min - 1;
            while (i < n) {
                const block = (bytes[i - 1] << 8) | bytes[i];
                const distance = shift[block];
                if (distance !== 0) {
                    i += distance;
                    continue;
                }
                const start = i - min + 1;
                for (const p of candidates[block]) {
                    const pattern = patterns[p];
                    const length = pattern.length;
                    if (start + length > n)
                        continue;
                    let j = 0;
                    while (j < length && FOLD[bytes[start + j]] === pattern[j])
                        j++;
                    if (j === length) {
                        const keyword = keywords[p];
                        found ??= new Set();
                        if (!found.has(keyword)) {
                            found.add(keyword);
                            if (found.size === patterns.length)
                                return found;
                        }
                    }
                }
                i++;
            }
            return found ?? EMPTY;
        },
    };
}
/** One-byte keywords: a plain scan (a rule with such a keyword matches nearly everything). */
function createShortSearch(keywords) {
    const patterns = keywords.map((keyword) => ({ keyword, bytes: Buffer.from(keyword, 'latin1') }));
    return {
        keywordsIn(bytes) {
            const found = new Set();
            for (const { keyword, bytes: pattern } of patterns) {
                outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
                    for (let j = 0; j < pattern.length; j++)
                        if (FOLD[bytes[i + j]] !== pattern[j])
                            continue outer;
                    found.add(keyword);
                    break;
                }
            }
            return found;
        },
    };
}

;// CONCATENATED MODULE: ./src/secrets/entropy.ts
/** Shannon entropy in bits per character (code points), the usual "looks random" measure. */
function shannonEntropy(value) {
    const chars = Array.from(value);
    if (chars.length === 0)
        return 0;
    const counts = new Map();
    for (const char of chars)
        counts.set(char, (counts.get(char) ?? 0) + 1);
    let bits = 0;
    for (const count of counts.values()) {
        const p = count / chars.length;
        bits -= p * Math.log2(p);
    }
    return bits;
}
/** Number of distinct code points (Django's W009 asks for at least 5). */
function uniqueCharCount(value) {
    return new Set(Array.from(value)).size;
}

;// CONCATENATED MODULE: ./src/secrets/placeholders.ts

/**
 * Deciding whether a committed value is a real secret or a stand-in for one: the one placeholder
 * and strength module every detector and every secret-related hardening rule uses.
 *
 * Every test here is built so that a random value from a secret alphabet (e.g. Django's
 * `a-z0-9!@#$%^&*(-_=+)`, base64, URL-safe passwords) practically never trips it: markers are
 * matched as whole words or whole values, never as short substrings such as `%s` or `!!` that
 * random keys contain by chance (test/secrets/placeholders.test.ts measures it on generated keys).
 */
/** Any of these words marks the value as a stand-in (when words carry the value, see below). */
const MARKER_WORDS = new Set([
    'change',
    'changeme',
    'changethis',
    'replace',
    'replaceme',
    'placeholder',
    'dummy',
    'example',
    'sample',
    'todo',
    'fixme',
    'your',
    'yours',
    'redacted',
    'notasecret',
    'notsecret',
    'setme',
    'insert',
    'irrelevant',
    'unused',
    'ignored',
    'whatever',
    'yoursecretkey',
    'mysecretkey',
    'secretkeyhere',
]);
/**
 * Words that are not secret on their own: a value made only of these (and numbers) is a stand-in,
 * e.g. `django-insecure-dev-key`, `secret`, `test-key-123`, `herokudefault`, `notsecret`.
 */
const FILLER_WORDS = new Set([
    'a',
    'access',
    'an',
    'api',
    'app',
    'at',
    'auth',
    'bar',
    'baz',
    'amazon',
    'aws',
    'broker',
    'cache',
    'celery',
    'docker',
    'docs',
    'mongo',
    'mysql',
    'postgres',
    'postgresql',
    'rabbitmq',
    'redis',
    'be',
    'build',
    'chars',
    'ci',
    'characters',
    'client',
    'code',
    'config',
    'credential',
    'credentials',
    'data',
    'database',
    'db',
    'debug',
    'default',
    'demo',
    'dev',
    'develop',
    'development',
    'django',
    'email',
    'empty',
    'env',
    'fake',
    'fallback',
    'foo',
    'for',
    'github',
    'gitlab',
    'gmail',
    'google',
    'heroku',
    'here',
    'host',
    'in',
    'insecure',
    'is',
    'key',
    'keys',
    'least',
    'local',
    'localhost',
    'long',
    'mail',
    'mailgun',
    'mailtrap',
    'me',
    'mock',
    'must',
    'my',
    'name',
    'new',
    'none',
    'not',
    'now',
    'null',
    'num',
    'number',
    'of',
    'only',
    'own',
    'pass',
    'passwd',
    'password',
    'please',
    'port',
    'private',
    'prod',
    'production',
    'project',
    'put',
    'paste',
    'enter',
    'pwd',
    'qwerty',
    'random',
    'real',
    'secret',
    'secretkey',
    'secrets',
    'sendgrid',
    'sentry',
    'server',
    'set',
    'settings',
    'site',
    'smtp',
    'some',
    'staging',
    'string',
    'stripe',
    'strong',
    'super',
    'supersecret',
    'test',
    'testing',
    'tests',
    'the',
    'this',
    'token',
    'travis',
    'twilio',
    'unsafe',
    'use',
    'user',
    'username',
    'value',
    'very',
    'with',
]);
/**
 * Words long enough to segment a run of letters into (`herokudefault` → heroku + default,
 * `mypassword` → my + password): other two-letter words are left out, since short random runs
 * would split into them by chance.
 */
const SEGMENT_WORDS = [...MARKER_WORDS, ...FILLER_WORDS, 'my'].filter((word) => word.length >= 3 || word === 'my');
const SEGMENT_SET = new Set(SEGMENT_WORDS);
const LONGEST_SEGMENT = Math.max(...SEGMENT_WORDS.map((word) => word.length));
/**
 * Template and reference syntaxes that make up a whole value: it names a secret held elsewhere.
 * A value that merely contains one of them is judged without it (see `withoutTemplates`).
 */
const WHOLE_TEMPLATES = [
    /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
    /^\$\([A-Za-z_][\w.-]*(?:\s[^)]*)?\)$/, // $(command), Kubernetes $(POSTGRESQL_PASSWORD)
    /^%\([A-Za-z0-9_]+\)s$/, // configparser interpolation
    /^%[sdr]$/, // '%s' % x
    /^\{(?:[A-Za-z_][\w.[\]'"]*|\d*)(?:![rsa])?(?::[^{}]*)?\}$/, // str.format / f-string field {password}
    /^!!!\s*set\b/i,
    /^@@?[A-Za-z_]+@@?$/,
    /^__[A-Z0-9_]+__$/,
    // An environment variable's name given where its value belongs: `'AWS_SECRET_ACCESS_KEY'`.
    /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/,
];
/** Template syntaxes found inside a value; removed before the rest is judged. */
const EMBEDDED_TEMPLATES = [
    /\$\{\{[^}]*\}\}/g, // ${{ secrets.X }}
    /\$\{[A-Za-z_][A-Za-z0-9_]*(?:[:?+=-][^}]*)?\}/g, // ${VAR}, ${VAR:-default}, ${VAR:?msg}
    /\{\{[^}]*\}\}/g, // Jinja, Go and Helm templates
    /\{%[^%]*%\}/g,
    /<[^<>\s][^<>]{0,78}>/g, // <your-key>
    /!!![^!]*!!!/g, // cookiecutter-django: !!!SET DJANGO_SECRET_KEY!!!
    /\$\([A-Za-z_][\w.-]*(?:\s[^)]*)?\)/g,
];
/** A run of letters that starts with an instruction to replace it. */
const LEADING_MARKER = /^(changeme|changethis|replaceme|replacewith|placeholder|insertyour|enteryour|putyour|yoursecret|yourkey)/;
/** Adjacent characters on a keyboard row, for `qwertyuiop`-style runs. */
const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890'];
/** True when a run of lower-case letters splits entirely into vocabulary words. */
function segmentsIntoWords(run) {
    if (run.length < 3 || run.length > 64)
        return SEGMENT_SET.has(run);
    const reachable = new Array(run.length + 1).fill(false);
    reachable[0] = true;
    for (let end = 1; end <= run.length; end++) {
        for (let start = Math.max(0, end - LONGEST_SEGMENT); start < end; start++) {
            if (reachable[start] && SEGMENT_SET.has(run.slice(start, end))) {
                reachable[end] = true;
                break;
            }
        }
    }
    return reachable[run.length] === true;
}
/**
 * Low variety: `xxxxxxxx`, `0000-0000`, `abab`, a short unit repeated (`abcabcabc`), a vocabulary
 * word repeated (`secretsecretsecret`), an alphabet or keyboard run (`abcdefghijklmnopqrstuvwxyz`).
 */
function hasLowVariety(significant) {
    if (uniqueCharCount(significant) < 4)
        return true;
    for (let unit = 1; unit <= significant.length / 2; unit++) {
        if (significant.length % unit !== 0)
            continue;
        const head = significant.slice(0, unit);
        if (head.repeat(significant.length / unit) !== significant)
            continue;
        // `hunter2hunter2` is a (weak) password, `secretsecret` is not.
        if (unit <= 3 || segmentsIntoWords(head.replace(/[^a-z]/g, '')))
            return true;
    }
    if (significant.length >= 8) {
        let steps = 0;
        for (let i = 1; i < significant.length; i++) {
            const previous = significant[i - 1] ?? '';
            const current = significant[i] ?? '';
            if (current.charCodeAt(0) - previous.charCodeAt(0) === 1)
                steps++;
            else if (KEYBOARD_ROWS.some((row) => row.includes(previous + current)))
                steps++;
        }
        if (steps >= 0.9 * (significant.length - 1))
            return true;
    }
    return false;
}
/** The value with embedded template syntax removed (`prefix-<your key>` → `prefix-`). */
function withoutTemplates(value) {
    let rest = value;
    for (const pattern of EMBEDDED_TEMPLATES)
        rest = rest.replace(pattern, ' ');
    return rest;
}
/** Whether `value` is made of template syntax and stand-in words only. */
function isStandIn(value) {
    const significant = value.replace(/[\s\-_.:/]/g, '').toLowerCase();
    if (hasLowVariety(significant))
        return true;
    // startproject's prefix is structure, not a hint: judge the random part after it.
    const body = value.replace(/^django-insecure-/i, '').toLowerCase();
    const runs = body.split(/[^a-z0-9]+/).filter((run) => run !== '');
    // Letters and digits are separate words: `changeme123` is `changeme` + `123`.
    const words = runs.flatMap((run) => run.match(/[a-z]+|[0-9]+/g) ?? []);
    if (words.length === 0)
        return false;
    const isMarker = (word) => MARKER_WORDS.has(word) || /^x{4,}$/.test(word);
    // An instruction run together: `changemetoenablevat`, `replacemewithyourkey`.
    const letters = words.filter((word) => /^[a-z]/.test(word)).join('').length;
    if (words.some((word) => LEADING_MARKER.test(word) && word.length >= 0.5 * letters))
        return true;
    const isWord = (word) => isMarker(word) || FILLER_WORDS.has(word) || segmentsIntoWords(word);
    if (words.some(isMarker)) {
        // A marker word counts only when words carry the value: a random key can contain a fragment
        // such as `xxxx` or `todo` by chance, surrounded by random characters.
        const known = words.filter(isWord).reduce((sum, word) => sum + word.length, 0);
        const total = words.reduce((sum, word) => sum + word.length, 0);
        if (known >= 0.4 * total)
            return true;
    }
    if (words.every((word) => isWord(word) || /^\d+$/.test(word))) {
        // Only a value that is nothing but words and separators: a random key has symbol runs too.
        return /^[A-Za-z0-9\s\-_.]+$/.test(value);
    }
    return false;
}
/**
 * True when a value is template or reference syntax and nothing else: `${VAR}`, `${VAR:-x}`,
 * `$(VAR)`, `{password}`, `%(name)s`, `{{ var }}`, `<password>`, an env variable's name. Such a
 * value names a secret held elsewhere, whatever a default inside it says.
 */
function isTemplateReference(raw) {
    const value = raw.trim();
    if (value === '')
        return false;
    if (WHOLE_TEMPLATES.some((pattern) => pattern.test(value)))
        return true;
    const rest = withoutTemplates(value);
    return rest !== value && rest.replace(/[\s\-_.:/@]/g, '') === '';
}
/**
 * True when a value is empty or a stand-in (placeholder words, a template or reference, repeated
 * characters), so it is not a secret leak. A value that *contains* a template is judged by the
 * rest: `<your-key>` is a placeholder, a random key that happens to hold `<…>` is not. Callers
 * decide what "short" means for their rule.
 */
function isPlaceholderValue(raw) {
    const value = raw.trim();
    if (value === '')
        return true;
    if (WHOLE_TEMPLATES.some((pattern) => pattern.test(value)))
        return true;
    const rest = withoutTemplates(value);
    if (rest !== value) {
        const significant = rest.replace(/[\s\-_.:/]/g, '');
        // What is left around the template is separators, a word or two, or a fragment too short
        // to be a credential: `${PREFIX}-<key>`, `Bearer <token>`.
        return significant.length < 8 || isStandIn(rest);
    }
    return isStandIn(value);
}
/**
 * "Real-looking": long, high entropy, not a stand-in. Used where a value is only suspicious when it
 * could be a generated credential (`.env.example` templates, passwords at local hosts).
 */
function isRealLookingSecret(raw) {
    const value = raw.trim();
    if (isPlaceholderValue(value))
        return false;
    const length = Array.from(value).length;
    if (length < 16)
        return false;
    if (/\s/.test(value))
        return false;
    return shannonEntropy(value) >= 3.0 && uniqueCharCount(value) >= 8;
}
/**
 * The strength test for a value found only by the name it is assigned to (`API_TOKEN: …` in a
 * YAML file, `"password": "…"` in JSON): at least 8 characters without spaces, not a stand-in, and
 * some variety. Weaker than `isRealLookingSecret` (a human-chosen password such as `hunter2hunter2`
 * passes), stronger than "not a placeholder" (prose and identifiers fail).
 */
function isPlausibleCredential(raw) {
    const value = raw.trim();
    if (isPlaceholderValue(value))
        return false;
    if (Array.from(value).length < 8 || /\s/.test(value))
        return false;
    // Dotted names, paths and URLs without a password are configuration, not credentials.
    if (/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_-]*)+$/.test(value) || /^\.{0,2}\//.test(value))
        return false;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value))
        return false;
    if (isPasswordHash(value))
        return false;
    // Lower-case words joined by `_` or `-` are identifiers and enum values
    // (`INVALID_PASSWORD = "invalid_password"`), not credentials.
    if (/^[a-z]+(?:[_-][a-z]+)+$/.test(value))
        return false;
    return uniqueCharCount(value) >= 6 && shannonEntropy(value) >= 2.5;
}
/**
 * A password as Django stores it (`pbkdf2_sha256$600000$salt$hash`, `argon2$argon2id$…`,
 * `bcrypt_sha256$$2b$…`, `sha1$salt$hash`, `!` for an unusable password): fixture data, not a
 * credential that logs in.
 * https://docs.djangoproject.com/en/stable/topics/auth/passwords/#how-django-stores-passwords
 */
function isPasswordHash(raw) {
    const value = raw.trim();
    return (/^(pbkdf2_sha256|pbkdf2_sha1|argon2|bcrypt_sha256|bcrypt|scrypt|sha1|md5|unsalted_md5|unsalted_sha1|crypt)\$[^\s$]*\$/.test(value) || /^!\S{0,60}$/.test(value));
}

;// CONCATENATED MODULE: ./src/secrets/rule.ts
function defineSecretRule(definition) {
    return { kind: 'secret', ...definition };
}

;// CONCATENATED MODULE: ./src/secrets/text-lines.ts
function createLineIndex(content) {
    // Built on first use: most files a detector looks at have no match, and a full pass over every
    // scanned file for every rule showed up as a tenth of a history scan's time.
    let starts;
    const lineStarts = () => {
        if (starts)
            return starts;
        starts = [0];
        for (let i = 0; i < content.length; i++) {
            const code = content.charCodeAt(i);
            if (code === 10)
                starts.push(i + 1);
            else if (code === 13) {
                if (content.charCodeAt(i + 1) === 10)
                    i++;
                starts.push(i + 1);
            }
        }
        return starts;
    };
    const lineAt = (offset) => {
        const known = lineStarts();
        let low = 0;
        let high = known.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if ((known[mid] ?? 0) <= offset)
                low = mid;
            else
                high = mid - 1;
        }
        return low + 1;
    };
    return {
        lineAt,
        columnAt: (offset) => offset - (lineStarts()[lineAt(offset) - 1] ?? 0) + 1,
    };
}
/** Splits into physical lines (CRLF, CR, LF) keeping offsets; the line text has no break. */
function splitLines(content) {
    const lines = [];
    const pattern = /\r\n|\r|\n/g;
    let start = 0;
    let number = 1;
    for (let match = pattern.exec(content); match; match = pattern.exec(content)) {
        lines.push({ number, text: content.slice(start, match.index), offset: start });
        start = match.index + match[0].length;
        number++;
    }
    lines.push({ number, text: content.slice(start), offset: start });
    return lines;
}
/** Lower-case base name of a repository-relative path. */
function baseNameOf(path) {
    const slash = path.lastIndexOf('/');
    return (slash === -1 ? path : path.slice(slash + 1)).toLowerCase();
}
/**
 * The physical lines on which `pattern` (a global regex) matches, in order, each once: one pass
 * of the regex over the text (measured faster than one `indexOf` pass per keyword), and no
 * splitting of the lines nobody looks at.
 */
function linesMatching(content, pattern) {
    // Most text has no CR: then line breaks are found with indexOf (native, fast) instead of a
    // JavaScript loop over every character, which was a tenth of a history scan.
    if (content.indexOf('\r') === -1)
        return linesMatchingLf(content, pattern);
    const lines = [];
    let number = 1;
    let counted = 0;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(content); match !== null; match = pattern.exec(content)) {
        let start = match.index;
        while (start > 0) {
            const code = content.charCodeAt(start - 1);
            if (code === 10 || code === 13)
                break;
            start--;
        }
        for (let i = counted; i < start; i++) {
            const code = content.charCodeAt(i);
            if (code === 10 || (code === 13 && content.charCodeAt(i + 1) !== 10))
                number++;
        }
        counted = start;
        let end = match.index + Math.max(1, match[0].length);
        while (end < content.length) {
            const code = content.charCodeAt(end);
            if (code === 10 || code === 13)
                break;
            end++;
        }
        lines.push({ number, text: content.slice(start, end), offset: start });
        // The next match starts on a later line.
        pattern.lastIndex = end;
    }
    return lines;
}
/** `linesMatching` for text whose only line break is LF. */
function linesMatchingLf(content, pattern) {
    const lines = [];
    let number = 1;
    let counted = 0;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(content); match !== null; match = pattern.exec(content)) {
        const start = match.index === 0 ? 0 : content.lastIndexOf('\n', match.index - 1) + 1;
        for (let i = content.indexOf('\n', counted); i !== -1 && i < start; i = content.indexOf('\n', i + 1))
            number++;
        counted = start;
        const newline = content.indexOf('\n', match.index + Math.max(1, match[0].length));
        const end = newline === -1 ? content.length : newline;
        lines.push({ number, text: content.slice(start, end), offset: start });
        pattern.lastIndex = end;
    }
    return lines;
}

;// CONCATENATED MODULE: ./src/secrets/rules/aws-access-key.ts



/** Access key ids: `AKIA` (long-term) and `ASIA` (STS temporary), 20 characters. */
const AWS_ACCESS_KEY_ID_PATTERN = /(?<![A-Z0-9])((?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Z0-9])/g;
/**
 * `aws_secret_access_key = …`, `AWS_SECRET_ACCESS_KEY: …`, `"SecretAccessKey": "…"`, and the
 * literal default of an env read of that name, on the same line or the next few
 * (`env("AWS_SECRET_ACCESS_KEY", default="…")`): the first 40-character base64 word after the
 * name, within 200 characters.
 */
const SECRET_ACCESS_KEY = /(?:aws_?secret_?access_?key|secret_?access_?key|aws_?secret_?key)(?:[^\n]|\n(?!\s*\n)){0,200}?(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi;
/** The documented examples (https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html). */
const DOCUMENTED_EXAMPLES = new Set([
    'AKIAIOSFODNN7EXAMPLE',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
]);
function detectAwsAccessKeys(file) {
    const index = createLineIndex(file.content);
    const secrets = Array.from(file.content.matchAll(SECRET_ACCESS_KEY), (match) => ({
        value: match[1] ?? '',
        line: index.lineAt(match.index),
    })).filter(({ value }) => 
    // Base64 of random bytes mixes cases; a 40-character hex digest (a git sha) does not.
    /[A-Z]/.test(value) &&
        /[a-z]/.test(value) &&
        !DOCUMENTED_EXAMPLES.has(value) &&
        !isPlaceholderValue(value));
    const matches = [];
    for (const match of file.content.matchAll(AWS_ACCESS_KEY_ID_PATTERN)) {
        const id = match[1] ?? '';
        if (DOCUMENTED_EXAMPLES.has(id) || id.endsWith('EXAMPLE') || isPlaceholderValue(id.slice(4)))
            continue;
        const line = index.lineAt(match.index);
        // Pair with the nearest secret access key in the same file (credentials files list them together).
        const paired = secrets.reduce((best, candidate) => !best || Math.abs(candidate.line - line) < Math.abs(best.line - line) ? candidate : best, undefined);
        matches.push({
            line,
            column: index.columnAt(match.index),
            secret: paired ? `${id}:${paired.value}` : id,
            // The pair is the identity; each half is what a log could show.
            maskValues: paired ? [id, paired.value] : [id],
            message: paired
                ? `AWS ${id.startsWith('ASIA') ? 'temporary ' : ''}access key id with its secret access key (line ${paired.line}) in the same file`
                : `AWS ${id.startsWith('ASIA') ? 'temporary ' : ''}access key id`,
        });
    }
    return matches;
}
const awsAccessKey = defineSecretRule({
    id: 'DDG105',
    name: 'aws-access-key',
    severity: 'critical',
    fix: 'Deactivate the key in IAM, rotate it, and let the workload get credentials from its role (or the environment) instead of the code.',
    keywords: ['akia', 'asia'],
    detect: detectAwsAccessKeys,
    docs: {
        summary: 'An AWS access key id (and possibly its secret) is committed.',
        whatItDoes: 'Finds AWS access key ids (`AKIA…` long-term and `ASIA…` temporary, 20 characters) ' +
            'anywhere in a file. When the same file also holds a 40-character ' +
            '`aws_secret_access_key` / `AWS_SECRET_ACCESS_KEY` (assigned, or the literal default of an ' +
            'env read of that name), the finding says so and covers both ' +
            '(the pair is what grants access). The documented example `AKIAIOSFODNN7EXAMPLE` is ignored.',
        whyBad: 'With the key id and secret, anyone can call AWS as that IAM user: read S3 buckets (often ' +
            'the media and backups of a Django site), run up compute bills or delete resources. ' +
            'Automated scanners harvest keys from public repositories within minutes.',
        badExample: {
            file: 'config/settings/production.py',
            content: [
                'AWS_ACCESS_KEY_ID = "{{secret:aws-access-key-id}}"',
                'AWS_SECRET_ACCESS_KEY = "{{secret:aws-secret-access-key}}"',
                'AWS_STORAGE_BUCKET_NAME = "media"',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: 'config/settings/production.py',
            content: [
                'import environ',
                '',
                'env = environ.Env()',
                '',
                '# Credentials come from the instance role; only the bucket is configured here.',
                'AWS_STORAGE_BUCKET_NAME = env("DJANGO_AWS_STORAGE_BUCKET_NAME")',
                '',
            ].join('\n'),
        },
        useInstead: 'Use IAM roles (instance profiles, ECS task roles, IRSA, GitHub OIDC) so no long-term key ' +
            'exists; otherwise pass `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` through the environment ' +
            'from a secret store. Deactivate and delete any key that was committed.',
        references: [
            'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
            'https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html',
            'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
            'https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/url-credentials.ts
/**
 * `scheme://user:password@host` in any text, split the way Python's `urllib.parse.urlsplit` (and
 * so dj-database-url, django-environ and dj-email-url) splits it: the authority runs from `//` to
 * the first `/`, `?` or `#`; the userinfo is everything before the LAST `@` of the authority; the
 * user is the userinfo up to its first `:`, the password everything after it. So a raw `@` or
 * `:` belongs to the password (`app:Kx7f@Wd9p@db` is user `app`, password `Kx7f@Wd9p`, host
 * `db`), and a raw `#` ends the URL's authority before any `@`: Python then sees no password at
 * all. test/secrets/url-credentials.test.ts checks this against Debian's python3.
 * https://docs.python.org/3/library/urllib.parse.html#urllib.parse.urlsplit
 */
const isSchemeChar = (code) => (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 43 ||
    code === 45 ||
    code === 46;
const isLetter = (code) => (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
const isWordChar = (code) => isSchemeChar(code) || code === 95;
/**
 * Characters that end a URL's authority: `/`, `?`, `#` (RFC 3986 and urlsplit) and, for a URL
 * embedded in text, whitespace, quotes, angle brackets (`"…"`, `<…>`) and a backslash (an escaped
 * quote in JSON or Python). A password may hold any other character, `)`, `,` and `;` included.
 */
const AUTHORITY_END = new Set([...'/?#\'"`<>\\'].map((char) => char.charCodeAt(0)));
const isAuthorityEnd = (code) => code <= 32 || AUTHORITY_END.has(code) || (code > 127 && /\s/.test(String.fromCharCode(code)));
/** The longest authority looked at; longer runs are not URLs a project writes. */
const MAX_AUTHORITY = 512;
/**
 * Every URL with an inline password. Finds each `://` first and takes the scheme before it: the
 * longest run of scheme characters (at most 21) that starts with a letter after a non-word
 * character, as `\b[a-z][a-z0-9+.-]{1,20}://` would.
 */
function findUrlCredentials(text) {
    const found = [];
    let from = 0;
    let nextAt = -2;
    for (let sep = text.indexOf('://', from); sep !== -1; sep = text.indexOf('://', from)) {
        from = sep + 3;
        let start = sep;
        while (start > 0 && sep - start < 21 && isSchemeChar(text.charCodeAt(start - 1)))
            start--;
        while (start <= sep - 2 &&
            (!isLetter(text.charCodeAt(start)) || (start > 0 && isWordChar(text.charCodeAt(start - 1)))))
            start++;
        if (start > sep - 2)
            continue;
        const authorityStart = sep + 3;
        let end = authorityStart;
        const limit = Math.min(text.length, authorityStart + MAX_AUTHORITY);
        // Userinfo needs an `@`: most URLs have none near, and a text with none left has no more.
        // The next `@` is remembered, so the text is searched for it once, not once per URL.
        if (nextAt < authorityStart)
            nextAt = text.indexOf('@', authorityStart);
        if (nextAt === -1)
            break;
        if (nextAt >= limit)
            continue;
        while (end < limit && !isAuthorityEnd(text.charCodeAt(end)))
            end++;
        const authority = text.slice(authorityStart, end);
        const at = authority.lastIndexOf('@');
        if (at === -1)
            continue;
        const userinfo = authority.slice(0, at);
        const colon = userinfo.indexOf(':');
        if (colon === -1)
            continue;
        const password = userinfo.slice(colon + 1);
        if (password === '')
            continue;
        const hostPort = authority.slice(at + 1);
        const host = hostPort.startsWith('[')
            ? hostPort.slice(1, Math.max(1, hostPort.indexOf(']')))
            : (hostPort.split(':')[0] ?? '');
        // urlsplit lower-cases the host but keeps an IPv6 zone id (`%eth0`) as written.
        const zone = host.indexOf('%');
        const pathMatch = text[end] === '/' ? /^\/([^?#\s'"`<>\\]*)/.exec(text.slice(end, end + 256)) : null;
        found.push({
            scheme: text.slice(start, sep).toLowerCase(),
            user: userinfo.slice(0, colon),
            password,
            host: zone === -1 ? host.toLowerCase() : host.slice(0, zone).toLowerCase() + host.slice(zone),
            path: pathMatch?.[1] ?? '',
            index: start,
            passwordIndex: authorityStart + colon + 1,
            end,
        });
        from = Math.max(from, end);
    }
    return found;
}
/**
 * `urllib.parse.unquote`: each run of `%XX` escapes is decoded as UTF-8 with invalid bytes
 * replaced by U+FFFD (Python's `errors='replace'`); malformed escapes stay as they are (JavaScript's
 * `decodeURIComponent` would reject the whole string instead).
 */
function unquoteUrlPart(value) {
    if (!value.includes('%'))
        return value;
    const decoder = new TextDecoder('utf-8');
    return value.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => decoder.decode(Uint8Array.from(run.slice(1).split('%'), (hex) => Number.parseInt(hex, 16))));
}
/** The values a URL password must be masked as: decoded, and as written when that differs. */
function passwordMaskValues(credentials) {
    const decoded = unquoteUrlPart(credentials.password);
    return decoded === credentials.password ? [decoded] : [decoded, credentials.password];
}

;// CONCATENATED MODULE: ./src/secrets/default-credentials.ts


/**
 * The one judgement of a credential written in a URL (or as a user/password/database triple),
 * used by every rule that sees URLs: database and broker URLs (DDG104), email URLs (DDG109),
 * committed .env files (DDG102), compose files (DDG310) and credential settings (DDG226). A
 * well-known default is a default credential (`low` at a local host, said so), a template or
 * stand-in is nothing, anything else is a secret.
 */
/**
 * Out-of-the-box passwords of the official and Bitnami images (postgres, mysql, mariadb, redis,
 * rabbitmq `guest`, mongo, minio, elasticsearch…) and the words local setups use for them.
 */
const DEFAULT_PASSWORDS = new Set([
    'postgres',
    'postgresql',
    'postgis',
    'mysql',
    'mariadb',
    'root',
    'admin',
    'guest',
    'redis',
    'rabbitmq',
    'mongo',
    'mongodb',
    'minio',
    'minioadmin',
    'elastic',
    'bitnami',
    'docker',
    'django',
    'celery',
    'dev',
    'test',
    'local',
]);
/** A password of lower-case words and digits only (`hellokitty`, `shop_pass1`), as people type. */
const SIMPLE_PASSWORD = /^[a-z]+(?:[_-]?[a-z]+)*\d{0,4}$/;
/**
 * Why a credential is a well-known default, or undefined: an image's default password, the
 * password equal to the user name, or equal to the database name (`saleor:saleor@…/saleor`).
 */
function defaultCredentialReason(parts) {
    const password = parts.password.trim().toLowerCase();
    if (password === '')
        return undefined;
    if (DEFAULT_PASSWORDS.has(password))
        return 'a well-known default password';
    if (parts.user !== undefined && password === parts.user.trim().toLowerCase())
        return 'the password is the user name';
    const database = parts.database?.trim().toLowerCase();
    if (database !== undefined && database !== '' && password === database)
        return 'the password is the database name';
    if (parts.engine !== undefined && /sqlite/i.test(parts.engine))
        return 'SQLite ignores the password';
    // A word-like password for a database on the developer's own machine or compose network is a
    // local setup, not a leaked credential; a generated-looking one stays a secret.
    const host = parts.host?.trim().toLowerCase();
    if (host !== undefined &&
        (host === '' || isLocalHost(host)) &&
        SIMPLE_PASSWORD.test(parts.password) &&
        !isPlaceholderValue(parts.password))
        return 'a simple password for a local database';
    return undefined;
}
/**
 * Local development hosts: loopback, `0.0.0.0`, Docker's host alias, and single-label compose
 * service names (`db`, `postgres`, `redis`) that only resolve inside a compose network.
 */
function isLocalHost(host) {
    return (host === 'localhost' ||
        host.endsWith('.localhost') ||
        host.startsWith('127.') ||
        host === '::1' ||
        host === '[::1]' ||
        host === '0.0.0.0' ||
        host === 'host.docker.internal' ||
        /^[a-z][a-z0-9_-]*$/.test(host));
}
/**
 * Judges the password of a URL: a template or stand-in, a default credential (`low` at a local
 * host, `medium` at any other host: guessable, but not a leaked secret), or a secret.
 */
function judgeUrlCredentials(credentials) {
    const password = unquoteUrlPart(credentials.password);
    if (isTemplateReference(password) || isTemplateReference(credentials.password))
        return { kind: 'placeholder' };
    const local = isLocalHost(credentials.host);
    const database = credentials.path.split('/')[0];
    const reason = defaultCredentialReason({
        user: unquoteUrlPart(credentials.user),
        password,
        host: credentials.host,
        ...(database !== undefined ? { database: unquoteUrlPart(database) } : {}),
    });
    if (reason !== undefined)
        return { kind: 'default', reason, local, severity: local ? 'low' : 'medium' };
    if (isPlaceholderValue(password))
        return { kind: 'placeholder' };
    return { kind: 'secret', local };
}
/** The message part for a default credential: `a default credential (the password is …)`. */
function describeDefaultCredential(verdict) {
    return `a default credential (${verdict.reason})${verdict.local ? '' : ', for a non-local host'}`;
}

;// CONCATENATED MODULE: ./src/secrets/url-matches.ts



/**
 * Matches for every URL with an inline password whose scheme is in `schemes`, judged by the one
 * default-credential judgement: stand-ins are skipped, defaults carry their own severity and say
 * so. The secret is the whole percent-decoded password; the message names the scheme and the host
 * (everything after the password's last `@`), never a part of the password.
 */
function detectUrlPasswords(file, schemes) {
    const index = createLineIndex(file.content);
    const matches = [];
    for (const credentials of findUrlCredentials(file.content)) {
        if (!schemes.has(credentials.scheme))
            continue;
        const verdict = judgeUrlCredentials(credentials);
        if (verdict.kind === 'placeholder')
            continue;
        const match = {
            line: index.lineAt(credentials.passwordIndex),
            column: index.columnAt(credentials.index),
            secret: unquoteUrlPart(credentials.password),
            maskValues: passwordMaskValues(credentials),
            message: `${credentials.scheme} URL with an inline password${verdict.kind === 'default' ? ` (${describeDefaultCredential(verdict)})` : ''}${credentials.host === '' ? ' and no host' : ` for host ${credentials.host}`}`,
        };
        if (verdict.kind === 'default')
            match.severity = verdict.severity;
        matches.push(match);
    }
    return matches;
}

;// CONCATENATED MODULE: ./src/secrets/rules/database-url-with-password.ts


const DATABASE_SCHEMES = new Set([
    'postgres',
    'postgresql',
    'postgis',
    'pgsql',
    'mysql',
    'mysql2',
    'mysqlgis',
    'mariadb',
    'oracle',
    'mssql',
    'redis',
    'rediss',
    'redis+sentinel',
    'amqp',
    'amqps',
    'pyamqp',
    'librabbitmq',
    'mongodb',
    'mongodb+srv',
]);
function detectDatabaseUrls(file) {
    return detectUrlPasswords(file, DATABASE_SCHEMES);
}
const databaseUrlWithPassword = defineSecretRule({
    id: 'DDG104',
    name: 'database-url-with-password',
    severity: 'high',
    fix: 'Take the URL (or at least its password) from the environment and rotate the committed password.',
    keywords: [
        'postgres',
        'postgis',
        'pgsql',
        'mysql',
        'mariadb',
        'oracle',
        'mssql',
        'redis',
        'amqp',
        'rabbitmq',
        'mongodb',
    ],
    // CI databases are throwaway services started for the test run.
    lowIn: ['ci'],
    detect: detectDatabaseUrls,
    docs: {
        summary: 'A database or broker URL carries an inline password.',
        whatItDoes: 'Finds `scheme://user:password@host` URLs for postgres, postgresql, postgis, pgsql, mysql, ' +
            'mysql2, mysqlgis, mariadb, oracle, mssql, redis, rediss, redis+sentinel, amqp, amqps, ' +
            'pyamqp, librabbitmq, mongodb and mongodb+srv in any committed file (settings, ' +
            "`DATABASE_URL` defaults, .env, compose files, docs). The URL is split as Python's " +
            '`urllib.parse.urlsplit` (and so dj-database-url and django-environ) splits it: the ' +
            'password runs to the last `@` before the host, so a raw `@` or `:` in it is part of it. ' +
            'Templates and stand-ins in the password position (`${VAR}`, `${VAR:-default}`, `$VAR`, ' +
            '`$(VAR)`, `{password}`, `%(password)s`, `<password>`, `password`, `changeme`) are ignored. ' +
            "A default credential (an image's well-known password such as `postgres`, `guest`, " +
            '`bitnami`, or the password equal to the user or the database name) is `low` at a local host ' +
            '(localhost, 127.0.0.1, a compose service name such as `db`) and `medium` elsewhere, and the ' +
            'message says it is a default; any other password is `high`. On a commented-out line, in ' +
            'tests, fixtures or CI configuration a hit is at most `low`. The whole password is hashed ' +
            'for the fingerprint and masked; no part of it is shown.',
        whyBad: 'The URL hands out direct access to the data store, bypassing Django entirely. Passwords ' +
            'committed to git are readable by every clone and remain in history; defaults copied from a ' +
            'local setup tend to reach staging and production unchanged.',
        badExample: {
            file: 'config/settings/production.py',
            content: [
                'import environ',
                '',
                'env = environ.Env()',
                '',
                'DATABASES = {',
                '    "default": env.db(',
                '        "DATABASE_URL",',
                '        default="postgres://app:{{secret:db-password}}@db.internal.example.com:5432/app",',
                '    )',
                '}',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: 'config/settings/production.py',
            content: [
                'import environ',
                '',
                'env = environ.Env()',
                '',
                'DATABASES = {"default": env.db("DATABASE_URL")}',
                '',
            ].join('\n'),
        },
        useInstead: 'Read the whole URL from the environment (`env.db("DATABASE_URL")`, ' +
            '`dj_database_url.config()`), or compose it from `POSTGRES_PASSWORD` given by the platform. ' +
            'For local development use a `.env` file that is not committed, or `${POSTGRES_PASSWORD}` ' +
            'interpolation in compose files.',
        references: [
            'https://docs.djangoproject.com/en/stable/ref/settings/#databases',
            'https://django-environ.readthedocs.io/en/latest/types.html#environ-env-db-url',
            'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS',
            'https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/python-tokens.ts
/**
 * A small, linear-time Python tokenizer: just enough to find string literals and the names and
 * operators around them without being fooled by `#`, quotes or brackets inside strings (a Django
 * key may hold `#`, `(` and `)`). It never throws: unterminated strings end at the line (or file)
 * end, unknown characters become one-character operators.
 * Grammar reference: https://docs.python.org/3/reference/lexical_analysis.html
 */
const STRING_PREFIXES = new Set(['r', 'u', 'b', 'f', 'br', 'rb', 'fr', 'rf', 't', 'tr', 'rt']);
const TWO_CHAR_OPS = new Set([
    '==',
    '!=',
    '<=',
    '>=',
    ':=',
    '->',
    '+=',
    '-=',
    '*=',
    '/=',
    '%=',
    '&=',
    '|=',
    '^=',
    '@=',
    '**',
    '//',
    '<<',
    '>>',
]);
function isNameStart(code) {
    return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 127;
}
function isNamePart(code) {
    return isNameStart(code) || (code >= 48 && code <= 57);
}
const SIMPLE_ESCAPES = {
    n: '\n',
    t: '\t',
    r: '\r',
    '\\': '\\',
    "'": "'",
    '"': '"',
    '\n': '',
};
function decodeEscapes(body) {
    return body.replace(/\\(\r\n|[\s\S])/g, (whole, char) => char === '\r\n' || char === '\r' ? '' : (SIMPLE_ESCAPES[char] ?? whole));
}
function tokenizePython(content) {
    const tokens = [];
    const length = content.length;
    let i = 0;
    let line = 1;
    let depth = 0;
    const pushNewline = (offset) => {
        const last = tokens[tokens.length - 1];
        if (depth === 0 && last && last.kind !== 'newline') {
            tokens.push({ kind: 'newline', text: '\n', line, offset, depth });
        }
    };
    /** Reads a string starting at the quote at `start`; returns the end offset. */
    const readString = (prefix, tokenStart, start) => {
        const quote = content[start] ?? '"';
        const triple = content[start + 1] === quote && content[start + 2] === quote;
        const startLine = line;
        const bodyStart = start + (triple ? 3 : 1);
        let j = bodyStart;
        let bodyEnd = -1;
        while (j < length) {
            const char = content[j];
            if (char === '\\') {
                const next = content[j + 1];
                if (next === '\n')
                    line++;
                else if (next === '\r') {
                    line++;
                    if (content[j + 2] === '\n')
                        j++;
                }
                j += 2;
                continue;
            }
            if (char === '\n' || char === '\r') {
                if (!triple)
                    break; // unterminated single-quoted string: stop at the line end
                if (char === '\r' && content[j + 1] === '\n')
                    j++;
                line++;
                j++;
                continue;
            }
            if (char === quote) {
                if (!triple) {
                    bodyEnd = j;
                    j++;
                    break;
                }
                if (content[j + 1] === quote && content[j + 2] === quote) {
                    bodyEnd = j;
                    j += 3;
                    break;
                }
            }
            j++;
        }
        const end = Math.min(j, length);
        const rawBody = content.slice(bodyStart, bodyEnd === -1 ? end : bodyEnd);
        const lowerPrefix = prefix.toLowerCase();
        const isRaw = lowerPrefix.includes('r');
        const isFormatted = lowerPrefix.includes('f') || lowerPrefix.includes('t');
        const token = {
            kind: 'string',
            text: isRaw ? rawBody : decodeEscapes(rawBody),
            line: startLine,
            offset: tokenStart,
            depth,
        };
        if (isFormatted && /\{(?!\{)/.test(rawBody.replace(/\{\{/g, '')))
            token.isExpression = true;
        tokens.push(token);
        return end;
    };
    while (i < length) {
        const code = content.charCodeAt(i);
        if (code === 10 || code === 13) {
            pushNewline(i);
            if (code === 13 && content.charCodeAt(i + 1) === 10)
                i++;
            line++;
            i++;
            continue;
        }
        if (code === 32 || code === 9 || code === 12) {
            i++;
            continue;
        }
        if (code === 35) {
            // Comment: skip to the line end (the newline itself is handled above).
            while (i < length && content.charCodeAt(i) !== 10 && content.charCodeAt(i) !== 13)
                i++;
            continue;
        }
        if (code === 92) {
            // Explicit line continuation.
            const next = content.charCodeAt(i + 1);
            if (next === 13 && content.charCodeAt(i + 2) === 10)
                i += 3;
            else
                i += next === 10 || next === 13 ? 2 : 1;
            if (next === 10 || next === 13)
                line++;
            continue;
        }
        if (code === 34 || code === 39) {
            i = readString('', i, i);
            continue;
        }
        if (isNameStart(code)) {
            let j = i + 1;
            while (j < length && isNamePart(content.charCodeAt(j)))
                j++;
            const name = content.slice(i, j);
            const after = content.charCodeAt(j);
            if ((after === 34 || after === 39) && STRING_PREFIXES.has(name.toLowerCase())) {
                i = readString(name, i, j);
                continue;
            }
            tokens.push({ kind: 'name', text: name, line, offset: i, depth });
            i = j;
            continue;
        }
        if (code >= 48 && code <= 57) {
            let j = i + 1;
            while (j < length && (isNamePart(content.charCodeAt(j)) || content.charCodeAt(j) === 46))
                j++;
            tokens.push({ kind: 'number', text: content.slice(i, j), line, offset: i, depth });
            i = j;
            continue;
        }
        const char = content[i] ?? '';
        if (char === '(' || char === '[' || char === '{') {
            tokens.push({ kind: 'op', text: char, line, offset: i, depth });
            depth++;
            i++;
            continue;
        }
        if (char === ')' || char === ']' || char === '}') {
            depth = Math.max(0, depth - 1);
            tokens.push({ kind: 'op', text: char, line, offset: i, depth });
            i++;
            continue;
        }
        const pair = content.slice(i, i + 2);
        if (TWO_CHAR_OPS.has(pair)) {
            tokens.push({ kind: 'op', text: pair, line, offset: i, depth });
            i += 2;
            continue;
        }
        tokens.push({ kind: 'op', text: char, line, offset: i, depth });
        i++;
    }
    pushNewline(length);
    return tokens;
}

;// CONCATENATED MODULE: ./src/dotenv/python-text.ts
/** Python's string primitives as the Python dialects (python-dotenv, django-environ, python-decouple) see text. */
// Characters as each implementation classifies them.
/** Python's `str.isspace()`, which is also `\s` in a `str` regular expression. */
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** Python's `\s` without `\r` and `\n` (python-dotenv's `[^\S\r\n]`). */
const PY_BLANK = '\\t\\v\\f\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_SPACE_CHAR = new RegExp(`[${PY_SPACE}]`);
const isPySpace = (ch) => ch !== undefined && PY_SPACE_CHAR.test(ch);
// The strips and searches below are loops, not regular expressions: a backtracking `\s+$` or
// `\s+#` takes quadratic time on a long run of spaces, and the files come from the repository
// under scan.
/** Python's `str.strip()` / `str.rstrip()`. */
function pyStrip(text) {
    let start = 0;
    while (isPySpace(text[start]))
        start += 1;
    return pyRstrip(text.slice(start));
}
function pyRstrip(text) {
    let end = text.length;
    while (end > 0 && isPySpace(text[end - 1]))
        end -= 1;
    return text.slice(0, end);
}
/** `open(path)` in text mode: universal newlines turn `\r\n` and `\r` into `\n`. */
function pythonTextMode(text) {
    return text.replace(/\r\n?/g, '\n');
}
/** Python's `str.splitlines()` boundaries. */
// eslint-disable-next-line no-control-regex -- \x1c-\x1e are line boundaries to Python.
const PY_LINE_BREAK = /\r\n|[\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029]/;
/** 1-based line of an offset, counting python-dotenv's line breaks (`\r\n`, `\n`, `\r`). */
function lineCounter(text) {
    const starts = [0];
    for (const match of text.matchAll(/\r\n|\n|\r/g))
        starts.push(match.index + match[0].length);
    return (offset) => {
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (starts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return lo + 1;
    };
}

;// CONCATENATED MODULE: ./src/dotenv/django-environ.ts

// django-environ 0.12 (environ/environ.py, Env.read_env).
const ENVIRON_LINE = /^(?:export )?([A-Za-z_0-9]+)=([\s\S]*)$/;
const ENVIRON_SINGLE_QUOTED = /^'([\s\S]*)'$/;
const ENVIRON_DOUBLE_QUOTED = /^"([\s\S]*)"$/;
/**
 * `\A\s*'(.*)'\s*(#.*\s*)?\Z`: the text between the first quote and the LAST quote that only
 * blanks and a comment follow; undefined when there is none. A loop, for the reason above.
 */
function environCommentedSingle(value) {
    let open = 0;
    while (isPySpace(value[open]))
        open += 1;
    if (value[open] !== "'")
        return undefined;
    // tailOk: from i + 1 on, blanks then the end or a `#`.
    let tailOk = true;
    for (let i = value.length - 1; i > open; i--) {
        if (value[i] === "'" && tailOk)
            return value.slice(open + 1, i);
        tailOk = value[i] === '#' || (isPySpace(value[i]) && tailOk);
    }
    return undefined;
}
const ENVIRON_COMMENT = /^([\s\S]*?)(#[\s\S]*)?$/;
function parseDjangoEnviron(text, parseComments) {
    const entries = [];
    const invalidLines = [];
    // `content.splitlines()`; a final line break does not start another line.
    const lines = pythonTextMode(text).split(PY_LINE_BREAK);
    if (lines.at(-1) === '')
        lines.pop();
    lines.forEach((line, index) => {
        const match = ENVIRON_LINE.exec(line);
        if (!match) {
            if (line !== '' && !line.startsWith('#'))
                invalidLines.push(index + 1);
            return;
        }
        let value = match[2];
        if (!parseComments) {
            const single = ENVIRON_SINGLE_QUOTED.exec(value);
            if (single)
                value = single[1];
        }
        else {
            const single = environCommentedSingle(value);
            if (single !== undefined)
                value = single;
            else
                value = ENVIRON_COMMENT.exec(value)?.[1] ?? value;
        }
        const double = ENVIRON_DOUBLE_QUOTED.exec(value);
        // Escapes are undone, except \n, \r and \t, which stay escaped.
        if (double)
            value = double[1].replace(/\\([\s\S])/g, (_m, ch) => 'rnt'.includes(ch) ? `\\${ch}` : ch);
        entries.push({ key: match[1], value, line: index + 1 });
    });
    return { entries, invalidLines };
}

;// CONCATENATED MODULE: ./src/dotenv/docker-compose.ts

// docker compose 2.40: compose-go 2.9 dotenv/parser.go and template/template.go.
/** Go's `unicode.IsSpace`. */
const GO_SPACE = /^[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u;
/** compose-go's `isSpace`: a space that is not a line break. */
const isComposeBlank = (ch) => /^[\t\v\f\r \x85\xa0]$/.test(ch);
const isGoSpace = (ch) => GO_SPACE.test(ch);
class ComposeError extends Error {
}
/** Go's `strings.TrimLeftFunc` / `TrimRightFunc` over code points. */
function trimLeft(text, test) {
    let i = 0;
    for (const ch of text) {
        if (!test(ch))
            break;
        i += ch.length;
    }
    return text.slice(i);
}
function trimRight(text, test) {
    const chars = [...text];
    while (chars.length > 0 && test(chars.at(-1)))
        chars.pop();
    return chars.join('');
}
const COMPOSE_ESCAPE = /\\(?:[abcfnrtv$"\\]|0\d{0,3})/g;
const GO_SIMPLE_ESCAPES = {
    a: '\x07',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
    '\\': '\\',
    '"': '"',
};
/** compose-go's `expandEscapes`: the escapes Go's `strconv.UnquoteChar` reads, `\$` as `$$`. */
function expandComposeEscapes(text) {
    return text.replace(COMPOSE_ESCAPE, (match) => {
        if (match === '\\$')
            return '$$';
        const escape = match.startsWith('\\0') ? `\\${match.slice(2)}` : match;
        const simple = GO_SIMPLE_ESCAPES[escape.slice(1)];
        if (simple !== undefined && escape.length === 2)
            return simple;
        // Octal: exactly three digits, at most \377.
        if (/^\\[0-7]{3}$/.test(escape)) {
            const code = parseInt(escape.slice(1), 8);
            if (code <= 0xff)
                return String.fromCharCode(code);
        }
        return match;
    });
}
/** A name in a compose template (compose-go matches `[_a-z][_a-z0-9]*` case-insensitively). */
const docker_compose_isNameStart = (ch) => ch !== undefined && /[_a-zA-Z]/.test(ch);
const isNameChar = (ch) => ch !== undefined && /[_a-zA-Z0-9]/.test(ch);
/** Nested `${a:-${b:-…}}` deeper than this is an error here (compose-go would recurse on). */
const MAX_TEMPLATE_DEPTH = 100;
/**
 * compose-go's template substitution (template.go), as a scan rather than its regular expression
 * `\$(?i:(\$)|([_a-z][_a-z0-9]*)|{(?:([_a-z][_a-z0-9]*(?::?[-+?](.*))?)}|()))`, whose greedy
 * `(.*)}` would backtrack quadratically here (Go's engine does not backtrack):
 * - `$$` is `$`; `$name` and `${name}` are the variable (empty when unset);
 * - `${name<sep>word}` with a modifier runs to the LAST `}` of the line; the modifier applies up
 *   to the `}` that closes the first `{`, and the text after it is substituted on its own;
 * - any other `${` is an invalid template; `$` before anything else stays.
 */
function substitute(template, mapping, depth = 0) {
    if (depth > MAX_TEMPLATE_DEPTH)
        throw new ComposeError('template nested too deeply');
    let out = '';
    let position = 0;
    for (;;) {
        const at = template.indexOf('$', position);
        if (at === -1)
            return out + template.slice(position);
        out += template.slice(position, at);
        const next = template[at + 1];
        if (next === '$') {
            out += '$';
            position = at + 2;
            continue;
        }
        if (docker_compose_isNameStart(next)) {
            let end = at + 2;
            while (isNameChar(template[end]))
                end += 1;
            out += mapping(template.slice(at + 1, end)) ?? '';
            position = end;
            continue;
        }
        if (next !== '{') {
            out += '$';
            position = at + 1;
            continue;
        }
        const braced = matchBraced(template, at);
        if (!braced)
            throw new ComposeError(`Invalid template: "\${"`);
        if (braced.modifier === undefined) {
            out += mapping(braced.name) ?? '';
            position = braced.end;
            continue;
        }
        // The modifier covers the text up to the brace closing the first `{`; the rest of the match
        // is substituted as it comes, which is what compose-go's recursion on it amounts to.
        const whole = template.slice(at, braced.end);
        const close = firstBraceClosingIndex(whole);
        const cut = close > -1 ? close + 1 : whole.length;
        const substitution = whole.slice(2, cut - 1);
        out += applyModifier(substitution, braced.modifier, mapping, depth);
        position = at + cut;
    }
}
/** `${name}` or `${name<sep>…}` at `at`, as the regular expression would match it. */
function matchBraced(template, at) {
    let k = at + 2;
    if (!docker_compose_isNameStart(template[k]))
        return undefined;
    while (isNameChar(template[k]))
        k += 1;
    const name = template.slice(at + 2, k);
    const lineEnd = template.indexOf('\n', k) === -1 ? template.length : template.indexOf('\n', k);
    const lastBrace = template.lastIndexOf('}', lineEnd - 1);
    const colon = template[k] === ':' ? 1 : 0;
    const sign = template[k + colon];
    if (sign === '-' || sign === '+' || sign === '?') {
        // `[^\n]*}`: the last `}` before the end of the line, after the modifier.
        if (lastBrace >= k + colon + 1)
            return { name, modifier: colon ? `:${sign}` : sign, end: lastBrace + 1 };
    }
    if (template[k] === '}')
        return { name, modifier: undefined, end: k + 1 };
    return undefined;
}
/** Index of the `}` that closes the first `{` (compose-go's `getFirstBraceClosingIndex`). */
function firstBraceClosingIndex(text) {
    let open = 0;
    for (let i = 0; i < text.length; i++) {
        if (text[i] === '}') {
            open -= 1;
            if (open === 0)
                return i;
        }
        if (text[i] === '{') {
            open += 1;
            i += 1;
        }
    }
    return -1;
}
function partition(text, separator) {
    const at = text.indexOf(separator);
    return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}
/** `${name<separator>word}`. */
function applyModifier(substitution, separator, mapping, depth) {
    const [name, rawWord] = partition(substitution, separator);
    const word = substitute(rawWord, mapping, depth + 1);
    const value = mapping(name);
    switch (separator) {
        case ':?':
        case '?':
            if (value === undefined || (separator === ':?' && value === ''))
                throw new ComposeError(`required variable ${name} is missing a value${word ? `: ${word}` : ''}`);
            return value;
        case ':-':
        case '-':
            return value === undefined || (separator === ':-' && value === '') ? word : value;
        case ':+':
        case '+':
            return value !== undefined && (separator === '+' || value !== '') ? word : (value ?? '');
    }
}
function parseCompose(text, environment) {
    const source = text.replace(/^\uFEFF/, '');
    const lineAt = lineCounter(source);
    const out = new Map();
    const entries = [];
    // Variables: the project environment first, then what the file set so far.
    const mapping = (name) => environment(name) ?? out.get(name);
    let line = 1;
    let cut = source;
    const offsetOf = (rest) => source.length - rest.length;
    try {
        for (;;) {
            cut = statementStart(cut, (n) => (line += n));
            if (cut === '')
                break;
            const keyLine = lineAt(offsetOf(cut));
            const located = locateKeyName(cut, line);
            line = located.line;
            const { key } = located;
            if (key.includes(' '))
                throw new ComposeError(`line ${line}: key cannot contain a space`);
            if (located.inherited) {
                const value = environment(key);
                if (value !== undefined) {
                    out.set(key, value);
                    entries.push({ key, value, line: keyLine });
                }
                cut = located.rest;
                continue;
            }
            const extracted = extractVarValue(located.rest, line, mapping);
            line = extracted.line;
            out.set(key, extracted.value);
            entries.push({ key, value: extracted.value, line: keyLine });
            cut = extracted.rest;
        }
    }
    catch (error) {
        if (!(error instanceof ComposeError))
            throw error;
        return { entries: [], invalidLines: [line], error: error.message };
    }
    return { entries, invalidLines: [] };
}
/** Skips blanks and `#` comment lines (compose-go's `getStatementStart`), counting line breaks. */
function statementStart(text, countLines) {
    let rest = text;
    for (;;) {
        let i = 0;
        for (const ch of rest) {
            if (!isGoSpace(ch))
                break;
            if (ch === '\n')
                countLines(1);
            i += ch.length;
        }
        if (i >= rest.length)
            return '';
        rest = rest.slice(i);
        if (rest[0] !== '#')
            return rest;
        const newline = rest.indexOf('\n');
        if (newline === -1)
            return '';
        rest = rest.slice(newline);
    }
}
function locateKeyName(text, line) {
    let src = text;
    if (/^export[\t\n\f\r ]+/.test(src))
        src = trimLeft(src.slice('export'.length), isComposeBlank);
    let key = '';
    let offset = 0;
    let inherited = false;
    let index = 0;
    for (const ch of src) {
        const at = index;
        index += ch.length;
        if (isComposeBlank(ch))
            continue;
        if (ch === '=' || ch === ':' || ch === '\n') {
            key = src.slice(0, at);
            offset = at + 1;
            inherited = ch === '\n';
            break;
        }
        if ('_.-[]'.includes(ch) || /^[\p{L}\p{N}]$/u.test(ch))
            continue;
        throw new ComposeError(`line ${line}: unexpected character "${ch}" in variable name "${src.split('\n')[0]}"`);
    }
    if (src === '')
        throw new ComposeError('zero length string');
    let next = line;
    if (inherited && !key.includes(' '))
        next += 1;
    key = trimRight(key, isGoSpace);
    return { key, rest: trimLeft(src.slice(offset), isComposeBlank), inherited, line: next };
}
function extractVarValue(text, line, mapping) {
    const quote = text[0];
    if (quote !== '"' && quote !== "'") {
        const newline = text.indexOf('\n');
        let value = newline === -1 ? text : text.slice(0, newline);
        const rest = newline === -1 ? '' : text.slice(newline + 1);
        const comment = value.indexOf(' #');
        if (comment !== -1)
            value = value.slice(0, comment);
        value = trimRight(value, isGoSpace);
        return { value: substitute(value, mapping), rest, line: line + 1 };
    }
    let current = line;
    let previousIsEscape = false;
    let chars = '';
    for (let i = 1; i < text.length; i++) {
        const char = text[i];
        if (char === '\n')
            current += 1;
        if (char !== quote) {
            if (!previousIsEscape && char === '\\') {
                previousIsEscape = true;
                continue;
            }
            if (previousIsEscape) {
                previousIsEscape = false;
                chars += '\\';
            }
            chars += char;
            continue;
        }
        if (previousIsEscape) {
            previousIsEscape = false;
            chars += char;
            continue;
        }
        const value = quote === '"' ? substitute(expandComposeEscapes(chars), mapping) : chars;
        return { value, rest: text.slice(i + 1), line: current };
    }
    const end = text.indexOf('\n');
    throw new ComposeError(`line ${current}: unterminated quoted value ${end === -1 ? text : text.slice(0, end)}`);
}

;// CONCATENATED MODULE: ./src/core/python-escapes.ts
/** Python's single-character string escapes (`\n`, `\t`, `\'`, …) and what they stand for. */
const PYTHON_SIMPLE_ESCAPES = {
    '\\': '\\',
    "'": "'",
    '"': '"',
    a: '\x07',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
};

;// CONCATENATED MODULE: ./src/dotenv/python-dotenv.ts


// python-dotenv 1.2 (dotenv/parser.py, dotenv/variables.py, dotenv/main.py).
const sticky = (source) => new RegExp(source, 'y');
const PD = {
    multilineWhitespace: sticky(`[${PY_SPACE}]*`),
    whitespace: sticky(`[${PY_BLANK}]*`),
    export: sticky(`(?:export[${PY_BLANK}]+)?`),
    singleQuotedKey: sticky(`'([^']+)'`),
    unquotedKey: sticky(`([^=#${PY_SPACE}]+)`),
    equalSign: sticky(`(=[${PY_BLANK}]*)`),
    singleQuotedValue: sticky(`'((?:\\\\'|[^'])*)'`),
    doubleQuotedValue: sticky(`"((?:\\\\"|[^"])*)"`),
    unquotedValue: sticky(`([^\\r\\n]*)`),
    comment: sticky(`(?:[${PY_BLANK}]*#[^\\r\\n]*)?`),
    endOfLine: sticky(`[${PY_BLANK}]*(?:\\r\\n|\\n|\\r|$(?![\\s\\S]))`),
    restOfLine: sticky(`[^\\r\\n]*(?:\\r|\\n|\\r\\n)?`),
};
const DOUBLE_QUOTE_ESCAPES = /\\[\\'"abfnrtv]/g;
const SINGLE_QUOTE_ESCAPES = /\\[\\']/g;
/** `re.sub(r"\s+#.*", "", part)`: cut at the blanks before the first `#` that follows a blank. */
function cutUnquotedComment(part) {
    for (let i = 1; i < part.length; i++) {
        if (part[i] !== '#' || !isPySpace(part[i - 1]))
            continue;
        let start = i - 1;
        while (start > 0 && isPySpace(part[start - 1]))
            start -= 1;
        return part.slice(0, start);
    }
    return part;
}
class ParseFailure extends Error {
}
/** python-dotenv's `Reader`: a position in the text and regular expressions read at it. */
class Reader {
    text;
    position = 0;
    constructor(text) {
        this.text = text;
    }
    hasNext() {
        return this.position < this.text.length;
    }
    peek(count) {
        return this.text.slice(this.position, this.position + count);
    }
    read(regex) {
        regex.lastIndex = this.position;
        const match = regex.exec(this.text);
        if (!match)
            throw new ParseFailure();
        this.position += match[0].length;
        return match.slice(1).map((group) => group ?? '');
    }
}
function parseKey(reader) {
    const char = reader.peek(1);
    if (char === '#')
        return undefined;
    return reader.read(char === "'" ? PD.singleQuotedKey : PD.unquotedKey)[0];
}
function parseValue(reader) {
    const char = reader.peek(1);
    if (char === "'") {
        const [value = ''] = reader.read(PD.singleQuotedValue);
        return value.replace(SINGLE_QUOTE_ESCAPES, (m) => PYTHON_SIMPLE_ESCAPES[m[1]]);
    }
    if (char === '"') {
        const [value = ''] = reader.read(PD.doubleQuotedValue);
        return value.replace(DOUBLE_QUOTE_ESCAPES, (m) => PYTHON_SIMPLE_ESCAPES[m[1]]);
    }
    if (char === '' || char === '\n' || char === '\r')
        return '';
    const [part = ''] = reader.read(PD.unquotedValue);
    return pyRstrip(cutUnquotedComment(part));
}
function parseBinding(reader, lineAt) {
    const start = reader.position;
    const startLine = lineAt(start);
    try {
        reader.read(PD.multilineWhitespace);
        if (!reader.hasNext())
            return { key: undefined, value: undefined, line: startLine, error: false, startLine };
        const line = lineAt(reader.position);
        reader.read(PD.export);
        const key = parseKey(reader);
        reader.read(PD.whitespace);
        let value;
        if (reader.peek(1) === '=') {
            reader.read(PD.equalSign);
            value = parseValue(reader);
        }
        reader.read(PD.comment);
        reader.read(PD.endOfLine);
        return { key, value, line, error: false, startLine };
    }
    catch (error) {
        if (!(error instanceof ParseFailure))
            throw error;
        reader.read(PD.restOfLine);
        return { key: undefined, value: undefined, line: startLine, error: true, startLine };
    }
}
function pythonDotenvBindings(text) {
    const reader = new Reader(text);
    const lineAt = lineCounter(text);
    const bindings = [];
    while (reader.hasNext())
        bindings.push(parseBinding(reader, lineAt));
    return bindings;
}
/**
 * python-dotenv's `\$\{(?P<name>[^\}:]*)(?::-(?P<default>[^\}]*))?\}` over a value: `${name}` and
 * `${name:-default}`, the only forms it expands, found without backtracking.
 */
function expandPosixVariables(value, resolve) {
    let out = '';
    let position = 0;
    for (;;) {
        const start = value.indexOf('${', position);
        if (start === -1)
            return out + value.slice(position);
        out += value.slice(position, start);
        let end = start + 2;
        while (end < value.length && value[end] !== '}' && value[end] !== ':')
            end += 1;
        const name = value.slice(start + 2, end);
        let close = -1;
        let fallback;
        if (value[end] === '}')
            close = end;
        else if (value[end] === ':' && value[end + 1] === '-') {
            close = value.indexOf('}', end + 2);
            if (close !== -1)
                fallback = value.slice(end + 2, close);
        }
        if (close === -1) {
            out += '$';
            position = start + 1;
            continue;
        }
        out += resolve(name, fallback);
        position = close + 1;
    }
}
function parsePythonDotenv(text, options) {
    const bindings = pythonDotenvBindings(pythonTextMode(text));
    const invalidLines = bindings.filter((b) => b.error).map((b) => b.startLine);
    const raw = bindings.filter((b) => b.key !== undefined);
    if (options.interpolate === false) {
        return { entries: raw.map(({ key, value, line }) => ({ key, value, line })), invalidLines };
    }
    const environment = options.environment ?? (() => undefined);
    const override = options.override ?? true;
    // The values resolved so far: None (undefined) counts as present, as in the library.
    const resolved = new Map();
    const lookup = (name) => {
        const outside = environment(name);
        if (override) {
            if (resolved.has(name))
                return { found: true, value: resolved.get(name) };
            return { found: outside !== undefined, value: outside };
        }
        if (outside !== undefined)
            return { found: true, value: outside };
        return { found: resolved.has(name), value: resolved.get(name) };
    };
    const entries = raw.map(({ key, value, line }) => {
        const result = value === undefined
            ? undefined
            : expandPosixVariables(value, (name, fallback) => {
                const { found, value: got } = lookup(name);
                return (found ? got : fallback) ?? '';
            });
        resolved.set(key, result);
        return { key, value: result, line };
    });
    return { entries, invalidLines };
}

;// CONCATENATED MODULE: ./src/dotenv/env-options.ts


// The inputs: python-dotenv's syntax, values as written, strict.
function parseInputs(text) {
    const normalised = pythonTextMode(text);
    const entries = [];
    const invalidLines = [];
    for (const binding of pythonDotenvBindings(normalised)) {
        if (binding.error)
            invalidLines.push(binding.startLine);
        else if (binding.key !== undefined && binding.value === undefined)
            invalidLines.push(binding.line);
        else if (binding.key !== undefined)
            entries.push({ key: binding.key, value: binding.value, line: binding.line });
    }
    return { entries, invalidLines };
}

;// CONCATENATED MODULE: ./src/dotenv/python-decouple.ts

// python-decouple 3.6 (decouple.py, RepositoryEnv).
function parseDecouple(text) {
    const entries = [];
    pythonTextMode(text)
        .split('\n')
        .forEach((raw, index) => {
        const line = pyStrip(raw);
        if (line === '' || line.startsWith('#') || !line.includes('='))
            return;
        const eq = line.indexOf('=');
        const key = pyStrip(line.slice(0, eq));
        let value = pyStrip(line.slice(eq + 1));
        if (value.length >= 2 &&
            ((value.startsWith("'") && value.endsWith("'")) ||
                (value.startsWith('"') && value.endsWith('"'))))
            value = value.slice(1, -1);
        entries.push({ key, value, line: index + 1 });
    });
    return { entries, invalidLines: [] };
}

;// CONCATENATED MODULE: ./src/dotenv/index.ts





/**
 * `.env` text, read the way each program that reads it does. The same file means different
 * things to different readers (`SECURE_SSL_REDIRECT=True # on` is `True` to python-dotenv and
 * docker compose, `True # on` to django-environ's `read_env`), so every caller names its
 * dialect instead of getting a general-purpose guess:
 *
 * - `python-dotenv`: python-dotenv 1.2 (`load_dotenv`, `dotenv_values`): quotes, escapes,
 *   multi-line quoted values, ` #` comments, `export`, `${VAR}` / `${VAR:-default}`.
 * - `django-environ`: django-environ 0.12 `Env.read_env`, line by line, with or without
 *   `parse_comments`.
 * - `python-decouple`: python-decouple 3.6 `RepositoryEnv` (`.env` next to the settings).
 * - `docker-compose`: docker compose 2.40 `env_file:` (compose-go 2.9 dotenv): compose
 *   interpolation (`$VAR`, `${VAR:-d}`, `${VAR:?err}`, `$$`), `KEY: value`, and a file it
 *   cannot read fails as a whole.
 * - `inputs`: the action's `env` / `env-file` inputs and the CLI's `--env` / `--env-from-file`:
 *   python-dotenv's syntax, no interpolation (a value is what the user wrote), and a line
 *   python-dotenv would skip (or a key without `=`) is an error naming the line.
 *
 * Each dialect is a port of the library's own parser, checked against the real library
 * (Debian's python3-dotenv, python3-django-environ, python3-decouple, docker-compose) by a
 * differential test over generated files (test/dotenv/dotenv-oracle.test.ts).
 */
function parseDotenv(text, dialect, options = {}) {
    switch (dialect) {
        case 'python-dotenv':
            return parsePythonDotenv(text, options);
        case 'django-environ':
            return parseDjangoEnviron(text, options.parseComments ?? false);
        case 'python-decouple':
            return parseDecouple(text);
        case 'docker-compose':
            return parseCompose(text, options.environment ?? (() => undefined));
        case 'inputs':
            return parseInputs(text);
    }
}
/** The value each key ends with (the last assignment wins); keys without a value left out. */
function dotenvValues(parse) {
    const values = new Map();
    for (const { key, value } of parse.entries) {
        if (value === undefined)
            values.delete(key);
        else
            values.set(key, value);
    }
    return values;
}
/**
 * The `inputs` dialect as the action inputs and CLI flags use it: the pairs, and the lines that
 * are not `KEY=VALUE` so the caller can reject them with a clear message.
 */
function parseEnvAssignments(text) {
    const parsed = parseDotenv(text, 'inputs');
    return {
        values: Object.fromEntries(dotenvValues(parsed)),
        invalidLines: parsed.invalidLines,
    };
}

;// CONCATENATED MODULE: ./src/secrets/dotenv-files.ts


/**
 * Which paths are dotenv files, which of those are templates, and their entries.
 * Paths: `.env`, `.env.*`, `.env-*`, `*.env`, `*.env.*`, anything under `.envs/`
 * (cookiecutter-django's layout).
 */
/** Extensions that make a `.env.*` name a source file rather than an env file. */
const NOT_ENV_EXTENSIONS = /\.(py|pyc|js|mjs|cjs|ts|tsx|jsx|json|md|rst|html|j2|jinja2?|sh|ps1|bat|vault|gpg|age|enc|lock|sample\.py)$/;
function isDotenvPath(path) {
    const base = baseNameOf(path);
    const underEnvs = /(^|\/)\.envs\//i.test(path);
    if (underEnvs)
        return true;
    if (NOT_ENV_EXTENSIONS.test(base))
        return false;
    return (base === '.env' ||
        base.startsWith('.env.') ||
        base.startsWith('.env-') ||
        base.startsWith('.env_') ||
        base.endsWith('.env') ||
        /^[^.][\w-]*\.env\.[\w-]+$/.test(base));
}
/**
 * `.env.example`, `.env-template`, `.env.sample`, `.env.dist`, `*.example`, `example.env`,
 * `app.env.tmpl`, …: files meant to hold placeholders, judged by their content.
 */
function isDotenvTemplatePath(path) {
    const base = baseNameOf(path);
    return /(^|[._-])(examples?|samples?|templates?|tpl|tmpl|dist|defaults?|skel)([._-]|$)/.test(base);
}
/**
 * The entries of a dotenv file as python-dotenv reads them (src/dotenv/): quotes, escapes,
 * multi-line quoted values read whole, ` #` comments, `export`; lines it cannot parse and keys
 * without a value are skipped. Values are not interpolated: `${VAR}` is a reference, not a secret.
 * python-dotenv (and docker compose) read `TOKEN= # none yet` as the value `# none yet`; a person
 * wrote a comment there, not a secret, so a value that is `#` then a blank is left out too
 * (`#a(b)c`, which a Django key may be, stays).
 */
function dotenvFileEntries(content) {
    return parseDotenv(content, 'python-dotenv', { interpolate: false }).entries.flatMap(({ key, value, line }) => value === undefined || /^#(\s|$)/.test(value) ? [] : [{ key, value, line }]);
}

;// CONCATENATED MODULE: ./src/secrets/path-context.ts

/**
 * What a repository path says about the secrets in it: test code and fixtures, CI configuration,
 * documentation, committed third-party code, Django settings. Pure functions of the
 * repository-relative path (`/` separators), so the tree scan, the history scan and the settings
 * rules classify a path the same way.
 */
/** Directories of installed third-party code: virtualenvs and package managers' trees. */
const VENDORED_DIR = /(^|\/)(site-packages|dist-packages|node_modules|bower_components|jspm_packages|\.?venv|\.?virtualenv|\.tox|\.nox|__pypackages__)\//i;
/** `env/lib/python3.11/…`, `myenv/Lib/site-packages/…`: a virtualenv under any name. */
const VENV_LIB = /(^|\/)lib\/python[23](\.\d+)?\//i;
/**
 * Committed third-party code: virtualenvs and vendored packages (`site-packages/`, `venv/`,
 * `.venv/`, `env/lib/python*`, `node_modules/`, …). Its test keys and examples are the library's,
 * not the project's: the tree scan skips these paths (with one note), and so should any other scan
 * that walks files (history: apply this predicate to each path before scanning its blob).
 */
function isVendoredPath(path) {
    return VENDORED_DIR.test(path) || VENV_LIB.test(path);
}
/** A path segment that is a template expression: `{{cookiecutter.project_slug}}`, `{{ name }}`. */
const TEMPLATE_SEGMENT = /(^|\/)[^/]*(\{\{[^/]*\}\}|\{%[^/]*%\})[^/]*\//;
/**
 * A file inside a project template (cookiecutter, copier, django-admin startproject templates):
 * a directory name is a template expression. Its placeholders are what the generator replaces
 * when it renders a project, not values anything runs with.
 */
function isProjectTemplatePath(path) {
    return TEMPLATE_SEGMENT.test(path);
}
/** CI configuration file names, wherever they sit (a backend in a subdirectory has its own). */
const CI_FILE = /^(circle\.ya?ml|\.travis\.ya?ml|\.gitlab-ci\.ya?ml|bitbucket-pipelines\.ya?ml|azure-pipelines\.ya?ml|appveyor\.ya?ml|\.appveyor\.ya?ml|\.drone\.ya?ml|\.woodpecker\.ya?ml|cloudbuild\.ya?ml|buildspec\.ya?ml|codefresh\.ya?ml|wercker\.ya?ml|jenkinsfile(\.[\w-]+)?|tox\.ini|pytest\.ini|noxfile\.py)$/;
const CI_DIR = /(^|\/)(\.github\/workflows|\.circleci|\.buildkite|\.woodpecker|\.gitlab\/ci)\//;
/**
 * CI configuration: `.github/workflows/*`, `.circleci/`, `circle.yml`, `.travis.yml`,
 * `.gitlab-ci.yml`, `bitbucket-pipelines.yml`, `Jenkinsfile`, `tox.ini`, … at any depth. The
 * credentials there usually only let the test suite start (a throwaway database, a dummy key).
 */
function isCiPath(path) {
    return CI_DIR.test(path) || CI_FILE.test(baseNameOf(path));
}
const TEST_DIRS = new Set([
    'tests',
    'test',
    'testing',
    'fixtures',
    'fixture',
    'testdata',
    'test_data',
    'test-data',
    '__tests__',
    '__mocks__',
    'spec',
    'specs',
    'e2e',
]);
/**
 * Test code and fixtures: files under `tests/`, `test/`, `fixtures/`, `__tests__/`…, `test_*.py`,
 * `*_test.py`, `tests.py`, `conftest.py`, test settings (`settings/test.py`, `test_settings.py`,
 * `testing.py`), `.env.test`, `*.test.js`, `*.spec.ts`.
 */
function isTestPath(path) {
    const segments = path.toLowerCase().split('/');
    const base = segments[segments.length - 1] ?? '';
    if (segments.slice(0, -1).some((dir) => TEST_DIRS.has(dir)))
        return true;
    if (base.endsWith('.py')) {
        return base.startsWith('test') || /_tests?\.py$/.test(base) || base === 'conftest.py';
    }
    return /(^|[._-])(tests?|testing|spec)([._-]|$)/.test(base);
}
/** Documentation: `docs/`, `doc/`, Markdown, reStructuredText, AsciiDoc, README/CHANGELOG files. */
function isDocsPath(path) {
    const lower = path.toLowerCase();
    if (/(^|\/)docs?\//.test(lower))
        return true;
    const base = baseNameOf(lower);
    return /\.(md|markdown|rst|adoc|asciidoc|txt|ipynb)$/.test(base) && !/^requirements/.test(base)
        ? true
        : /^(readme|changelog|changes|history|contributing)(\.|$)/.test(base);
}
/**
 * A Python file that holds Django (or pydantic/django-cfg) settings by its name: `settings.py`,
 * `settings/*.py`, `*_settings.py`, `settings_*.py`, `config.py`, `conf.py`, `config/settings/*`.
 * Lower-case names such as `secret_key` are credentials here; in application code they are
 * variables.
 */
function isSettingsShapedPath(path) {
    const lower = path.toLowerCase();
    if (!/\.pyw?$/.test(lower))
        return false;
    if (/(^|\/)(settings|config|conf|configs)\//.test(lower))
        return true;
    const base = baseNameOf(lower).replace(/\.pyw?$/, '');
    return /(^|_)settings($|_)/.test(base) || /^(config|conf|configuration|local_config)$/.test(base);
}

;// CONCATENATED MODULE: ./src/secrets/django-key.ts






/**
 * Finding Django `SECRET_KEY` literals in Python settings and in the config files that feed them
 * (.env, INI, YAML, TOML, docker-compose). Python is tokenized, not pattern-matched, because a
 * Django key may contain `#`, `(`, `)`, `%` and `=`: the alphabet of
 * `django.core.management.utils.get_random_secret_key` is `a-z0-9!@#$%^&*(-_=+)`.
 * https://github.com/django/django/blob/main/django/core/management/utils.py
 */
/** Names that hold a Django key: `SECRET_KEY`, `DJANGO_SECRET_KEY`, `MYAPP_DJANGO_SECRET_KEY`, fallbacks. */
const KEY_NAME = /^(?:(?:[a-z0-9]+_)*django_)?secret_key(?:_fallbacks)?$/i;
/** The Django key alphabet, for `django-insecure-` keys found anywhere. */
const INSECURE_KEY = /django-insecure-[a-z0-9!@#$%^&*(\-_=+)]{20,}/g;
/** Calls that read an environment variable and may carry a literal default. */
const ENV_READERS = new Set([
    'get',
    'getenv',
    'setdefault',
    'config',
    'env',
    'str',
    'list',
    'tuple',
]);
/** Of those, the ones whose second positional argument is the default (not django-environ's `cast`). */
const POSITIONAL_DEFAULT = new Set(['get', 'getenv', 'setdefault', 'config', 'str']);
function isPythonPath(path) {
    return /\.(py|pyi|pyw)$/i.test(path);
}
function detectDjangoSecretKeys(file) {
    const index = createLineIndex(file.content);
    const python = isPythonPath(file.path);
    const hits = python
        ? findPythonKeyLiterals(file.content, isSettingsShapedPath(file.path))
        : findConfigKeyValues(file.path, file.content);
    // Sets, not scans of `hits`: a file with thousands of keys must stay linear.
    const seen = new Set(hits.map((hit) => hit.secret));
    if (python) {
        for (const hit of findCommentedKeys(file.content, isSettingsShapedPath(file.path))) {
            if (seen.has(hit.secret))
                continue;
            seen.add(hit.secret);
            hits.push(hit);
        }
    }
    // A `django-insecure-` key already reported as (part of) a literal is not reported again.
    for (const secret of [...seen])
        for (const inner of secret.matchAll(INSECURE_KEY))
            seen.add(inner[0]);
    for (const match of file.content.matchAll(INSECURE_KEY)) {
        const value = match[0];
        if (seen.has(value) || isPlaceholderValue(value))
            continue;
        seen.add(value);
        hits.push({
            offset: match.index,
            line: index.lineAt(match.index),
            secret: value,
            message: 'django-insecure- key (the development key startproject generates) committed',
        });
    }
    return hits.sort((a, b) => a.offset - b.offset).map((hit) => toMatch(hit, index));
}
function toMatch(hit, index) {
    return {
        line: hit.line,
        column: index.columnAt(hit.offset),
        secret: hit.secret,
        message: hit.message,
    };
}
// ---------------------------------------------------------------------------------------------
// Python
/** No real settings expression is longer; a fallbacks list may be (one key per element). */
const MAX_EXPRESSION_TOKENS = 512;
const MAX_LIST_TOKENS = 20_000;
/**
 * Test helpers that take settings as keyword arguments: a key there only configures one test
 * (`@override_settings(SECRET_KEY="wrong-signing-key")`), it is not a committed setting.
 */
const TEST_SETTINGS_CALLS = new Set(['override_settings', 'modify_settings', 'settings']);
/**
 * Literal Django keys in Python source: assignments, fallbacks, dict entries, env-read defaults.
 * Upper-case `SECRET_KEY` names are Django settings wherever they are assigned; a lower-case
 * `secret_key` (a pydantic or django-cfg field, a dict key) counts only in a settings-shaped file
 * (`settingsShaped`): in application code it is just a variable.
 */
function findPythonKeyLiterals(content, settingsShaped = true) {
    const tokens = tokenizePython(content);
    const hits = [];
    const reported = new Set();
    const visited = new Set();
    // Unbalanced brackets in broken or hostile input would make every expression run to the end of
    // the file; a per-expression cap and a global step budget keep the walk linear.
    let budget = 64 * tokens.length + 10_000;
    const spend = (steps) => (budget -= steps) > 0;
    const tokenAt = (i) => tokens[i];
    const isOp = (i, text) => {
        const token = tokens[i];
        return token?.kind === 'op' && token.text === text;
    };
    const report = (start, value, message) => {
        const token = tokenAt(start);
        if (!token || reported.has(start))
            return;
        reported.add(start);
        if (isPlaceholderValue(value))
            return;
        hits.push({ offset: token.offset, line: token.line, secret: value, message });
    };
    /** The name called by the innermost call whose parentheses hold token `k`, if any. */
    const enclosingCallName = (k) => {
        const depth = tokenAt(k)?.depth ?? 0;
        const limit = Math.max(0, k - MAX_EXPRESSION_TOKENS);
        for (let j = k - 1; j >= limit; j--) {
            const token = tokens[j];
            if (!token || token.depth >= depth)
                continue;
            if (token.kind !== 'op' || token.text !== '(')
                return undefined;
            const callee = tokens[j - 1];
            return callee?.kind === 'name' ? callee.text : undefined;
        }
        return undefined;
    };
    /** First token index after the expression starting at `start`. */
    const expressionEnd = (start) => {
        const depth = tokenAt(start)?.depth ?? 0;
        let j = start;
        const limit = Math.min(tokens.length, start + MAX_EXPRESSION_TOKENS);
        for (; j < limit; j++) {
            const token = tokens[j];
            if (!token || token.kind === 'newline' || token.depth < depth)
                break;
            if (token.depth === depth &&
                token.kind === 'op' &&
                (token.text === ',' || token.text === ':'))
                break;
        }
        return j;
    };
    /** A call `name(...)` at `nameIndex` reading an env var: report a literal default. */
    const visitEnvCall = (nameIndex, anyVariable, nesting) => {
        const name = tokenAt(nameIndex);
        const paren = tokenAt(nameIndex + 1);
        if (!name || name.kind !== 'name' || !ENV_READERS.has(name.text))
            return;
        if (!paren || paren.kind !== 'op' || paren.text !== '(')
            return;
        const variable = tokenAt(nameIndex + 2);
        if (!variable || variable.kind !== 'string')
            return;
        if (!anyVariable && !KEY_NAME.test(variable.text))
            return;
        if (visited.has(`call:${nameIndex}`))
            return;
        visited.add(`call:${nameIndex}`);
        const argDepth = paren.depth + 1;
        const limit = Math.min(tokens.length, nameIndex + MAX_EXPRESSION_TOKENS);
        let position = 0;
        let argStart = nameIndex + 2;
        for (let j = nameIndex + 2; j <= limit; j++) {
            const token = j < limit ? tokens[j] : undefined;
            const atEnd = !token || token.depth < argDepth || token.kind === 'newline';
            if (atEnd || (token.depth === argDepth && token.kind === 'op' && token.text === ',')) {
                const first = tokenAt(argStart);
                const message = `literal default of env read ${variable.text}`;
                if (first?.kind === 'name' && isOp(argStart + 1, '=')) {
                    if (first.text === 'default')
                        visitValue(argStart + 2, message, nesting + 1);
                }
                else if (position === 1 && POSITIONAL_DEFAULT.has(name.text)) {
                    visitValue(argStart, message, nesting + 1);
                }
                position++;
                argStart = j + 1;
                if (atEnd)
                    break;
            }
        }
    };
    /** An expression in value position: a literal (group), a list/tuple of them, an env read, `x or 'lit'`. */
    const visitValue = (start, message, nesting) => {
        const first = tokenAt(start);
        if (!first || nesting > 6 || visited.has(`value:${start}`))
            return;
        visited.add(`value:${start}`);
        const end = expressionEnd(start);
        if (!spend(end - start + 1))
            return;
        if (first.kind === 'string' && !first.isExpression) {
            let j = start;
            let value = '';
            while (j < end && tokens[j]?.kind === 'string' && !tokens[j]?.isExpression) {
                value += tokens[j]?.text ?? '';
                j++;
            }
            const next = tokenAt(j);
            // `'%s' % x`, `'{}'.format(x)`, `'abc'[0]`: a computation, not the literal itself.
            const computed = next?.kind === 'op' && ['.', '%', '['].includes(next.text) && j < end;
            if (!computed)
                report(start, value, message);
        }
        else if (first.kind === 'op' && (first.text === '[' || first.text === '(')) {
            // Elements of a list or tuple (SECRET_KEY_FALLBACKS, environ.Env scheme tuples).
            const inner = first.depth + 1;
            let elementStart = start + 1;
            const limit = Math.min(tokens.length, start + MAX_LIST_TOKENS);
            for (let j = start + 1; j <= limit; j++) {
                const token = j < limit ? tokens[j] : undefined;
                if (!token || token.depth < inner || token.kind === 'newline') {
                    visitValue(elementStart, message, nesting + 1);
                    break;
                }
                if (token.depth === inner && token.kind === 'op' && token.text === ',') {
                    visitValue(elementStart, message, nesting + 1);
                    elementStart = j + 1;
                }
            }
        }
        for (let j = start; j < end; j++) {
            const token = tokens[j];
            if (!token)
                break;
            if (token.kind === 'name' && isOp(j + 1, '('))
                visitEnvCall(j, true, nesting);
            if (token.kind === 'name' &&
                token.depth === first.depth &&
                (token.text === 'or' || token.text === 'else'))
                visitValue(j + 1, message.startsWith('literal default') ? message : `literal fallback ${message}`, nesting + 1);
        }
    };
    for (let k = 0; k < tokens.length && budget > 0; k++) {
        const token = tokens[k];
        if (!token)
            continue;
        if (token.kind === 'name' && ENV_READERS.has(token.text) && isOp(k + 1, '(')) {
            visitEnvCall(k, false, 0);
            continue;
        }
        if ((token.kind !== 'name' && token.kind !== 'string') || !KEY_NAME.test(token.text))
            continue;
        const name = token.text;
        if (!settingsShaped && name !== name.toUpperCase())
            continue;
        if (token.depth > 0 && TEST_SETTINGS_CALLS.has(enclosingCallName(k) ?? ''))
            continue;
        const isFallbacks = /_fallbacks$/i.test(name);
        let valueStart;
        let message;
        if (token.kind === 'string') {
            if (isOp(k + 1, ':'))
                valueStart = k + 2;
            // `os.environ["SECRET_KEY"] = "..."`
            else if (isOp(k + 1, ']') && isOp(k + 2, '='))
                valueStart = k + 3;
            else
                continue;
            message = `Django ${name} literal in a settings dict`;
        }
        else if (isOp(k + 1, '=') || isOp(k + 1, '+=') || isOp(k + 1, ':=')) {
            valueStart = k + 2;
            message =
                token.depth === 0
                    ? `Django ${name} literal assigned in settings`
                    : `Django ${name} literal passed as a keyword argument`;
        }
        else if (isOp(k + 1, ':') && token.depth === 0) {
            // Annotated assignment `SECRET_KEY: str = '...'` (also pydantic-settings fields).
            for (let j = k + 2; j < tokens.length; j++) {
                const next = tokens[j];
                if (!next || next.kind === 'newline')
                    break;
                if (next.depth === 0 && next.kind === 'op' && next.text === '=') {
                    valueStart = j + 1;
                    break;
                }
            }
            message = `Django ${name} literal assigned in settings`;
        }
        else
            continue;
        if (valueStart === undefined)
            continue;
        if (isFallbacks)
            message = `literal key in Django ${name}`;
        visitValue(valueStart, message, 0);
    }
    return hits;
}
/** `# SECRET_KEY = '…'`: a key commented out is still committed. Quoted values only. */
const COMMENTED_KEY = /#\s*((?:(?:[A-Za-z0-9]+_)*DJANGO_)?SECRET_KEY(?:_FALLBACKS)?)\s*[:=]\s*[rRuUbB]?(["'])([^"'\r\n]+)\2/gi;
function findCommentedKeys(content, settingsShaped) {
    const hits = [];
    for (const line of linesMatching(content, /secret_key/gi)) {
        if (!line.text.includes('#'))
            continue;
        for (const match of line.text.matchAll(COMMENTED_KEY)) {
            const name = match[1] ?? 'SECRET_KEY';
            if (!settingsShaped && name !== name.toUpperCase())
                continue;
            const value = match[3] ?? '';
            if (isPlaceholderValue(value))
                continue;
            hits.push({
                offset: line.offset + match.index,
                line: line.number,
                secret: value,
                message: `Django ${name} literal in a comment`,
            });
        }
    }
    return hits;
}
// ---------------------------------------------------------------------------------------------
// .env, INI, YAML, TOML, docker-compose, Dockerfile, JSON
const KEY_PATTERN = '((?:(?:[A-Za-z0-9]+_)*DJANGO_)?SECRET_KEY(?:_FALLBACKS)?)';
/** `KEY=value`, `export KEY=value`, `ENV KEY=value`, `KEY: value`, `- KEY=value`, `"KEY": "value"`. */
const CONFIG_LINE = new RegExp(`^\\s*(?:export\\s+|ENV\\s+|set\\s+)?(?:-\\s+)?(["']?)${KEY_PATTERN}\\1\\s*(=|:(?=\\s|$))(.*)$`, 'i');
/** docker-compose list form with the whole item quoted: `- "DJANGO_SECRET_KEY=value"`. */
const QUOTED_ITEM = new RegExp(`^\\s*-\\s*(["'])${KEY_PATTERN}=(.*)\\1\\s*(?:#.*)?$`, 'i');
function configFormatOf(path) {
    if (/\.ya?ml$/i.test(path))
        return 'yaml';
    if (/\.(ini|cfg)$/i.test(path))
        return 'ini';
    return 'other';
}
/**
 * Files whose `KEY=value` / `KEY: value` lines are configuration. In anything else (JavaScript,
 * Markdown, HTML…) the same shape is often code (`SECRET_KEY: process.env.SECRET_KEY`), so a value
 * there must look like a generated key to count (see `looksLikeGeneratedKey`).
 */
function isConfigPath(path) {
    const base = baseNameOf(path);
    return (isDotenvPath(path) ||
        /\.(ya?ml|toml|ini|cfg|conf|json|properties|env|sh|bash|zsh|tfvars)$/.test(base) ||
        base.startsWith('dockerfile') ||
        base.endsWith('.dockerfile') ||
        base === 'procfile' ||
        !base.includes('.'));
}
/** Django's alphabet plus base64 (`openssl rand -base64`), 20+ characters, some variety. */
function looksLikeGeneratedKey(value) {
    return /^[A-Za-z0-9!@#$%^&*()\-_=+/]{20,}$/.test(value) && uniqueCharCount(value) >= 8;
}
/**
 * The literal value after `KEY=` / `KEY:`. Quoted values end at the closing quote; an unquoted
 * value ends at ` #` (whitespace then `#`) or the line end. A bare `#` stays in the value because
 * a Django key may contain `#` (python-dotenv and docker-compose agree: `#` starts a comment only
 * after whitespace). INI values are taken whole: configparser has no inline comments by default.
 * Returns undefined when the value is not a literal (YAML block scalars).
 */
function parseConfigValue(rest, format) {
    // configparser (and so python-decouple's settings.ini) has no inline comments by default.
    if (format === 'ini') {
        const whole = rest.trim();
        return /^(["']).*\1$/.test(whole) ? whole.slice(1, -1) : whole;
    }
    if (/^\s+#/.test(rest))
        return '';
    const text = rest.trim();
    const quote = text[0];
    if (quote === '"' || quote === "'") {
        for (let i = 1; i < text.length; i++) {
            const char = text[i];
            if (char === '\\' && quote === '"') {
                i++;
                continue;
            }
            if (char === quote) {
                const body = text.slice(1, i);
                return quote === '"' ? body.replace(/\\(["\\])/g, '$1') : body;
            }
        }
        return text.slice(1);
    }
    const comment = /\s#/.exec(text);
    let value = (comment ? text.slice(0, comment.index) : text).trim();
    if (format === 'yaml') {
        if (/^[|>][-+0-9]*$/.test(value))
            return undefined;
        // YAML tags (`!!str x`, `!ENV ${X}`) are not part of the value.
        const tag = /^!!?[A-Za-z][\w-]*\s+(.*)$/.exec(value);
        if (tag)
            value = parseConfigValue(tag[1] ?? '', 'other') ?? '';
    }
    return value;
}
function describeConfigFile(path) {
    const base = baseNameOf(path);
    if (/(^|\/)\.envs\//.test(path) ||
        base === '.env' ||
        base.startsWith('.env.') ||
        base.endsWith('.env'))
        return '.env file';
    if (/(^|[-_.])(docker-)?compose[^/]*\.ya?ml$/.test(base))
        return 'docker-compose environment';
    if (/\.ya?ml$/.test(base))
        return 'YAML config';
    if (base.endsWith('.toml'))
        return 'TOML config';
    if (/\.(ini|cfg)$/.test(base))
        return 'INI config';
    if (base.endsWith('.json'))
        return 'JSON config';
    if (base === 'dockerfile' || base.endsWith('.dockerfile'))
        return 'Dockerfile';
    return 'committed file';
}
function findConfigKeyValues(path, content) {
    const hits = [];
    const format = configFormatOf(path);
    const strict = !isConfigPath(path);
    const where = describeConfigFile(path);
    for (const line of linesMatching(content, /secret_key/gi)) {
        let name;
        let values = [];
        const quotedItem = QUOTED_ITEM.exec(line.text);
        if (quotedItem) {
            name = quotedItem[2];
            values = [quotedItem[3] ?? ''];
        }
        else {
            const match = CONFIG_LINE.exec(line.text);
            if (!match)
                continue;
            name = match[2];
            const rest = match[4] ?? '';
            const value = parseConfigValue(rest, format);
            if (value === undefined)
                continue;
            values = [value];
            if (/_fallbacks$/i.test(name ?? '')) {
                const trimmed = rest.trim();
                values = trimmed.startsWith('[')
                    ? Array.from(trimmed.matchAll(/"([^"]*)"|'([^']*)'/g), (m) => m[1] ?? m[2] ?? '')
                    : value.split(',');
            }
        }
        for (const raw of values) {
            const value = raw.trim();
            if (isPlaceholderValue(value) || (strict && !looksLikeGeneratedKey(value)))
                continue;
            const at = line.text.indexOf(value);
            hits.push({
                offset: line.offset + Math.max(0, at),
                line: line.number,
                secret: value,
                message: `Django secret key literal in ${where} (${name ?? 'SECRET_KEY'})`,
            });
        }
    }
    return hits;
}

;// CONCATENATED MODULE: ./src/secrets/rules/django-secret-key-committed.ts


const djangoSecretKeyCommitted = defineSecretRule({
    id: 'DDG101',
    name: 'django-secret-key-committed',
    severity: 'critical',
    fix: 'Read SECRET_KEY from the environment without a literal default, rotate the committed key and move the old one to SECRET_KEY_FALLBACKS only for as long as needed.',
    keywords: ['secret_key', 'django-insecure-'],
    // A key in CI configuration only has to let the test suite start.
    lowIn: ['ci'],
    detect: detectDjangoSecretKeys,
    docs: {
        summary: 'A Django SECRET_KEY (or fallback key) is committed as a literal.',
        whatItDoes: 'Finds literal Django keys without running any code: `SECRET_KEY = "…"` (also annotated and ' +
            'keyword/dict forms), literal entries of `SECRET_KEY_FALLBACKS`, literal defaults of env reads ' +
            '(`os.environ.get("SECRET_KEY", "…")`, `os.getenv`, `env(…, default=…)`, `env.str`, ' +
            'decouple `config(…, default=…)`, `x or "…"`), and `SECRET_KEY` / `DJANGO_SECRET_KEY` / ' +
            '`secret_key` values in .env, INI, YAML (including django-cfg `config*.yaml`), TOML, JSON, ' +
            'Dockerfiles and docker-compose `environment:` (mapping and list forms). Any ' +
            '`django-insecure-` key is reported wherever it appears. Python is tokenized, so keys holding ' +
            '`#`, `(`, `)`, `%` or `=` (all in the alphabet of `get_random_secret_key`) are read whole; ' +
            'in .env and YAML files an unquoted value ends only at `#` preceded by whitespace. ' +
            'Empty values, env reads without a default, computed values and placeholders ' +
            '(`change-me`, `!!!SET DJANGO_SECRET_KEY!!!`, `<…>`, `${VAR}`, `{{ … }}`, `xxxx`, `dummy`, ' +
            'repeated characters, low-variety values such as `secretsecretsecret` or an alphabet run, ' +
            'stand-in words such as `irrelevant`, `notsecret`, `herokudefault`) are not reported; a key ' +
            'that merely contains `<…>` is judged by the rest. In Python, upper-case `SECRET_KEY` names ' +
            'count wherever they are assigned; lower-case `secret_key` (pydantic-settings, django-cfg) ' +
            'only in settings-shaped files (`settings.py`, `settings/`, `config.py`, `*_settings.py`), ' +
            'so a local variable in application code is not a Django key; keyword arguments of ' +
            '`override_settings(...)`, `modify_settings(...)` and `self.settings(...)` in tests are ' +
            'not reported. A literal key is `critical`; on a commented-out line, in test code, fixtures ' +
            'and test settings (`tests/`, `test_*.py`, `*_test.py`, `conftest.py`, `fixtures/`, ' +
            '`settings/test.py`) and in CI configuration (`.github/workflows/`, `circle.yml`, ' +
            '`.travis.yml`, `tox.ini`, `.gitlab-ci.yml`, `bitbucket-pipelines.yml`, `Jenkinsfile`, at any ' +
            'depth) it is at most `low` and the message says why.',
        whyBad: 'SECRET_KEY signs sessions, password-reset tokens, messages and anything using ' +
            '`django.core.signing`. Anyone who can read the repository (or any clone, fork or CI log of ' +
            'it) can forge those signatures: log in as any user when signed-cookie sessions are used, ' +
            'craft password-reset links, or tamper with signed data. A key that reached git stays in ' +
            'history after it is deleted, so it must be rotated, not just removed.',
        badExample: {
            file: 'config/settings/production.py',
            content: [
                'from .base import *  # noqa',
                '',
                'DEBUG = False',
                'SECRET_KEY = "{{secret:django-key}}"',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: 'config/settings/production.py',
            content: [
                'import environ',
                '',
                'env = environ.Env()',
                '',
                'DEBUG = False',
                'SECRET_KEY = env("DJANGO_SECRET_KEY")',
                'SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])',
                '',
            ].join('\n'),
        },
        useInstead: 'Generate a fresh key (`python -c "from django.core.management.utils import ' +
            'get_random_secret_key; print(get_random_secret_key())"`), store it in the deployment\'s ' +
            'secret store, and read it with a required env read (`env("DJANGO_SECRET_KEY")` or ' +
            '`os.environ["DJANGO_SECRET_KEY"]`). Keep the old key in SECRET_KEY_FALLBACKS (read from the ' +
            'environment) only while existing sessions expire, then remove it.',
        references: [
            'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key',
            'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key',
            'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key-fallbacks',
            'https://docs.djangoproject.com/en/stable/topics/signing/',
            'https://github.com/django/django/blob/main/django/core/management/utils.py',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/dotenv-file-committed.ts





const SECRET_NAME_PARTS = [
    'SECRET',
    'PASSWORD',
    'PASSWD',
    'TOKEN',
    'API_KEY',
    'APIKEY',
    'PRIVATE',
    'CREDENTIAL',
    'AUTH',
    'DSN',
    'ACCESS_KEY',
];
/** Names that contain a secret word but hold configuration: `AUTH_USER_MODEL`, `PASSWORD_MIN_LENGTH`. */
const NOT_SECRET_SUFFIX = /_(MODEL|BACKENDS?|ENABLED|REQUIRED|METHODS?|TYPE|CLASS(ES)?|HOST|PORT|USER|USERNAME|NAME|FILE|PATH|DIR|TIMEOUT|EXPIRY|EXPIRES?|LIFETIME|TTL|AGE|LENGTH|ALGORITHM|HEADER|PREFIX|ENDPOINT|ISSUER|AUDIENCE|SCOPES?|REGION|ID|URL|VALIDATORS|HASHERS|LEVEL|MODE)$/;
const FLAG_VALUE = /^(true|false|yes|no|on|off|none|null|nil|\d{1,5})$/i;
function isSecretLookingName(key) {
    const upper = key.toUpperCase();
    return SECRET_NAME_PARTS.some((part) => upper.includes(part)) && !NOT_SECRET_SUFFIX.test(upper);
}
function namesOf(entries) {
    const users = [];
    const databases = [];
    for (const entry of entries) {
        const key = entry.key.toUpperCase();
        if (/(^|_)(USER|USERNAME|LOGIN)$/.test(key))
            users.push(entry.value);
        if (/(^|_)(DB|DATABASE|DB_NAME|DATABASE_NAME|VHOST)$/.test(key))
            databases.push(entry.value);
    }
    return { users, databases };
}
function judgeEntry(entry, template, names) {
    let sawDefault = false;
    const mask = [];
    for (const credentials of findUrlCredentials(entry.value)) {
        const verdict = judgeUrlCredentials(credentials);
        if (verdict.kind === 'default')
            sawDefault = true;
        if (verdict.kind !== 'secret')
            continue;
        const [password = ''] = passwordMaskValues(credentials);
        if (template && !isRealLookingSecret(password))
            continue;
        mask.push(...passwordMaskValues(credentials));
    }
    if (mask.length > 0)
        return { kind: 'secret', mask: [entry.value, ...mask] };
    // A URL is judged by its password alone: a DSN or broker URL without one holds no secret.
    const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(entry.value.trim());
    if (!isSecretLookingName(entry.key) || isUrl)
        return sawDefault ? { kind: 'default' } : { kind: 'none' };
    const value = entry.value.trim();
    if (isPlaceholderValue(value) || FLAG_VALUE.test(value))
        return { kind: 'none' };
    const isDefault = [undefined, ...names.users].some((user) => [undefined, ...names.databases].some((database) => defaultCredentialReason({
        password: value,
        ...(user !== undefined ? { user } : {}),
        ...(database !== undefined ? { database } : {}),
    }) !== undefined));
    if (isDefault)
        return { kind: 'default' };
    if (template && !isRealLookingSecret(value))
        return { kind: 'none' };
    return { kind: 'secret', mask: [entry.value] };
}
function detectCommittedDotenv(file) {
    const template = isDotenvTemplatePath(file.path);
    const entries = dotenvFileEntries(file.content);
    const names = namesOf(entries);
    const judged = entries.map((entry) => ({ entry, verdict: judgeEntry(entry, template, names) }));
    const secretEntries = judged.filter(({ verdict }) => verdict.kind === 'secret');
    const first = secretEntries[0];
    if (first) {
        const keys = [...new Set(secretEntries.map(({ entry }) => entry.key))];
        return [
            {
                line: first.entry.line,
                // The key names, sorted: stable across value rotations and line moves, never a value.
                secret: [...keys].sort().join(','),
                // The values are what must never show in a log.
                maskValues: secretEntries
                    .flatMap(({ verdict }) => (verdict.kind === 'secret' ? verdict.mask : []))
                    .filter((value) => value.length >= 4),
                message: template
                    ? `.env template holds real-looking secret values for ${keys.join(', ')}`
                    : `committed .env file holds secret-looking values for ${keys.join(', ')}`,
                ...(template
                    ? { fix: 'Replace the values in the template with placeholders and rotate the secrets.' }
                    : {}),
            },
        ];
    }
    if (template)
        return [];
    const defaults = [
        ...new Set(judged.filter(({ verdict }) => verdict.kind === 'default').map(({ entry }) => entry.key)),
    ];
    return [
        {
            line: 1,
            secret: [...new Set(entries.map((entry) => entry.key))].sort().join(','),
            // Nothing secret-looking: masking the key names would only garble the logs.
            maskValues: [],
            message: defaults.length > 0
                ? `committed .env file; ${defaults.join(', ')} ${defaults.length === 1 ? 'holds' : 'hold'} only a default credential; keep it out of git`
                : 'committed .env file; keep it out of git',
            severity: 'low',
        },
    ];
}
const dotenvFileCommitted = defineSecretRule({
    id: 'DDG102',
    name: 'dotenv-file-committed',
    severity: 'high',
    identity: 'path',
    fix: 'Remove the .env file from git (git rm --cached), add it to .gitignore, commit a .env.example with placeholders and rotate the secrets it held.',
    appliesToPath: isDotenvPath,
    detect: detectCommittedDotenv,
    docs: {
        summary: 'A .env file is committed to the repository.',
        whatItDoes: 'Looks at files named `.env`, `.env.*`, `.env-*`, `*.env`, `*.env.*` (`app.env.prod`) and ' +
            "everything under `.envs/` (cookiecutter-django's layout), wherever they sit (`envs/web.env`, " +
            '`docker/db.env`). It reports one finding per file, naming (never showing) the keys that ' +
            'hold secret-looking values: names containing SECRET, PASSWORD, PASSWD, TOKEN, API_KEY, ' +
            'APIKEY, PRIVATE, CREDENTIAL, AUTH, DSN or ACCESS_KEY (except configuration names such as ' +
            '`AUTH_USER_MODEL` or `PASSWORD_MIN_LENGTH`) with a non-empty value that is not a placeholder, ' +
            'a flag or a default credential, and URLs with an inline password that is not a default ' +
            'credential. Such a file is `high`, on the line of the first secret-looking key. A file ' +
            'whose only credentials are defaults (`postgres://saleor:saleor@db/saleor`, ' +
            "`POSTGRES_PASSWORD=postgres`, a password equal to the file's user or database name) is a " +
            'single `low` finding that says so, like a file without credentials. Templates ' +
            '(`.env.example`, `.env-template`, `.env.sample`, `.env.dist`, `*.example`, `example.env`, …) ' +
            'are judged by their content: only a real-looking value (at least 16 characters, high ' +
            'entropy, not a placeholder) is reported. Values are parsed as python-dotenv does: a `#` ' +
            'starts a comment only after whitespace. In tests and fixtures (`.env.test`, `tests/`) the ' +
            'finding is at most `low`.',
        whyBad: '.env files exist to keep deployment secrets out of the code. Once committed, every clone, ' +
            'fork and CI cache holds the database password, API tokens and SECRET_KEY, and they stay in ' +
            'git history even after the file is deleted.',
        badExample: {
            file: '.envs/.production/.django',
            content: [
                'DJANGO_SETTINGS_MODULE=config.settings.production',
                'DJANGO_SECRET_KEY={{secret:django-key}}',
                'DJANGO_ADMIN_URL=admin/',
                'MAILGUN_API_KEY={{secret:generic-token}}',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: '.env.example',
            content: [
                'DJANGO_SETTINGS_MODULE=config.settings.production',
                'DJANGO_SECRET_KEY=!!!SET DJANGO_SECRET_KEY!!!',
                'DATABASE_URL=postgres://app:${POSTGRES_PASSWORD}@db:5432/app',
                'MAILGUN_API_KEY=<your-mailgun-key>',
                '',
            ].join('\n'),
        },
        useInstead: 'Commit only a template with placeholders (`.env.example`), list `.env` and `.envs/` in ' +
            '.gitignore, and give the real values to the deployment through its secret store (GitHub ' +
            'Actions secrets, the platform environment, Docker/Kubernetes secrets). Rotate every secret ' +
            'the committed file held.',
        references: [
            'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key',
            'https://12factor.net/config',
            'https://docs.github.com/en/code-security/secret-scanning/working-with-secret-scanning-and-push-protection/remediating-a-leaked-secret',
            'https://github.com/theskumar/python-dotenv#file-format',
            'https://cookiecutter-django.readthedocs.io/en/latest/2-local-development/developing-locally-docker.html',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/email-url-with-password.ts


/**
 * The schemes dj-email-url and django-environ's `email_url` read (smtp, smtps, smtp+tls,
 * smtp+ssl, submission), plus the mailbox protocols a project's mail settings carry.
 * https://github.com/migonzalvar/dj-email-url/blob/master/dj_email_url.py
 * https://django-environ.readthedocs.io/en/latest/types.html#environ-env-email-url
 */
const EMAIL_SCHEMES = new Set([
    'smtp',
    'smtps',
    'smtp+tls',
    'smtp+ssl',
    'submission',
    'submit',
    'imap',
    'imaps',
    'pop3',
    'pop3s',
]);
function detectEmailUrls(file) {
    return detectUrlPasswords(file, EMAIL_SCHEMES);
}
const emailUrlWithPassword = defineSecretRule({
    id: 'DDG109',
    name: 'email-url-with-password',
    severity: 'high',
    fix: 'Read EMAIL_URL (or EMAIL_HOST_PASSWORD) from the environment and rotate the committed SMTP password.',
    keywords: ['smtp', 'submission://', 'submit://', 'imap://', 'imaps://', 'pop3://', 'pop3s://'],
    // CI mail servers are throwaway services (mailpit, mailhog) started for the test run.
    lowIn: ['ci'],
    detect: detectEmailUrls,
    docs: {
        summary: 'An email (SMTP) URL carries an inline password.',
        whatItDoes: 'Finds `scheme://user:password@host` URLs for smtp, smtps, smtp+tls, smtp+ssl, submission, ' +
            'submit, imap(s) and pop3(s) in any committed file: `dj_email_url.parse("smtp://…")` and ' +
            '`env.email_url("EMAIL_URL", default="smtp://…")` in settings, `EMAIL_URL=` in .env and ' +
            "compose files, docs. The URL is split as Python's `urllib.parse.urlsplit` splits it " +
            '(the password runs to the last `@` before the host). Templates and stand-ins in the ' +
            'password position are ignored; a default credential (the password equal to the user name, ' +
            'a well-known default) is `low` at a local host such as `mailpit` and says so; any other ' +
            'password is `high`. On a commented-out line, in tests, fixtures or CI configuration a hit ' +
            'is at most `low`. The password is hashed for the fingerprint and never shown.',
        whyBad: 'An SMTP login sends mail as the project: password resets, invoices and phishing that passes ' +
            "SPF and DKIM because it comes from the project's own provider account. Providers such as " +
            'SendGrid, Mailgun or Mailtrap bill and suspend by account, and the password stays in git ' +
            'history after it is removed.',
        badExample: {
            file: 'shop/settings.py',
            content: [
                'import dj_email_url',
                '',
                'email_config = dj_email_url.parse(',
                '    "smtp://apikey:{{secret:db-password}}@smtp.mailtrap.io:2525/"',
                ')',
                'EMAIL_HOST_PASSWORD = email_config["EMAIL_HOST_PASSWORD"]',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: 'shop/settings.py',
            content: [
                'import os',
                '',
                'import dj_email_url',
                '',
                'email_config = dj_email_url.parse(os.environ.get("EMAIL_URL", "console:"))',
                'EMAIL_HOST_PASSWORD = email_config["EMAIL_HOST_PASSWORD"]',
                '',
            ].join('\n'),
        },
        useInstead: 'Read the whole URL from the environment (`dj_email_url.config()`, `env.email_url("EMAIL_URL")`) ' +
            'with a harmless default such as `console:` for development, or read `EMAIL_HOST_PASSWORD` ' +
            'alone. Rotate the SMTP password (or the provider API key used as one) that was committed.',
        references: [
            'https://docs.djangoproject.com/en/stable/ref/settings/#email-host-password',
            'https://github.com/migonzalvar/dj-email-url',
            'https://django-environ.readthedocs.io/en/latest/types.html#environ-env-email-url',
            'https://docs.python.org/3/library/urllib.parse.html#urllib.parse.urlsplit',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/github-token.ts



/**
 * Token formats: https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
 * `ghp_` personal, `gho_` OAuth, `ghu_` user-to-server, `ghs_` server-to-server, `ghr_` refresh.
 */
const CLASSIC_TOKEN = /(?<![A-Za-z0-9_])(gh[pousr])_([A-Za-z0-9]{36})(?![A-Za-z0-9_])/g;
const FINE_GRAINED_TOKEN = /(?<![A-Za-z0-9_])github_pat_([A-Za-z0-9_]{82})(?![A-Za-z0-9_])/g;
const GITHUB_TOKEN_PATTERNS = [CLASSIC_TOKEN, FINE_GRAINED_TOKEN];
const KIND_BY_PREFIX = {
    ghp: 'personal access token',
    gho: 'OAuth access token',
    ghu: 'user-to-server token',
    ghs: 'server-to-server (installation) token',
    ghr: 'refresh token',
};
function detectGitHubTokens(file) {
    const index = createLineIndex(file.content);
    const matches = [];
    const push = (offset, token, body, kind) => {
        // `ghp_xxxxxxxx…` and similar documentation stand-ins have almost no variety.
        if (uniqueCharCount(body) < 10)
            return;
        matches.push({
            line: index.lineAt(offset),
            column: index.columnAt(offset),
            secret: token,
            message: `GitHub ${kind}`,
        });
    };
    for (const match of file.content.matchAll(CLASSIC_TOKEN)) {
        const prefix = match[1] ?? '';
        push(match.index, match[0], match[2] ?? '', KIND_BY_PREFIX[prefix] ?? 'token');
    }
    for (const match of file.content.matchAll(FINE_GRAINED_TOKEN)) {
        push(match.index, match[0], match[1] ?? '', 'fine-grained personal access token');
    }
    return matches.sort((a, b) => a.line - b.line);
}
const githubToken = defineSecretRule({
    id: 'DDG106',
    name: 'github-token',
    severity: 'critical',
    fix: 'Revoke the token on GitHub, create a new one with the least scope needed and pass it through a secret (e.g. GitHub Actions secrets).',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    detect: detectGitHubTokens,
    docs: {
        summary: 'A GitHub token is committed.',
        whatItDoes: 'Finds GitHub tokens by their documented prefixes: `ghp_`, `gho_`, `ghu_`, `ghs_` and `ghr_` ' +
            'followed by 36 letters and digits, and fine-grained `github_pat_` tokens (82 more ' +
            'characters). Stand-ins with almost no character variety (`ghp_xxxx…`) are ignored.',
        whyBad: 'A token acts as its owner within its scopes: it can read private repositories, push code, ' +
            'change workflows or read Actions secrets. GitHub and attackers both scan public pushes for ' +
            'these prefixes; a token in history stays usable until it is revoked.',
        badExample: {
            file: 'scripts/release.py',
            content: [
                'import requests',
                '',
                'TOKEN = "{{secret:github-token}}"',
                'requests.post(URL, headers={"Authorization": f"Bearer {TOKEN}"})',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: 'scripts/release.py',
            content: [
                'import os',
                '',
                'import requests',
                '',
                'TOKEN = os.environ["GITHUB_TOKEN"]',
                'requests.post(URL, headers={"Authorization": f"Bearer {TOKEN}"})',
                '',
            ].join('\n'),
        },
        useInstead: 'In workflows use the automatic `GITHUB_TOKEN` or a repository secret; elsewhere read the ' +
            'token from the environment. Prefer fine-grained tokens with an expiry, or a GitHub App.',
        references: [
            'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats',
            'https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/',
            'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation',
            'https://docs.github.com/en/code-security/secret-scanning/working-with-secret-scanning-and-push-protection/remediating-a-leaked-secret',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/token-formats.ts


/** The `\n`-delimited line of `content` around `offset`. */
function lineAround(content, offset) {
    const start = content.lastIndexOf('\n', offset) + 1;
    const end = content.indexOf('\n', offset);
    return content.slice(start, end === -1 ? undefined : end);
}
/** `[text, offset]` of each line holding `word`, or the whole content when no word is given. */
function searchedSpans(content, word) {
    if (!word)
        return [[content, 0]];
    return linesMatching(content, word).map((line) => [line.text, line.offset]);
}
/** Every match of `formats` in a file, sorted by position, one per distinct offset. */
function detectTokenFormats(file, formats) {
    const index = createLineIndex(file.content);
    const found = [];
    const seen = new Set();
    for (const format of formats) {
        for (const [text, base] of searchedSpans(file.content, format.onLinesWith))
            for (const inSpan of text.matchAll(format.pattern)) {
                // Offsets in the whole file, whatever span was searched.
                const match = Object.assign(inSpan, { index: inSpan.index + base });
                const secret = match[format.secretGroup ?? 0] ?? '';
                if (secret === '' || uniqueCharCount(secret) < format.minUnique)
                    continue;
                const offset = match.index + (format.secretGroup ? match[0].indexOf(secret) : 0);
                if (seen.has(offset))
                    continue;
                if (format.accept) {
                    // A span searched for its word is already the match's line.
                    const line = format.onLinesWith ? text : lineAround(file.content, match.index);
                    if (!format.accept(match, line))
                        continue;
                }
                seen.add(offset);
                const hit = {
                    line: index.lineAt(offset),
                    column: index.columnAt(offset),
                    secret,
                    message: format.describe(match),
                };
                const severity = format.severity?.(match);
                if (severity !== undefined)
                    hit.severity = severity;
                found.push({ offset, match: hit });
            }
    }
    return found.sort((a, b) => a.offset - b.offset).map((entry) => entry.match);
}

;// CONCATENATED MODULE: ./src/secrets/rules/gitlab-token.ts


/** https://docs.gitlab.com/security/tokens/#token-prefixes */
const KINDS = {
    'glpat-': 'personal, project or group access token',
    'gldt-': 'deploy token',
    'glrt-': 'runner authentication token',
    'glptt-': 'pipeline trigger token',
    'glcbt-': 'CI/CD job token',
    'glsoat-': 'SCIM OAuth access token',
    'gloas-': 'OAuth application secret',
    'glft-': 'feed token',
    'glimt-': 'incoming mail token',
    'glagent-': 'agent token',
    GR1348941: 'runner registration token',
};
const GITLAB_TOKEN_PATTERN = /(?<![A-Za-z0-9_-])(glpat-|gldt-|glrt-|glptt-|glcbt-|glsoat-|gloas-|glft-|glimt-|glagent-|GR1348941)([A-Za-z0-9_.-]{20,})(?![A-Za-z0-9_-])/g;
const FORMATS = [
    {
        pattern: GITLAB_TOKEN_PATTERN,
        minUnique: 10,
        describe: (match) => `GitLab ${KINDS[match[1] ?? ''] ?? 'token'}`,
    },
];
function detectGitLabTokens(file) {
    return detectTokenFormats(file, FORMATS);
}
const gitlabToken = defineSecretRule({
    id: 'DDG119',
    name: 'gitlab-token',
    severity: 'critical',
    fix: 'Revoke the token in GitLab and pass a new one through masked CI/CD variables or the environment.',
    keywords: [
        'glpat-',
        'gldt-',
        'glrt-',
        'glptt-',
        'glcbt-',
        'glsoat-',
        'gloas-',
        'glft-',
        'glimt-',
        'glagent-',
        'gr1348941',
    ],
    detect: detectGitLabTokens,
    docs: {
        summary: 'A GitLab token is committed.',
        whatItDoes: 'Finds GitLab tokens by their documented prefixes: `glpat-` (personal, project and group ' +
            'access tokens), `gldt-` (deploy), `glrt-` and `GR1348941` (runners), `glptt-` (pipeline ' +
            'triggers), `glcbt-`, `glsoat-`, `gloas-`, `glft-`, `glimt-`, `glagent-`, each followed by ' +
            'at least 20 token characters. Stand-ins with little variety are ignored. In tests, ' +
            'fixtures and commented-out lines a hit is at most `low`.',
        whyBad: 'An access token acts as its user within its scopes: read private repositories, push code, ' +
            'change CI/CD variables and pipelines. Runner and trigger tokens run jobs that can read ' +
            "the project's secrets.",
        badExample: {
            file: 'scripts/mirror.py',
            content: ['GITLAB_TOKEN = "{{secret:gitlab-token}}"', ''].join('\n'),
        },
        goodExample: {
            file: 'scripts/mirror.py',
            content: ['import os', '', 'GITLAB_TOKEN = os.environ["GITLAB_TOKEN"]', ''].join('\n'),
        },
        useInstead: 'Use masked and protected CI/CD variables or the job token; elsewhere read tokens from the ' +
            'environment, give them an expiry and the least scope, and revoke a committed one.',
        references: [
            'https://docs.gitlab.com/security/tokens/',
            'https://docs.gitlab.com/security/tokens/#token-prefixes',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/google-api-key.ts


/** `AIza` + 35 URL-safe base64 characters: https://cloud.google.com/docs/authentication/api-keys */
const GOOGLE_API_KEY_PATTERN = /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g;
const google_api_key_FORMATS = [
    { pattern: GOOGLE_API_KEY_PATTERN, minUnique: 12, describe: () => 'Google API key' },
];
function detectGoogleApiKeys(file) {
    return detectTokenFormats(file, google_api_key_FORMATS);
}
const googleApiKey = defineSecretRule({
    id: 'DDG110',
    name: 'google-api-key',
    severity: 'high',
    fix: 'Delete or regenerate the key in the Google Cloud console, restrict the new one (APIs, referrers or IPs) and read it from the environment.',
    keywords: ['aiza'],
    detect: detectGoogleApiKeys,
    docs: {
        summary: 'A Google API key (`AIza…`) is committed.',
        whatItDoes: 'Finds Google Cloud API keys: `AIza` followed by 35 letters, digits, `-` or `_`, in any ' +
            'file (settings such as `GOOGLE_MAPS_API_KEY`, templates that load the Maps JavaScript API, ' +
            'fixtures). Stand-ins with little variety are ignored. In tests, fixtures and commented-out ' +
            'lines a hit is at most `low`.',
        whyBad: 'An API key bills its project for every call made with it. An unrestricted key (no API, ' +
            'referrer or IP restriction) lets anyone use Maps, Places, Translate or Gemini on the ' +
            "project's account; keys harvested from public repositories are abused within hours.",
        badExample: {
            file: 'locations/settings.py',
            content: ['GOOGLE_MAPS_API_KEY = "{{secret:google-api-key}}"', ''].join('\n'),
        },
        goodExample: {
            file: 'locations/settings.py',
            content: [
                'import os',
                '',
                'GOOGLE_MAPS_API_KEY = os.environ.get("GOOGLE_MAPS_API_KEY", "")',
                '',
            ].join('\n'),
        },
        useInstead: 'Read the key from the environment, restrict it in the console to the APIs and the ' +
            'referrers (browser keys) or IP addresses (server keys) that use it, and regenerate any key ' +
            'that was committed.',
        references: [
            'https://cloud.google.com/docs/authentication/api-keys',
            'https://cloud.google.com/docs/authentication/api-keys-best-practices',
            'https://developers.google.com/maps/api-security-best-practices',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/jwt-committed.ts




/** Three base64url parts, the first two JSON objects (`eyJ` is base64 of `{"`). */
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])/g;
/** jwt.io's sample token, copied into countless tutorials and tests. */
const DOCUMENTED_PAYLOADS = new Set(['{"sub":"1234567890","name":"John Doe","iat":1516239022}']);
/**
 * Files where a JWT is configuration: settings modules and the config files that feed them. A JWT
 * in application code, a frontend bundle or an API fixture is usually a sample response.
 */
function isConfigurationPath(path) {
    const base = baseNameOf(path);
    return (isSettingsShapedPath(path) ||
        isDotenvPath(path) ||
        /\.(ya?ml|toml|ini|cfg|conf|json|properties|tfvars)$/.test(base));
}
function decodeJson(part) {
    try {
        const text = Buffer.from(part, 'base64url').toString('utf8');
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
function detectJwts(file) {
    if (!isConfigurationPath(file.path))
        return [];
    const index = createLineIndex(file.content);
    const matches = [];
    for (const match of file.content.matchAll(JWT)) {
        const [header, payload] = match[0].split('.');
        const decodedHeader = decodeJson(header ?? '');
        if (typeof decodedHeader !== 'object' || decodedHeader === null || !('alg' in decodedHeader))
            continue;
        // An unsigned token (`alg: none`) proves nothing to a server that checks signatures.
        if (String(decodedHeader.alg).toLowerCase() === 'none')
            continue;
        const decodedPayload = decodeJson(payload ?? '');
        if (typeof decodedPayload !== 'object' || decodedPayload === null)
            continue;
        if (DOCUMENTED_PAYLOADS.has(JSON.stringify(decodedPayload)))
            continue;
        matches.push({
            line: index.lineAt(match.index),
            column: index.columnAt(match.index),
            secret: match[0],
            message: 'signed JWT committed in configuration',
        });
    }
    return matches;
}
const jwtCommitted = defineSecretRule({
    id: 'DDG121',
    name: 'jwt-committed',
    severity: 'high',
    fix: 'Revoke or rotate the token (or the key that signed it) and read it from the environment.',
    keywords: ['eyj'],
    detect: detectJwts,
    docs: {
        summary: 'A signed JWT (a bearer token) is committed in settings or configuration.',
        whatItDoes: 'Finds JSON Web Tokens (`eyJ….eyJ….…`, a JSON header with an `alg` and a JSON payload) in ' +
            'settings modules (`settings.py`, `settings/`, `config.py`) and configuration files (.env, ' +
            'YAML, TOML, INI, JSON): service keys such as Supabase `service_role` keys, API tokens ' +
            "issued as JWTs. Unsigned tokens (`alg: none`) and jwt.io's sample token are ignored; JWTs " +
            'in application code and API fixtures are left alone. Nothing of the token is shown. In tests, fixtures and ' +
            'commented-out lines a hit is at most `low`.',
        whyBad: 'A JWT is a bearer credential: whoever holds it is who the payload says, until it expires, ' +
            'and long-lived service tokens often never do. Service-role keys bypass row-level security ' +
            'and read or change every record.',
        badExample: {
            file: 'project/settings.py',
            content: ['SUPABASE_SERVICE_KEY = "{{secret:jwt}}"', ''].join('\n'),
        },
        goodExample: {
            file: 'project/settings.py',
            content: [
                'import os',
                '',
                'SUPABASE_SERVICE_KEY = os.environ["SUPABASE_SERVICE_KEY"]',
                '',
            ].join('\n'),
        },
        useInstead: 'Read the token from the environment or a secret store; prefer short-lived tokens minted at ' +
            'runtime; rotate the signing secret (or revoke the token) when one was committed.',
        references: [
            'https://datatracker.ietf.org/doc/html/rfc7519',
            'https://supabase.com/docs/guides/api/api-keys',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/mailgun-api-key.ts


/** Legacy private API keys: `key-` + 32 lower-case hex digits. */
const MAILGUN_LEGACY_KEY_PATTERN = /(?<![A-Za-z0-9_-])key-[0-9a-f]{32}(?![A-Za-z0-9_-])/g;
/** Current private API keys and webhook signing keys: `<32 hex>-<8 hex>-<8 hex>`. */
const MAILGUN_KEY_PATTERN = /(?<![A-Za-z0-9_-])[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}(?![A-Za-z0-9_-])/g;
const mailgun_api_key_FORMATS = [
    { pattern: MAILGUN_LEGACY_KEY_PATTERN, minUnique: 7, describe: () => 'Mailgun API key' },
    {
        pattern: MAILGUN_KEY_PATTERN,
        minUnique: 7,
        describe: () => 'Mailgun API key',
        // The shape alone is any hex triple: only on a line that names Mailgun.
        onLinesWith: /mailgun/gi,
    },
];
function detectMailgunKeys(file) {
    return detectTokenFormats(file, mailgun_api_key_FORMATS);
}
const mailgunApiKey = defineSecretRule({
    id: 'DDG113',
    name: 'mailgun-api-key',
    severity: 'high',
    fix: 'Rotate the key in Mailgun (API Security) and read it from the environment.',
    keywords: ['key-', 'mailgun'],
    detect: detectMailgunKeys,
    docs: {
        summary: 'A Mailgun API key is committed.',
        whatItDoes: 'Finds Mailgun private API keys: the legacy `key-` followed by 32 hex digits anywhere, and ' +
            'the current `<32 hex>-<8 hex>-<8 hex>` keys on a line that names Mailgun ' +
            '(`MAILGUN_API_KEY`, `ANYMAIL = {"MAILGUN_API_KEY": …}`). In tests, fixtures and ' +
            'commented-out lines a hit is at most `low`.',
        whyBad: "The private key sends mail from the project's domains, reads logs and stored messages, and " +
            'changes routes and webhooks: mail can be read and redirected, and abuse gets the account ' +
            'suspended.',
        badExample: {
            file: 'config/settings/production.py',
            content: [
                'EMAIL_BACKEND = "anymail.backends.mailgun.EmailBackend"',
                'ANYMAIL = {',
                '    "MAILGUN_API_KEY": "{{secret:mailgun-api-key}}",',
                '    "MAILGUN_SENDER_DOMAIN": "mg.example.com",',
                '}',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: 'config/settings/production.py',
            content: [
                'import environ',
                '',
                'env = environ.Env()',
                'EMAIL_BACKEND = "anymail.backends.mailgun.EmailBackend"',
                'ANYMAIL = {',
                '    "MAILGUN_API_KEY": env("MAILGUN_API_KEY"),',
                '    "MAILGUN_SENDER_DOMAIN": env("MAILGUN_DOMAIN"),',
                '}',
                '',
            ].join('\n'),
        },
        useInstead: 'Read the key from the environment (cookiecutter-django\'s `env("MAILGUN_API_KEY")`); use a ' +
            'domain sending key where only sending is needed; rotate a key that was committed.',
        references: [
            'https://documentation.mailgun.com/docs/mailgun/user-manual/api-key-mgmt/rbac-mgmt/',
            'https://anymail.dev/en/stable/esps/mailgun/',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/credential-names.ts
/**
 * Names that say a value is a credential, by name and role: `EMAIL_HOST_PASSWORD`,
 * `AWS_SECRET_ACCESS_KEY`, `SOCIAL_AUTH_GITHUB_SECRET`, `STRIPE_SECRET_KEY`, `TWILIO_AUTH_TOKEN`,
 * `SENDGRID_API_KEY`, `*_CLIENT_SECRET`, `*_TOKEN`, a `PASSWORD` dict key, `clientSecret`. One
 * classification for the settings rule (DDG226) and the text rule (DDG122), so both agree on
 * which names hold secrets.
 */
/** `clientSecret`, `client-secret`, `client.secret`, `CLIENT_SECRET` → `CLIENT_SECRET`. */
function normaliseName(name) {
    return name
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .replace(/[^A-Za-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '')
        .toUpperCase();
}
/** Trailing qualifiers that do not change what a name holds: `DB_PASSWORD_PROD`, `API_KEY_2`. */
const QUALIFIER = /(_(PROD|PRODUCTION|LIVE|TEST|TESTING|DEV|DEVELOPMENT|STAGING|STAGE|LOCAL|DEFAULT|OLD|NEW|V\d+)|_?\d+)$/;
/** The credential words a name ends with, and what to call the value. */
const CREDENTIAL_SUFFIXES = [
    [/(^|_)(PASSWORD|PASSWD|PASSPHRASE)$/, 'password'],
    [/_(PASS|PWD)$|^(PASS|PWD)$/, 'password'],
    [/(^|_)SECRET_ACCESS_KEY$/, 'secret access key'],
    [/(^|_)(SECRET|SECRET_KEY|SECRET_TOKEN|CLIENT_SECRET|APP_SECRET|CONSUMER_SECRET)$/, 'secret'],
    [
        /(^|_)(API_KEY|APIKEY|API_SECRET|ACCESS_KEY|AUTH_KEY|MASTER_KEY|MERCHANT_KEY|SHARED_KEY)$/,
        'API key',
    ],
    [/(^|_)SHARED_SECRET$/, 'secret'],
    [/(^|_)(PRIVATE_KEY|SIGNING_KEY|SIGNING_SECRET|ENCRYPTION_KEY|HMAC_KEY)$/, 'private key'],
    [/(^|_)(TOKEN|AUTH_TOKEN|ACCESS_TOKEN|REFRESH_TOKEN|API_TOKEN|BOT_TOKEN)$/, 'token'],
    [/(^|_)CREDENTIALS?$/, 'credential'],
];
/** Django's key names: `SECRET_KEY`, `DJANGO_SECRET_KEY`, `<PREFIX>_DJANGO_SECRET_KEY`, fallbacks. */
const DJANGO_KEY_NAME = /^((\w+_)?DJANGO_)?SECRET_KEY(_FALLBACKS)?$/;
/** Whether a name is one of Django's key names (in any case), which DDG101 and DDG206–209 judge. */
function isDjangoKeyName(name) {
    return DJANGO_KEY_NAME.test(normaliseName(name));
}
/** Names that end like a credential but are not one. */
const NOT_CREDENTIAL = [
    // Django's own key (DDG101, DDG206, DDG207 judge it) and its fallbacks.
    DJANGO_KEY_NAME,
    // Anti-CSRF tokens, public keys and identifiers are meant to be seen.
    /(^|_)(CSRF|XSRF|CSRFMIDDLEWARE)(_|$)/,
    /(^|_)(PUBLIC|PUBLISHABLE|PUB|SITE)(_|$)/,
    // Names of things, not the things: `PASSWORD_FIELD`, `TOKEN_TYPE`, `API_KEY_HEADER`.
    /(^|_)(NAME|FIELD|PARAM|HEADER|TYPE|PREFIX|LENGTH|URL|URI|PATH|FILE|ID|MODEL|CLASS)_(PASSWORD|SECRET|TOKEN|KEY)$/,
    /^(RESET|CONFIRM|CHANGE|FORGOT|NEW|OLD|REPEAT|VERIFY)_PASSWORD$/,
];
/** What kind of credential a name holds (`password`, `token`, `API key`…), or undefined. */
function credentialKindOfName(name) {
    let normal = normaliseName(name);
    if (normal === '' || normal.length > 80)
        return undefined;
    if (NOT_CREDENTIAL.some((pattern) => pattern.test(normal)))
        return undefined;
    for (let i = 0; i < 3 && QUALIFIER.test(normal); i++)
        normal = normal.replace(QUALIFIER, '');
    if (NOT_CREDENTIAL.some((pattern) => pattern.test(normal)))
        return undefined;
    return CREDENTIAL_SUFFIXES.find(([pattern]) => pattern.test(normal))?.[1];
}
/**
 * Lower-case stems, one of which every credential name contains: the keyword prefilter of the
 * rules that look for credentials by name (short stems keep the shared prefilter regex small).
 */
const CREDENTIAL_NAME_KEYWORDS = [
    'pass',
    'secret',
    'token',
    'pwd',
    'credential',
    // `_key` rather than `key`: `key` is everywhere (dict keys, `monkey`), `_key` only in names.
    '_key',
    '-key',
    'apikey',
    'accesskey',
    'privatekey',
];

;// CONCATENATED MODULE: ./src/secrets/named-values.ts



/** Python, YAML, JSON, INI, TOML, .env-like, shell, Dockerfiles and documentation. */
function namedValueSyntaxOf(path) {
    const base = baseNameOf(path);
    if (/\.pyw?$/.test(base))
        return 'python';
    if (/\.ya?ml$/.test(base))
        return 'yaml';
    if (/\.json$/.test(base))
        return 'json';
    if (/\.(ini|cfg)$/.test(base))
        return 'ini';
    if (isDotenvPath(path) ||
        /\.(toml|conf|properties|sh|bash|env|tfvars|md|markdown|rst|txt|adoc)$/.test(base) ||
        base.startsWith('dockerfile') ||
        base.endsWith('.dockerfile') ||
        base === '.pypirc' ||
        base === '.netrc' ||
        base === '.npmrc')
        return 'other';
    return undefined;
}
/** A Python string literal starting at `quote` on `text`: its value and where it ends. */
function readPythonString(text, prefix, quote) {
    const q = text[quote] ?? '';
    const triple = text.startsWith(q.repeat(3), quote);
    const open = triple ? 3 : 1;
    const raw = /r/i.test(prefix);
    let value = '';
    for (let i = quote + open; i < text.length; i++) {
        const char = text[i] ?? '';
        if (char === '\\' && !raw) {
            const next = text[i + 1] ?? '';
            value += { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' }[next] ?? `\\${next}`;
            i++;
            continue;
        }
        if (triple ? text.startsWith(q.repeat(3), i) : char === q)
            return { value, end: i + open };
        value += char;
    }
    return undefined;
}
const PY_ASSIGNMENT = /(?:^|[\s,(;{])([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*[A-Za-z_][\w.[\], |]*?)?\s*=(?!=)\s*([rRuUbBfF]{0,2})(['"])/g;
const PY_DICT_ENTRY = /(['"])([A-Za-z_][\w.-]*)\1\s*:\s*([rRuUbBfF]{0,2})(['"])/g;
/** Calls that read an env variable: `os.environ.get`, `os.getenv`, `setdefault`, `env(…)`, `env.str`, decouple `config`. */
const ENV_READ_CALL = '\\b(?:get|getenv|setdefault|env|str|config)\\s*';
const PY_ENV_DEFAULT = new RegExp(`${ENV_READ_CALL}\\(\\s*(['"])([A-Za-z_][\\w.-]*)\\1\\s*,\\s*(?:default\\s*=\\s*)?([rRuUbBfF]{0,2})(['"])`, 'g');
const PY_ENV_KEYWORD_DEFAULT = new RegExp(`${ENV_READ_CALL}\\(\\s*(['"])([A-Za-z_][\\w.-]*)\\1[^()\\n]*?\\bdefault\\s*=\\s*([rRuUbBfF]{0,2})(['"])`, 'g');
function findPythonValues(isName, lines) {
    const found = [];
    for (const line of lines) {
        const text = line.text;
        const seen = new Set();
        const take = (match, nameGroup, prefixGroup, form) => {
            const name = match[nameGroup] ?? '';
            if (!isName(name))
                return;
            const prefix = match[prefixGroup] ?? '';
            const quote = (match.index ?? 0) + match[0].length - 1;
            if (seen.has(quote))
                return;
            seen.add(quote);
            const literal = readPythonString(text, prefix, quote);
            if (!literal)
                return;
            // `'…' % x`, `'…'.format(x)`, `'…' + x`, `'…'[0]`: computed, not the literal itself.
            const after = text.slice(literal.end).trimStart();
            if (/^[.%[+*]/.test(after) || /^(if|for)\b/.test(after))
                return;
            // An f-string with a replacement field is a computation too.
            if (/f/i.test(prefix) && /\{(?!\{)/.test(literal.value.replace(/\{\{/g, '')))
                return;
            found.push({
                name,
                value: literal.value,
                line: line.number,
                offset: line.offset + quote,
                form,
            });
        };
        for (const match of text.matchAll(PY_ENV_DEFAULT))
            take(match, 2, 3, 'env-read default');
        for (const match of text.matchAll(PY_ENV_KEYWORD_DEFAULT))
            take(match, 2, 3, 'env-read default');
        for (const match of text.matchAll(PY_DICT_ENTRY))
            take(match, 2, 3, 'dict entry');
        for (const match of text.matchAll(PY_ASSIGNMENT)) {
            const before = text.slice(0, match.index ?? 0);
            const form = /\(\s*$|,\s*$/.test(before) || /\([^)]*$/.test(before) ? 'keyword argument' : 'assignment';
            take(match, 1, 2, form);
        }
    }
    return found;
}
/** `KEY=value`, `export KEY=value`, `ENV KEY=value`, `KEY: value`, `- KEY=value`, `"key": "value"`. */
const named_values_CONFIG_LINE = /^\s*(?:export\s+|ENV\s+|set\s+)?(?:-\s+)?(["']?)([A-Za-z_][\w.-]*)\1\s*(=|:(?=\s|$|["']))(.*)$/;
function findConfigValues(format, isName, lines) {
    const found = [];
    for (const line of lines) {
        const match = named_values_CONFIG_LINE.exec(line.text);
        if (!match)
            continue;
        const name = match[2] ?? '';
        if (!isName(name))
            continue;
        const rest = match[4] ?? '';
        const value = parseConfigValue(rest, format);
        if (value === undefined)
            continue;
        // Code in a config-looking line (docs, shell): `'PASSWORD': os.environ['DB_PASSWORD'],`,
        // `token=response.transaction.id,`.
        if (!/^\s*["']/.test(rest) &&
            (/^[A-Za-z_][\w.]*\s*[[(]/.test(value) ||
                /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)+,?$/.test(value)))
            continue;
        const at = line.text.indexOf(value, line.text.length - rest.length);
        found.push({
            name,
            value,
            line: line.number,
            offset: line.offset + (at === -1 ? line.text.length - rest.length : at),
            form: 'config entry',
        });
    }
    return found;
}
/** `"key": "value"` pairs anywhere on a line (JSON is often one line per object, or minified). */
const JSON_PAIR = /"([A-Za-z_][\w.-]*)"\s*:\s*"((?:\\.|[^"\\]){0,1000})"/g;
function findJsonValues(isName, lines) {
    const found = [];
    for (const line of lines) {
        for (const match of line.text.matchAll(JSON_PAIR)) {
            const name = match[1] ?? '';
            if (!isName(name))
                continue;
            let value;
            try {
                value = JSON.parse(`"${match[2] ?? ''}"`);
            }
            catch {
                continue;
            }
            const at = match.index + match[0].length - (match[2] ?? '').length - 1;
            found.push({
                name,
                value,
                line: line.number,
                offset: line.offset + at,
                form: 'config entry',
            });
        }
    }
    return found;
}
/**
 * Every literal assigned to a name `isName` accepts, in a file of a supported syntax. `lineHint`
 * (a global regex) selects the lines that can hold such a name; no other line is parsed.
 */
function findNamedValues(path, content, isName, lineHint) {
    const syntax = namedValueSyntaxOf(path);
    if (syntax === undefined)
        return [];
    const lines = lineHint ? linesMatching(content, lineHint) : splitLines(content);
    if (syntax === 'python')
        return findPythonValues(isName, lines);
    if (syntax === 'json')
        return findJsonValues(isName, lines);
    return findConfigValues(syntax, isName, lines);
}

;// CONCATENATED MODULE: ./src/secrets/rules/npm-token.ts


/** `npm_` + 36 letters and digits (https://github.blog/changelog/2021-09-23-npm-has-a-new-access-token-format/). */
const NPM_TOKEN_PATTERN = /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g;
const npm_token_FORMATS = [
    { pattern: NPM_TOKEN_PATTERN, minUnique: 12, describe: () => 'npm access token' },
];
function detectNpmTokens(file) {
    return detectTokenFormats(file, npm_token_FORMATS);
}
const npmToken = defineSecretRule({
    id: 'DDG118',
    name: 'npm-token',
    severity: 'critical',
    fix: 'Revoke the token on npmjs.com (Access Tokens) and publish with a granular token from a CI secret or with trusted publishing.',
    keywords: ['npm_'],
    detect: detectNpmTokens,
    docs: {
        summary: 'An npm access token is committed.',
        whatItDoes: 'Finds npm access tokens (`npm_` followed by 36 letters and digits) in any file: `.npmrc` ' +
            '(`//registry.npmjs.org/:_authToken=…`), CI files, the frontend beside a Django backend. In ' +
            'tests, fixtures and commented-out lines a hit is at most `low`.',
        whyBad: "A publish token releases new versions of the account's packages: a malicious version " +
            'reaches every install. Read-only tokens still expose private packages.',
        badExample: {
            file: 'frontend/.npmrc',
            content: ['//registry.npmjs.org/:_authToken={{secret:npm-token}}', ''].join('\n'),
        },
        goodExample: {
            file: 'frontend/.npmrc',
            content: ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}', ''].join('\n'),
        },
        useInstead: 'Reference the token from the environment in `.npmrc` (`${NPM_TOKEN}`), keep it in the CI ' +
            'secret store, prefer granular tokens with an expiry or trusted publishing, and revoke a ' +
            'committed token.',
        references: [
            'https://docs.npmjs.com/about-access-tokens',
            'https://docs.npmjs.com/using-private-packages-in-a-ci-cd-workflow',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/openai-api-key.ts


/**
 * OpenAI secret keys hold `T3BlbkFJ` (base64 of "OpenAI") between two random parts: legacy
 * `sk-…`, project `sk-proj-…`, service-account `sk-svcacct-…` and admin `sk-admin-…` keys.
 */
const OPENAI_KEY_PATTERN = /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,256}T3BlbkFJ[A-Za-z0-9_-]{20,256}(?![A-Za-z0-9_-])/g;
const openai_api_key_FORMATS = [
    { pattern: OPENAI_KEY_PATTERN, minUnique: 16, describe: () => 'OpenAI API key' },
];
function detectOpenAiKeys(file) {
    return detectTokenFormats(file, openai_api_key_FORMATS);
}
const openaiApiKey = defineSecretRule({
    id: 'DDG120',
    name: 'openai-api-key',
    severity: 'high',
    fix: 'Revoke the key on platform.openai.com (API keys) and read a new project key from the environment.',
    keywords: ['t3blbkfj'],
    detect: detectOpenAiKeys,
    docs: {
        summary: 'An OpenAI API key is committed.',
        whatItDoes: 'Finds OpenAI secret keys (`sk-`, `sk-proj-`, `sk-svcacct-`, `sk-admin-`) by the ' +
            '`T3BlbkFJ` marker every such key carries between its random parts. In tests, fixtures and ' +
            'commented-out lines a hit is at most `low`.',
        whyBad: "Usage is billed to the key's organization: leaked keys are used for free inference within " +
            'hours, up to the spending limit, and can read files, assistants and fine-tuned models of ' +
            'the project.',
        badExample: {
            file: 'assistant/settings.py',
            content: ['OPENAI_API_KEY = "{{secret:openai-api-key}}"', ''].join('\n'),
        },
        goodExample: {
            file: 'assistant/settings.py',
            content: ['import os', '', 'OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]', ''].join('\n'),
        },
        useInstead: 'Read the key from the environment or a secret store, use project keys with spending limits, ' +
            'and revoke a committed key.',
        references: [
            'https://platform.openai.com/docs/api-reference/authentication',
            'https://help.openai.com/en/articles/5112595-best-practices-for-api-key-safety',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/pypi-token.ts


/**
 * PyPI API tokens are macaroons: `pypi-` + base64 of a header naming the index (`pypi.org` is
 * `AgEIcHlwaS5vcmc`, `test.pypi.org` is `AgENdGVzdC5weXBpLm9yZw`) + the rest.
 * https://pypi.org/help/#apitoken
 */
const PYPI_TOKEN_PATTERN = /(?<![A-Za-z0-9_-])pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,}(?![A-Za-z0-9_-])/g;
const pypi_token_FORMATS = [
    {
        pattern: PYPI_TOKEN_PATTERN,
        minUnique: 16,
        describe: (match) => match[0].startsWith('pypi-AgEN') ? 'TestPyPI API token' : 'PyPI API token',
        severity: (match) => (match[0].startsWith('pypi-AgEN') ? 'medium' : undefined),
    },
];
function detectPyPiTokens(file) {
    return detectTokenFormats(file, pypi_token_FORMATS);
}
const pypiToken = defineSecretRule({
    id: 'DDG117',
    name: 'pypi-token',
    severity: 'critical',
    fix: 'Remove the token on PyPI (Account settings → API tokens) and publish with trusted publishing or a CI secret.',
    keywords: ['pypi-age'],
    detect: detectPyPiTokens,
    docs: {
        summary: 'A PyPI (or TestPyPI) API token is committed.',
        whatItDoes: 'Finds PyPI API tokens: `pypi-` followed by the macaroon header for pypi.org ' +
            '(`AgEIcHlwaS5vcmc…`) or test.pypi.org (`AgENdGVzdC5weXBpLm9yZw…`), in `.pypirc`, CI ' +
            'files, scripts or settings. PyPI tokens are `critical`, TestPyPI tokens `medium`. In ' +
            'tests, fixtures and commented-out lines a hit is at most `low`.',
        whyBad: 'An upload token publishes new releases of the project (or of every project of the account, ' +
            'for an account-wide token): a malicious release reaches everyone who installs it. This is ' +
            'how supply-chain attacks on Python packages start.',
        badExample: {
            file: '.pypirc',
            content: ['[pypi]', 'username = __token__', 'password = {{secret:pypi-token}}', ''].join('\n'),
        },
        goodExample: {
            file: '.github/workflows/publish.yml',
            content: [
                'jobs:',
                '  publish:',
                '    permissions:',
                '      id-token: write',
                '    steps:',
                '      - uses: pypa/gh-action-pypi-publish@release/v1',
                '',
            ].join('\n'),
        },
        useInstead: 'Publish with trusted publishing (OIDC) so no token exists; otherwise use a project-scoped ' +
            'token stored as a CI secret. Remove any token that was committed.',
        references: ['https://pypi.org/help/#apitoken', 'https://docs.pypi.org/trusted-publishers/'],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/sendgrid-api-key.ts


/** `SG.` + 22 + `.` + 43 URL-safe base64 characters (https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys). */
const SENDGRID_API_KEY_PATTERN = /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;
const sendgrid_api_key_FORMATS = [
    { pattern: SENDGRID_API_KEY_PATTERN, minUnique: 16, describe: () => 'SendGrid API key' },
];
function detectSendGridKeys(file) {
    return detectTokenFormats(file, sendgrid_api_key_FORMATS);
}
const sendgridApiKey = defineSecretRule({
    id: 'DDG112',
    name: 'sendgrid-api-key',
    severity: 'high',
    fix: 'Delete the key in SendGrid (Settings → API Keys), create one with the least scope needed and read it from the environment.',
    keywords: ['sg.'],
    detect: detectSendGridKeys,
    docs: {
        summary: 'A SendGrid API key is committed.',
        whatItDoes: 'Finds SendGrid API keys (`SG.` followed by two URL-safe base64 parts of 22 and 43 ' +
            'characters) in any file: `SENDGRID_API_KEY`, `ANYMAIL = {"SENDGRID_API_KEY": …}`, an SMTP ' +
            'password for `smtp.sendgrid.net`. In tests, fixtures and commented-out lines a hit is at ' +
            'most `low`.',
        whyBad: "A key with mail-send scope sends mail from the project's verified domain, which passes SPF " +
            "and DKIM: ideal for phishing the project's own users. Full-access keys also read contacts " +
            'and change the account. Providers suspend accounts that send abuse.',
        badExample: {
            file: 'shop/settings/production.py',
            content: [
                'EMAIL_BACKEND = "anymail.backends.sendgrid.EmailBackend"',
                'ANYMAIL = {"SENDGRID_API_KEY": "{{secret:sendgrid-api-key}}"}',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: 'shop/settings/production.py',
            content: [
                'import os',
                '',
                'EMAIL_BACKEND = "anymail.backends.sendgrid.EmailBackend"',
                'ANYMAIL = {"SENDGRID_API_KEY": os.environ["SENDGRID_API_KEY"]}',
                '',
            ].join('\n'),
        },
        useInstead: 'Read the key from the environment; give it only the Mail Send permission; delete any key ' +
            'that was committed.',
        references: [
            'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys',
            'https://anymail.dev/en/stable/esps/sendgrid/',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/sentry-auth-token.ts


/**
 * Organization tokens (`sntrys_` + base64 JSON + `_` + secret) and user tokens (`sntryu_` + 64
 * hex), https://docs.sentry.io/account/auth-tokens/; legacy auth tokens are 64 hex digits without
 * a prefix, so only on a line that names Sentry and a token.
 */
const SENTRY_TOKEN_PATTERN = /(?<![A-Za-z0-9_])(?:sntrys_[A-Za-z0-9+/=]{60,}_[A-Za-z0-9+/=]{20,}|sntryu_[0-9a-f]{64})(?![A-Za-z0-9_+/=])/g;
const LEGACY_TOKEN = /(?<![A-Za-z0-9_-])[0-9a-f]{64}(?![A-Za-z0-9_-])/g;
const sentry_auth_token_FORMATS = [
    { pattern: SENTRY_TOKEN_PATTERN, minUnique: 12, describe: () => 'Sentry auth token' },
    {
        pattern: LEGACY_TOKEN,
        minUnique: 12,
        describe: () => 'Sentry auth token',
        onLinesWith: /sentry/gi,
        accept: (_match, line) => /token/i.test(line),
    },
];
function detectSentryAuthTokens(file) {
    return detectTokenFormats(file, sentry_auth_token_FORMATS);
}
const sentryAuthToken = defineSecretRule({
    id: 'DDG115',
    name: 'sentry-auth-token',
    severity: 'high',
    fix: 'Revoke the token in Sentry (Settings → Auth Tokens) and pass a new one to CI as a secret (SENTRY_AUTH_TOKEN).',
    keywords: ['sntrys_', 'sntryu_', 'sentry'],
    detect: detectSentryAuthTokens,
    docs: {
        summary: 'A Sentry auth token is committed.',
        whatItDoes: 'Finds Sentry organization auth tokens (`sntrys_…`), user auth tokens (`sntryu_` + 64 hex ' +
            'digits) anywhere, and legacy 64-hex-digit tokens on a line that names Sentry and a token ' +
            '(`SENTRY_AUTH_TOKEN=…`, `.sentryclirc`). DSNs are a different rule ' +
            '(sentry-dsn-with-secret). In tests, fixtures and commented-out lines a hit is at most `low`.',
        whyBad: 'Auth tokens drive the Sentry API: they upload releases and source maps (a way to plant ' +
            'code in stack traces shown to developers), read every event with its request data and ' +
            "personal data, and, with user tokens, act as the user across the organization's projects.",
        badExample: {
            file: '.env.ci',
            content: ['SENTRY_ORG=shop', 'SENTRY_AUTH_TOKEN={{secret:sentry-auth-token}}', ''].join('\n'),
        },
        goodExample: {
            file: '.github/workflows/release.yml',
            content: [
                'jobs:',
                '  release:',
                '    steps:',
                '      - run: sentry-cli releases new "$GITHUB_SHA"',
                '        env:',
                '          SENTRY_AUTH_TOKEN: ${{ secrets.SENTRY_AUTH_TOKEN }}',
                '',
            ].join('\n'),
        },
        useInstead: 'Keep the token in the CI secret store and pass it as `SENTRY_AUTH_TOKEN`; use an ' +
            'organization token with only the release scopes; revoke a committed token.',
        references: [
            'https://docs.sentry.io/account/auth-tokens/',
            'https://docs.sentry.io/cli/configuration/',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/slack-token.ts



/**
 * `xoxb-` bot, `xoxp-` user, `xoxa-` app, `xoxr-` refresh, `xoxs-` session tokens: dash-separated
 * groups of letters and digits (https://api.slack.com/concepts/token-types). Each group is bounded
 * and ends at a `-`, so there is no ambiguous backtracking.
 */
const SLACK_TOKEN_PATTERN = /(?<![A-Za-z0-9])xox[baprs]-[0-9A-Za-z]{1,40}(?:-[0-9A-Za-z]{1,64}){1,5}/g;
/**
 * Incoming webhooks (https://api.slack.com/messaging/webhooks), with or without the scheme, and
 * the older ids that had lower-case letters.
 */
const WEBHOOK = /(?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9]{6,14}\/[A-Za-z0-9]{6,14}\/[A-Za-z0-9]{16,64}/g;
/**
 * Legacy integration URLs with the token in the query: `https://team.slack.com/services/hooks/
 * travis?token=…`, `…/services/hooks/incoming-webhook?token=…`.
 */
const LEGACY_HOOK = /https?:\/\/[a-z0-9-]{1,40}\.slack\.com\/services\/hooks\/[a-z0-9_-]{1,40}\?(?:[^\s'"#&]*&)?token=([A-Za-z0-9]{16,64})/g;
/**
 * Travis CI's Slack notification written in clear: `slack: team:token` (or `- team:token#channel`
 * under `rooms:`); `secure:` values are encrypted and not matched.
 * https://docs.travis-ci.com/user/notifications/#configuring-slack-notifications
 */
const TRAVIS_SLACK = [
    /^[ \t]*slack[ \t]*:[ \t]*["']?[a-z0-9][a-z0-9-]{0,40}:([A-Za-z0-9]{20,32})(?:#[\w-]+)?["']?[ \t]*$/gm,
    /^[ \t]*-[ \t]*["']?[a-z0-9][a-z0-9-]{0,40}:([A-Za-z0-9]{20,32})(?:#[\w-]+)?["']?[ \t]*$/gm,
];
function detectSlackTokens(file) {
    const index = createLineIndex(file.content);
    const matches = [];
    for (const match of file.content.matchAll(SLACK_TOKEN_PATTERN)) {
        const token = match[0];
        if (token.length < 24 || uniqueCharCount(token.slice(5)) < 8)
            continue;
        matches.push({
            line: index.lineAt(match.index),
            column: index.columnAt(match.index),
            secret: token,
            message: `Slack ${token.slice(0, 4)} token`,
        });
    }
    for (const match of file.content.matchAll(WEBHOOK)) {
        const url = match[0];
        const secretPart = url.slice(url.lastIndexOf('/') + 1);
        if (uniqueCharCount(secretPart) < 8)
            continue;
        matches.push({
            line: index.lineAt(match.index),
            column: index.columnAt(match.index),
            secret: url,
            message: 'Slack incoming-webhook URL',
        });
    }
    for (const match of file.content.matchAll(LEGACY_HOOK)) {
        const token = match[1] ?? '';
        if (uniqueCharCount(token) < 8)
            continue;
        matches.push({
            line: index.lineAt(match.index),
            column: index.columnAt(match.index),
            secret: token,
            message: 'Slack legacy integration webhook token',
        });
    }
    const travis = /(^|\/)\.travis\.ya?ml$/.test(file.path);
    for (const pattern of travis ? TRAVIS_SLACK : []) {
        for (const match of file.content.matchAll(pattern)) {
            const token = match[1] ?? '';
            if (uniqueCharCount(token) < 8 || !/[A-Z]/.test(token) || !/[a-z]/.test(token))
                continue;
            matches.push({
                line: index.lineAt(match.index),
                column: index.columnAt(match.index),
                secret: token,
                message: 'Slack token of the Travis CI notification',
            });
        }
    }
    return matches.sort((a, b) => a.line - b.line);
}
const slackToken = defineSecretRule({
    id: 'DDG107',
    name: 'slack-token',
    severity: 'high',
    fix: 'Revoke the token (or regenerate the webhook) in the Slack app settings and pass the new one through the environment.',
    keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-', 'slack'],
    detect: detectSlackTokens,
    docs: {
        summary: 'A Slack token or incoming-webhook URL is committed.',
        whatItDoes: 'Finds Slack API tokens (`xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`, `xoxs-` followed by ' +
            'dash-separated groups), incoming-webhook URLs (`https://hooks.slack.com/services/T…/B…/…`, ' +
            'also without the scheme), legacy integration URLs with the token in the query ' +
            '(`https://team.slack.com/services/hooks/travis?token=…`) and the Travis CI notification ' +
            'written in clear in `.travis.yml` (`slack: team:token`), ' +
            'for example in Django `LOGGING` handlers or error-reporting settings. Stand-ins with little ' +
            'character variety are ignored.',
        whyBad: 'A bot or user token reads and posts messages as the app or person, often across every ' +
            'channel it can see; a webhook URL lets anyone post into the channel, a ready phishing tool. ' +
            'Both remain valid until revoked.',
        badExample: {
            file: 'config/settings/production.py',
            content: [
                'SLACK_WEBHOOK_URL = "{{secret:slack-webhook}}"',
                'SLACK_BOT_TOKEN = "{{secret:slack-token}}"',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: 'config/settings/production.py',
            content: [
                'import os',
                '',
                'SLACK_WEBHOOK_URL = os.environ["SLACK_WEBHOOK_URL"]',
                'SLACK_BOT_TOKEN = os.environ["SLACK_BOT_TOKEN"]',
                '',
            ].join('\n'),
        },
        useInstead: 'Keep tokens and webhook URLs in the deployment environment or a secret store, and rotate ' +
            'any that were committed (Slack app settings → OAuth & Permissions / Incoming Webhooks).',
        references: [
            'https://api.slack.com/concepts/token-types',
            'https://api.slack.com/authentication/best-practices',
            'https://api.slack.com/messaging/webhooks',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/stripe-secret-key.ts



/** Secret (`sk_`) and restricted (`rk_`) keys: https://docs.stripe.com/keys */
const STRIPE_KEY_PATTERN = /(?<![A-Za-z0-9_])([sr]k)_(live|test)_([0-9A-Za-z]{24,247})(?![A-Za-z0-9_])/g;
function detectStripeKeys(file) {
    const index = createLineIndex(file.content);
    const matches = [];
    for (const match of file.content.matchAll(STRIPE_KEY_PATTERN)) {
        const [key, type, mode, body] = match;
        if (uniqueCharCount(body ?? '') < 10)
            continue;
        const live = mode === 'live';
        const what = type === 'rk' ? 'restricted key' : 'secret key';
        const found = {
            line: index.lineAt(match.index),
            column: index.columnAt(match.index),
            secret: key,
            message: live ? `Stripe live ${what}` : `Stripe test-mode ${what}`,
        };
        // Test-mode keys move no money but still expose the account's test data and settings.
        if (!live)
            found.severity = 'low';
        matches.push(found);
    }
    return matches;
}
const stripeSecretKey = defineSecretRule({
    id: 'DDG108',
    name: 'stripe-secret-key',
    severity: 'critical',
    fix: 'Roll the key in the Stripe dashboard and read it from the environment (e.g. STRIPE_SECRET_KEY).',
    keywords: ['sk_live_', 'rk_live_', 'sk_test_', 'rk_test_'],
    detect: detectStripeKeys,
    docs: {
        summary: 'A Stripe secret or restricted key is committed.',
        whatItDoes: 'Finds Stripe secret keys (`sk_live_`, `sk_test_`) and restricted keys (`rk_live_`, ' +
            '`rk_test_`) followed by at least 24 letters and digits. Live keys are `critical`; test-mode ' +
            'keys are `low`. Publishable keys (`pk_…`) are meant to be public and are not reported.',
        whyBad: 'A live secret key can create charges and refunds, read customer and payment data and change ' +
            'the account. Stripe and attackers scan public code for the prefix; the key works until it ' +
            'is rolled.',
        badExample: {
            file: 'shop/settings.py',
            content: ['STRIPE_SECRET_KEY = "{{secret:stripe-live-key}}"', ''].join('\n'),
        },
        goodExample: {
            file: 'shop/settings.py',
            content: [
                'import os',
                '',
                'STRIPE_SECRET_KEY = os.environ["STRIPE_SECRET_KEY"]',
                'STRIPE_PUBLISHABLE_KEY = "pk_live_0000000000000000000000000"',
                '',
            ].join('\n'),
        },
        useInstead: 'Load the key from the environment or a secret manager; use restricted keys with the minimum ' +
            'permissions; roll any key that was committed.',
        references: [
            'https://docs.stripe.com/keys',
            'https://docs.stripe.com/keys-best-practices',
            'https://docs.stripe.com/keys#rolling-keys',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/telegram-bot-token.ts


/**
 * `<bot id>:<35 characters>`; the secret part of every token issued since 2015 starts with `AA`
 * (https://core.telegram.org/bots/api#authorizing-your-bot).
 */
const TELEGRAM_BOT_TOKEN_PATTERN = /(?<![A-Za-z0-9_:-])\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/g;
const telegram_bot_token_FORMATS = [
    { pattern: TELEGRAM_BOT_TOKEN_PATTERN, minUnique: 12, describe: () => 'Telegram bot token' },
];
function detectTelegramBotTokens(file) {
    return detectTokenFormats(file, telegram_bot_token_FORMATS);
}
const telegramBotToken = defineSecretRule({
    id: 'DDG111',
    name: 'telegram-bot-token',
    severity: 'high',
    fix: 'Revoke the token with @BotFather (/revoke), and read the new one from the environment.',
    keywords: [':aa'],
    detect: detectTelegramBotTokens,
    docs: {
        summary: 'A Telegram bot token is committed.',
        whatItDoes: 'Finds Telegram Bot API tokens: a numeric bot id of 8 to 10 digits, `:`, then 35 ' +
            'characters starting with `AA`, in any file (notification settings, logging handlers, ' +
            'scripts). In tests, fixtures and commented-out lines a hit is at most `low`.',
        whyBad: 'The token is the bot: whoever has it reads every message sent to the bot, posts as it in ' +
            'every chat it belongs to (alerts channels, customer groups) and can change its webhook to ' +
            'intercept updates. It stays valid until it is revoked.',
        badExample: {
            file: 'alerts/settings.py',
            content: ['TELEGRAM_BOT_TOKEN = "{{secret:telegram-bot-token}}"', ''].join('\n'),
        },
        goodExample: {
            file: 'alerts/settings.py',
            content: ['import os', '', 'TELEGRAM_BOT_TOKEN = os.environ["TELEGRAM_BOT_TOKEN"]', ''].join('\n'),
        },
        useInstead: 'Keep the token in the deployment environment or a secret store; revoke a committed token ' +
            'with @BotFather and issue a new one.',
        references: [
            'https://core.telegram.org/bots/api#authorizing-your-bot',
            'https://core.telegram.org/bots/features#botfather',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/named-credential-literal.ts





















/**
 * Values another detector recognises by their shape and reports with more to say (rotation
 * advice for the vendor, pairing): this rule leaves them to it, so one value is one finding.
 */
const OWNED_BY_FORMAT_RULES = [
    AWS_ACCESS_KEY_ID_PATTERN,
    ...GITHUB_TOKEN_PATTERNS,
    GITLAB_TOKEN_PATTERN,
    GOOGLE_API_KEY_PATTERN,
    MAILGUN_LEGACY_KEY_PATTERN,
    NPM_TOKEN_PATTERN,
    OPENAI_KEY_PATTERN,
    PYPI_TOKEN_PATTERN,
    SENDGRID_API_KEY_PATTERN,
    SENTRY_TOKEN_PATTERN,
    SLACK_TOKEN_PATTERN,
    STRIPE_KEY_PATTERN,
    TELEGRAM_BOT_TOKEN_PATTERN,
].map((pattern) => new RegExp(pattern.source, pattern.flags.replace('g', '')));
/**
 * A line that may hold a credential name: one of the stems of every credential name
 * (case-insensitive), in one regex pass over the file.
 */
const LINE_HINT = new RegExp(CREDENTIAL_NAME_KEYWORDS.join('|'), 'gi');
/** `eyJ…` JWTs, PEM blocks and URLs are judged by their own rules. */
const OWNED_SHAPES = /^(eyJ[\w-]+\.eyJ|-----BEGIN |[a-z][a-z0-9+.-]*:\/\/)/i;
function isOwnedElsewhere(value, content, kind) {
    if (OWNED_SHAPES.test(value))
        return true;
    if (OWNED_BY_FORMAT_RULES.some((pattern) => pattern.test(value)))
        return true;
    if (VENDOR_PREFIX.test(value) && !/^whsec_[A-Za-z0-9]{24,}$/.test(value))
        return true;
    // An AWS secret next to its key id is reported as a pair by aws-access-key.
    return kind === 'secret access key' && /(?:AKIA|ASIA)[A-Z0-9]{16}/.test(content);
}
/**
 * `'HOST': '…'` / `'ENGINE': '…'` entries of a Django DATABASES dict on one line, also as the
 * literal default of an env read (`'HOST': os.environ.get('DB_HOST', 'database')`).
 */
const DATABASE_ENTRY = /["'](HOST|ENGINE)["']\s*:\s*(?:[\w.]+\(\s*["'][^"']*["']\s*,\s*(?:default\s*=\s*)?)?["']([^"']*)["']/;
/**
 * A vendor's prefix on a value that the vendor's rule did not recognise is a stand-in for that
 * vendor's token (`sk_test_x`, `ghp_yourtoken`, `xoxb-your-token`): a real one would have matched.
 */
const VENDOR_PREFIX = /^(?:[srp]k_(?:live|test)_|gh[pousr]_|github_pat_|xox[abprs]-|AKIA|ASIA|AIza|SG\.|gl(?:pat|dt|rt|ptt)-|npm_|pypi-|sntry[su]_|key-|sk-(?:proj-)?|whsec_)/;
/**
 * The HOST and ENGINE written next to a password (within the 8 lines around it, the size of a
 * DATABASES entry), so the default-credential judgement can tell a local database's password.
 */
function databaseNeighbours(lines, line) {
    const found = {};
    for (let i = Math.max(0, line - 9); i < Math.min(lines.length, line + 8); i++) {
        const entry = DATABASE_ENTRY.exec(lines[i] ?? '');
        if (entry?.[1] === 'HOST')
            found.host ??= entry[2] ?? '';
        if (entry?.[1] === 'ENGINE')
            found.engine ??= entry[2] ?? '';
    }
    return found;
}
function detectNamedCredentials(file) {
    // A committed .env file is one finding, naming its secret keys (dotenv-file-committed).
    if (isDotenvPath(file.path))
        return [];
    const settings = isSettingsShapedPath(file.path);
    let index;
    let lines;
    const matches = [];
    // A lower-case `secret_key` in application code is not Django's key (DDG101 leaves it), but it
    // is still a credential by name.
    const kindOf = (name) => credentialKindOfName(name) ??
        (isDjangoKeyName(name) && !settings && name !== name.toUpperCase() ? 'secret' : undefined);
    const values = findNamedValues(file.path, file.content, (name) => kindOf(name) !== undefined, LINE_HINT);
    for (const named of values) {
        const kind = kindOf(named.name) ?? 'credential';
        const value = named.value.trim();
        if (!isPlausibleCredential(value) && defaultCredentialReason({ password: value }) === undefined)
            continue;
        if (isPasswordHash(value))
            continue;
        if (isOwnedElsewhere(value, file.content, kind))
            continue;
        const defaultReason = defaultCredentialReason({
            password: value,
            ...(kind === 'password'
                ? databaseNeighbours((lines ??= file.content.split(/\r\n|\r|\n/)), named.line)
                : {}),
        });
        const where = settings ? 'in settings' : `(${named.form})`;
        const match = {
            line: named.line,
            column: (index ??= createLineIndex(file.content)).columnAt(named.offset),
            secret: value,
            message: defaultReason
                ? `${named.name} holds a default credential (${defaultReason}) ${where}`
                : `${named.name} is assigned a literal ${kind} ${where}`,
        };
        // Settings-shaped files are where Django reads credentials; elsewhere the name is a weaker hint.
        if (defaultReason)
            match.severity = 'low';
        else if (settings)
            match.severity = 'high';
        matches.push(match);
    }
    return matches;
}
const namedCredentialLiteral = defineSecretRule({
    id: 'DDG122',
    name: 'named-credential-literal',
    severity: 'medium',
    fix: 'Read the value from the environment (or a secret store) instead of the file, and rotate the committed credential.',
    keywords: CREDENTIAL_NAME_KEYWORDS,
    // Values in CI files and documentation are usually throwaway or illustrative.
    lowIn: ['ci', 'docs'],
    detect: detectNamedCredentials,
    docs: {
        summary: 'A value assigned to a credential-named key (`*_PASSWORD`, `*_TOKEN`, `*_API_KEY`…) is a literal.',
        whatItDoes: 'Reads assignments line by line in Python (`NAME = "…"`, keyword arguments, dict entries, ' +
            'env-read defaults such as `os.environ.get("NAME", "…")` and `env("NAME", default="…")`), ' +
            'YAML, JSON, INI, TOML, shell scripts, Dockerfiles and documentation (committed .env files ' +
            'are one finding each, by dotenv-file-committed), and ' +
            'reports a literal given to a name that says it is a credential: ending in PASSWORD, PASSWD, ' +
            "PASSPHRASE, PASS, PWD, SECRET, SECRET_KEY (not Django's own), SECRET_ACCESS_KEY, " +
            'CLIENT_SECRET, TOKEN, AUTH_TOKEN, ACCESS_TOKEN, API_KEY, ACCESS_KEY, PRIVATE_KEY, ' +
            'SIGNING_KEY or CREDENTIALS, in any case or spelling (`clientSecret`, `api-key`), also with ' +
            'a suffix such as `_PROD`. Public values (`*_PUBLIC_KEY`, `*_PUBLISHABLE_KEY`, anti-CSRF ' +
            'tokens) and names of things (`PASSWORD_FIELD`, `TOKEN_TYPE`) are not credentials. The value ' +
            'must pass a strength test: at least 8 characters without spaces, some variety, not a ' +
            'placeholder, template or env variable name. Values another rule recognises by their shape ' +
            '(vendor tokens, URLs with a password, JWTs, PEM keys) are left to it. Severity `high` in ' +
            'settings-shaped Python files, `medium` elsewhere, `low` for a well-known default password, ' +
            'and at most `low` on commented-out lines, in tests, fixtures, CI configuration and ' +
            'documentation. The message names the key and never the value. The evaluated production ' +
            'settings are judged more precisely by credential-setting-literal (DDG226).',
        whyBad: 'A password or token in a committed file is readable by everyone with access to the ' +
            'repository, its forks, CI caches and history, and it stays in history after it is ' +
            'removed. Credentials that are not in a vendor format are invisible to most scanners, so ' +
            'they tend to stay valid for years.',
        badExample: {
            file: 'deploy/values.yaml',
            content: [
                'app:',
                '  database:',
                '    host: db.internal.example.com',
                '    password: "{{secret:db-password}}"',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: 'deploy/values.yaml',
            content: [
                'app:',
                '  database:',
                '    host: db.internal.example.com',
                '    password: ${DATABASE_PASSWORD}',
                '',
            ].join('\n'),
        },
        useInstead: 'Reference the value from the environment (`${VAR}`, `env("VAR")`, `os.environ["VAR"]`) ' +
            "or the platform's secret store, keep placeholders in committed templates, and rotate any " +
            'credential that was committed.',
        references: [
            'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/',
            'https://12factor.net/config',
            'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/private-key-committed.ts



const BEGIN = /-----BEGIN ((?:RSA |EC |DSA |ENCRYPTED |OPENSSH )?)PRIVATE KEY-----/g;
/** How far an END marker is looked for; a 16384-bit RSA key in PEM is about 13 KB. */
const MAX_BLOCK = 64 * 1024;
const MIN_BODY = 64;
/**
 * The base64 body of a block: whitespace, escaped newlines (`\n` inside JSON or Python strings),
 * string quoting and RFC 1421 headers (`Proc-Type:`, `DEK-Info:`) removed.
 */
function bodyOf(block) {
    return block
        .replace(/\\[nr]/g, '\n')
        .split(/\r\n|\r|\n/)
        .filter((line) => !line.includes(':'))
        .join('')
        .replace(/["'+,\s]/g, '');
}
function detectPrivateKeys(file) {
    const { content } = file;
    const index = createLineIndex(content);
    const matches = [];
    // Next END marker per type, so many BEGIN markers without an END do not rescan the file.
    const nextEnd = new Map();
    for (const begin of content.matchAll(BEGIN)) {
        const type = begin[1] ?? '';
        const bodyStart = begin.index + begin[0].length;
        const cached = nextEnd.get(type);
        const endIndex = cached !== undefined && (cached === -1 || cached >= bodyStart)
            ? cached
            : content.indexOf(`-----END ${type}PRIVATE KEY-----`, bodyStart);
        nextEnd.set(type, endIndex);
        if (endIndex === -1 || endIndex - bodyStart > MAX_BLOCK)
            continue;
        const body = bodyOf(content.slice(bodyStart, endIndex));
        // A documentation stub (`...`, `<key>`, `MIIE…`) is not a key: ask for a real base64 body.
        if (body.length < MIN_BODY || !/^[A-Za-z0-9+/=]+$/.test(body) || uniqueCharCount(body) < 16)
            continue;
        matches.push({
            line: index.lineAt(begin.index),
            endLine: index.lineAt(endIndex),
            column: index.columnAt(begin.index),
            secret: body,
            message: `${type.trim() === '' ? '' : `${type.trim()} `}private key block committed`,
        });
    }
    return matches;
}
const privateKeyCommitted = defineSecretRule({
    id: 'DDG103',
    name: 'private-key-committed',
    severity: 'critical',
    fix: 'Remove the key from the repository, revoke it wherever it is trusted and load a new one from a secret store at runtime.',
    keywords: ['private key-----'],
    detect: detectPrivateKeys,
    docs: {
        summary: 'A PEM or OpenSSH private key is committed.',
        whatItDoes: 'Finds `-----BEGIN PRIVATE KEY-----` blocks (also RSA, EC, DSA, ENCRYPTED and OPENSSH) that ' +
            'have a matching END marker and a base64 body of at least 64 characters, including keys ' +
            'embedded in JSON or Python strings with `\\n` escapes (e.g. a service-account file). It ' +
            'reports the BEGIN line and the END line. Stubs such as `...` or `<your key>` are ignored.',
        whyBad: 'A private key proves identity: whoever holds it can sign JWTs, decrypt TLS traffic, log in ' +
            'over SSH, push to deploy targets or impersonate a service account. A key in git is readable ' +
            'by every clone and stays in history after deletion; an ENCRYPTED key is only as strong as ' +
            'its passphrase, which can be attacked offline.',
        badExample: {
            file: 'deploy/jwt-signing.pem',
            content: '{{secret:pem-private-key}}\n',
        },
        goodExample: {
            file: 'deploy/README.md',
            content: [
                'The signing key is mounted from the secret store at /run/secrets/jwt-signing.pem.',
                'It looks like:',
                '',
                '    -----BEGIN PRIVATE KEY-----',
                '    ...',
                '    -----END PRIVATE KEY-----',
                '',
            ].join('\n'),
        },
        useInstead: 'Keep keys in a secret manager or the platform (Docker/Kubernetes secrets, GitHub Actions ' +
            'secrets, a KMS) and read them from a file path or environment variable at runtime. Revoke ' +
            'and replace a key that was committed.',
        references: [
            'https://datatracker.ietf.org/doc/html/rfc7468',
            'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/reviewing-your-ssh-keys',
            'https://docs.github.com/en/code-security/secret-scanning/working-with-secret-scanning-and-push-protection/remediating-a-leaked-secret',
            'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/sentry-dsn-with-secret.ts



/**
 * Old-format Sentry DSNs carry a secret key after the public one:
 * `https://<public key>:<secret key>@sentry.io/<project id>`. Current DSNs hold only the public
 * key and are meant to be public; the secret part is deprecated but still accepted by self-hosted
 * Sentry, and it is a credential.
 * https://develop.sentry.dev/sdk/overview/#parsing-the-dsn
 */
/** `https://<32 hex>:<32 hex>@host/<project id>`: an old-format DSN with its secret key. */
function isSentryDsnWithSecret(credentials) {
    return ((credentials.scheme === 'https' || credentials.scheme === 'http') &&
        /^[0-9a-f]{32}$/.test(credentials.user) &&
        /^[0-9a-f]{32}$/.test(credentials.password) &&
        /^(?:[\w.-]+\/)*\d+\/?$/.test(credentials.path) &&
        new Set(credentials.password).size >= 8);
}
function detectSentryDsnSecrets(file) {
    const index = createLineIndex(file.content);
    const matches = [];
    for (const credentials of findUrlCredentials(file.content)) {
        if (!isSentryDsnWithSecret(credentials))
            continue;
        matches.push({
            line: index.lineAt(credentials.passwordIndex),
            column: index.columnAt(credentials.index),
            secret: credentials.password,
            message: `Sentry DSN with its secret key (old format) for host ${credentials.host}`,
        });
    }
    return matches;
}
const sentryDsnWithSecret = defineSecretRule({
    id: 'DDG116',
    name: 'sentry-dsn-with-secret',
    severity: 'medium',
    fix: 'Use the DSN without its secret part (Client Keys page), revoke the old key, and read SENTRY_DSN from the environment.',
    keywords: ['sentry', 'raven', 'dsn'],
    detect: detectSentryDsnSecrets,
    docs: {
        summary: 'A Sentry DSN in the old format, with its secret key, is committed.',
        whatItDoes: 'Finds `https://<public key>:<secret key>@host/<project id>` DSNs (two 32-hex-digit keys ' +
            'and a numeric project id) in any file: `SENTRY_DSN` settings, `sentry_sdk.init(dsn=…)`, ' +
            '`RAVEN_CONFIG`. Current DSNs without the `:secret` part are public by design and not ' +
            'reported. The secret key is hashed for the fingerprint and never shown. In tests, fixtures ' +
            'and commented-out lines a hit is at most `low`.',
        whyBad: 'The secret key authenticated server-side clients in the old protocol: with it, anyone can ' +
            'post events into the project (exhausting its quota or hiding real errors in noise), and ' +
            'self-hosted installs still accept it. Severity medium: the reach is the error tracker, not ' +
            "the project's data.",
        badExample: {
            file: 'config/settings/production.py',
            content: [
                'import sentry_sdk',
                '',
                'sentry_sdk.init(dsn="{{secret:sentry-dsn-secret}}")',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: 'config/settings/production.py',
            content: [
                'import os',
                '',
                'import sentry_sdk',
                '',
                'sentry_sdk.init(dsn=os.environ.get("SENTRY_DSN"))',
                '',
            ].join('\n'),
        },
        useInstead: "Copy the current DSN (public key only) from the project's Client Keys page, read it from " +
            'the environment, and revoke the key whose secret was committed.',
        references: [
            'https://docs.sentry.io/concepts/key-terms/dsn-explainer/',
            'https://develop.sentry.dev/sdk/overview/#parsing-the-dsn',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/twilio-auth-token.ts


/**
 * Twilio auth tokens and API key secrets are 32 characters with no prefix, so the shape alone
 * proves nothing: a 32-hex-digit word counts on a line that names Twilio and a token or secret
 * (`TWILIO_AUTH_TOKEN = "…"`), or as the password of an `AC…` account SID in a URL. Account and
 * API key SIDs (`AC…`, `SK…`) are identifiers, not secrets.
 * https://www.twilio.com/docs/iam/credentials/api
 */
const TOKEN_ON_TWILIO_LINE = /(?<![A-Za-z0-9_-])[0-9a-f]{32}(?![A-Za-z0-9_-])/g;
const SID_WITH_TOKEN = /(?<![A-Za-z0-9_-])AC[0-9a-f]{32}:([0-9a-f]{32})@/g;
const twilio_auth_token_FORMATS = [
    {
        pattern: TOKEN_ON_TWILIO_LINE,
        minUnique: 7,
        describe: () => 'Twilio auth token',
        onLinesWith: /twilio/gi,
        accept: (_match, line) => /token|secret|auth/i.test(line),
    },
    {
        pattern: SID_WITH_TOKEN,
        secretGroup: 1,
        minUnique: 7,
        describe: () => 'Twilio auth token in a URL with its account SID',
    },
];
function detectTwilioTokens(file) {
    return detectTokenFormats(file, twilio_auth_token_FORMATS);
}
const twilioAuthToken = defineSecretRule({
    id: 'DDG114',
    name: 'twilio-auth-token',
    severity: 'high',
    fix: 'Rotate the auth token (or delete the API key) in the Twilio console and read the new one from the environment.',
    keywords: ['twilio'],
    detect: detectTwilioTokens,
    docs: {
        summary: 'A Twilio auth token or API key secret is committed.',
        whatItDoes: 'Finds 32-hex-digit Twilio secrets on a line that names Twilio and a token, secret or auth ' +
            '(`TWILIO_AUTH_TOKEN = "…"`, `"twilio": {"auth_token": …}`), and the password of an ' +
            '`AC…` account SID in a URL. Account SIDs (`AC…`) and API key SIDs (`SK…`) alone are ' +
            'identifiers and are not reported. In tests, fixtures and commented-out lines a hit is at ' +
            'most `low`.',
        whyBad: 'The auth token is the account password for the API: it sends SMS and makes calls on the ' +
            "project's bill (toll fraud runs up thousands quickly), reads message logs with customers' " +
            'phone numbers, and can buy numbers or change webhooks.',
        badExample: {
            file: 'notify/settings.py',
            content: [
                'TWILIO_ACCOUNT_SID = "AC00000000000000000000000000000000"',
                'TWILIO_AUTH_TOKEN = "{{secret:twilio-auth-token}}"',
                '',
            ].join('\n'),
        },
        goodExample: {
            file: 'notify/settings.py',
            content: [
                'import os',
                '',
                'TWILIO_ACCOUNT_SID = os.environ["TWILIO_ACCOUNT_SID"]',
                'TWILIO_AUTH_TOKEN = os.environ["TWILIO_AUTH_TOKEN"]',
                '',
            ].join('\n'),
        },
        useInstead: 'Use an API key (SK… SID plus secret) scoped to the application, read it from the ' +
            'environment, and rotate the primary auth token if it was committed.',
        references: [
            'https://www.twilio.com/docs/iam/credentials/api',
            'https://www.twilio.com/docs/usage/security#protect-your-twilio-credentials',
        ],
    },
});

;// CONCATENATED MODULE: ./src/secrets/rules/index.ts






















/** Every secret detector, sorted by id. */
const secretRules = [
    djangoSecretKeyCommitted, // DDG101
    dotenvFileCommitted, // DDG102
    privateKeyCommitted, // DDG103
    databaseUrlWithPassword, // DDG104
    awsAccessKey, // DDG105
    githubToken, // DDG106
    slackToken, // DDG107
    stripeSecretKey, // DDG108
    emailUrlWithPassword, // DDG109
    googleApiKey, // DDG110
    telegramBotToken, // DDG111
    sendgridApiKey, // DDG112
    mailgunApiKey, // DDG113
    twilioAuthToken, // DDG114
    sentryAuthToken, // DDG115
    sentryDsnWithSecret, // DDG116
    pypiToken, // DDG117
    npmToken, // DDG118
    gitlabToken, // DDG119
    openaiApiKey, // DDG120
    jwtCommitted, // DDG121
    namedCredentialLiteral, // DDG122
];

;// CONCATENATED MODULE: ./src/core/text-decode.ts
/**
 * Turns blob bytes into text the detectors can read. Pure.
 *
 * Binary: a NUL byte in the first 8000 bytes, the same heuristic git itself uses
 * (`buffer_is_binary`, xdiff-interface.c, FIRST_FEW_BYTES = 8000).
 * Text: strict UTF-8 first; bytes that aren't valid UTF-8 are read as Latin-1, so a settings file
 * saved in ISO-8859-1 is still scanned (every byte maps to one code point, line breaks stay put).
 */
const FIRST_FEW_BYTES = 8000;
/**
 * Files (tree) and blobs (history) larger than this are read up to it; the rest is not scanned.
 * Documented in the README.
 */
const DEFAULT_MAX_FILE_BYTES = (/* unused pure expression or super */ null && (2 * 1024 * 1024));
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const latin1 = new TextDecoder('latin1');
function isBinaryContent(bytes) {
    // A Buffer view (no copy): its indexOf is memchr, ~30x faster than a loop over the bytes,
    // which showed up in history scans that test every blob.
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, FIRST_FEW_BYTES));
    return head.indexOf(0) !== -1;
}
/** Decoded text, or undefined for binary content. */
function decodeBlob(bytes, truncated = false) {
    if (isBinaryContent(bytes))
        return undefined;
    try {
        // A cut at the size limit may split a multi-byte character: decode in streaming mode so the
        // dangling bytes are dropped instead of failing the whole blob over to Latin-1.
        return truncated ? utf8.decode(bytes, { stream: true }) : utf8.decode(bytes);
    }
    catch {
        return latin1.decode(bytes);
    }
    finally {
        if (truncated) {
            // Reset the streaming decoder's state for the next blob.
            try {
                utf8.decode();
            }
            catch {
                // Dangling partial character: dropped on purpose.
            }
        }
    }
}

;// CONCATENATED MODULE: ./src/core/docs-url.ts
/** Where the generated rule docs live; findings and SARIF link here. */
const REPOSITORY_URL = 'https://github.com/django-deploy-guard/django-deploy-guard';
function docsUrlFor(ruleName) {
    return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleName}.md`;
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./src/core/fingerprint.ts

/**
 * Hashing helpers. `node:crypto` is pure computation, so the core may use it.
 * A secret is hashed once at birth; only the hash travels on.
 */
function sha256Hex(text) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256').update(text, 'utf8').digest('hex');
}
/** A short, stable id from parts; never includes a secret in clear (pass its hash). */
function fingerprintOf(...parts) {
    return sha256Hex(parts.join('\u0000')).slice(0, 16);
}
/** Hash of a secret value, salted by purpose so it can't be matched against other tools' tables. */
function hashSecret(value) {
    return sha256Hex(`django-deploy-guard:secret:${value}`).slice(0, 32);
}
/** Shortest fingerprint prefix an allowlist or baseline entry may use. */
const MIN_FINGERPRINT_PREFIX = 8;
/**
 * Finds what a written fingerprint names: the full one, or a prefix of at least 8 characters that
 * only one finding of the run starts with (reports show the full 16; people paste the first 8).
 */
function matchFingerprint(written, fingerprints) {
    const text = written.trim().toLowerCase();
    if (fingerprints.includes(text))
        return { match: text };
    if (text.length < MIN_FINGERPRINT_PREFIX)
        return { none: true };
    const candidates = [...new Set(fingerprints.filter((fp) => fp.startsWith(text)))];
    if (candidates.length === 1)
        return { match: candidates[0] };
    return candidates.length > 1 ? { ambiguous: candidates.length } : { none: true };
}

;// CONCATENATED MODULE: ./src/core/types.ts
/**
 * The data every part of the pipeline shares. This module is pure: no I/O, no `@actions/*`.
 */
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
/** `never` disables failing; any severity fails the run at or above it. */
const FAIL_LEVELS = [...SEVERITIES, 'never'];
const SEVERITY_RANK = {
    critical: 4,
    high: 3,
    medium: 2,
    low: 1,
    info: 0,
};
function isAtOrAbove(severity, level) {
    if (level === 'never')
        return false;
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[level];
}
function types_compareSeverity(a, b) {
    return SEVERITY_RANK[b] - SEVERITY_RANK[a];
}

;// CONCATENATED MODULE: ./src/core/finding.ts



function fingerprintOfIdentity(identity) {
    switch (identity.kind) {
        case 'secret':
            return fingerprintOf('secret', identity.secretHash);
        case 'path':
            return fingerprintOf(identity.ruleId, identity.file, identity.detail ?? '');
        case 'setting':
            return fingerprintOf(identity.ruleId, identity.module, identity.setting ?? '', identity.detail ?? '');
    }
}
/**
 * Redacted evidence of a secret value: at most its first 4 characters (fewer for short values)
 * and its length in code points. Never more.
 */
function redactedEvidence(value) {
    const chars = Array.from(value);
    const shown = Math.min(4, Math.floor(chars.length / 4));
    return `${chars.slice(0, shown).join('')}… (${chars.length} chars)`;
}
function createFinding(input) {
    const severity = input.severity ?? input.rule.severity;
    const current = input.current ?? input.source !== 'history';
    const location = {
        source: input.source,
        ruleId: input.rule.id,
        file: input.file,
        line: Math.max(1, input.line),
        current,
        severity,
    };
    if (input.endLine !== undefined)
        location.endLine = input.endLine;
    if (input.column !== undefined)
        location.column = input.column;
    if (input.endColumn !== undefined)
        location.endColumn = input.endColumn;
    // A history occurrence is at its commit; a current line is in today's tree, whatever its history.
    if (!current && input.commit !== undefined)
        location.commit = input.commit;
    if (!current && input.authorDate !== undefined)
        location.authorDate = input.authorDate;
    if (input.setting !== undefined)
        location.setting = input.setting;
    if (input.context !== undefined)
        location.context = input.context;
    const finding = {
        ruleId: input.rule.id,
        name: input.rule.name,
        severity,
        message: input.message,
        file: location.file,
        line: location.line,
        fingerprint: fingerprintOfIdentity(input.identity),
        source: input.source,
        current,
        docsUrl: docsUrlFor(input.rule.name),
        fix: input.fix ?? input.rule.fix,
        locations: [location, ...(input.moreLocations ?? [])],
    };
    if (location.endLine !== undefined)
        finding.endLine = location.endLine;
    if (location.column !== undefined)
        finding.column = location.column;
    if (location.endColumn !== undefined)
        finding.endColumn = location.endColumn;
    const evidence = input.evidence ?? (input.secret !== undefined ? redactedEvidence(input.secret) : undefined);
    if (evidence !== undefined)
        finding.evidence = evidence;
    if (input.secretHash !== undefined)
        finding.secretHash = input.secretHash;
    else if (input.identity.kind === 'secret')
        finding.secretHash = input.identity.secretHash;
    if (input.envVar !== undefined)
        finding.envVar = input.envVar;
    if (input.suppressed !== undefined)
        finding.suppressed = input.suppressed;
    if (input.undecided)
        finding.undecided = true;
    if (input.commit !== undefined)
        finding.commit = input.commit;
    if (input.authorDate !== undefined)
        finding.authorDate = input.authorDate;
    if (input.inHead !== undefined)
        finding.inHead = input.inHead;
    if (input.refs !== undefined)
        finding.refs = input.refs;
    return finding;
}
const SOURCE_RANK = { tree: 0, settings: 1, history: 2 };
/** The finding whose location and rule represent a merged group: current, severe, in the tree. */
function comparePrimary(a, b) {
    return (Number(b.current) - Number(a.current) ||
        compareSeverity(a.severity, b.severity) ||
        SOURCE_RANK[a.source] - SOURCE_RANK[b.source] ||
        (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
        (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
        a.line - b.line);
}
function locationKey(l) {
    return [l.source, l.ruleId, l.file, l.line, l.commit ?? '', l.setting ?? ''].join('\u0000');
}
/** Current locations first, then by source, path, line; history by commit date. */
function compareLocations(a, b) {
    return (Number(b.current) - Number(a.current) ||
        SOURCE_RANK[a.source] - SOURCE_RANK[b.source] ||
        (a.authorDate ?? '').localeCompare(b.authorDate ?? '') ||
        (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
        a.line - b.line);
}
/**
 * One finding per fingerprint. The merged finding takes its rule, message and location from its
 * primary member (a current location first, then the most severe), its severity from the most
 * severe location, every location of every member, and the history facet (first commit, whether
 * HEAD holds it, refs) from its history members. It is suppressed inline only when every current
 * location is (or, with none current, every location).
 */
function mergeFindings(findings) {
    const groups = new Map();
    for (const finding of findings) {
        const group = groups.get(finding.fingerprint);
        if (group)
            group.push(finding);
        else
            groups.set(finding.fingerprint, [finding]);
    }
    const out = [];
    for (const group of groups.values()) {
        if (group.length === 1) {
            out.push(group[0]);
            continue;
        }
        const members = [...group].sort(comparePrimary);
        const primary = members[0];
        const locations = new Map();
        for (const member of members)
            for (const location of member.locations)
                if (!locations.has(locationKey(location)))
                    locations.set(locationKey(location), location);
        const merged = {
            ...primary,
            severity: members.map((m) => m.severity).sort(compareSeverity)[0],
            locations: [...locations.values()].sort(compareLocations),
        };
        // Keep the primary location first.
        const first = merged.locations.findIndex((l) => l.file === primary.file && l.line === primary.line && l.source === primary.source);
        if (first > 0)
            merged.locations.unshift(...merged.locations.splice(first, 1));
        const history = members.filter((m) => m.source === 'history' || m.commit !== undefined);
        if (history.length > 0) {
            const earliest = [...history].sort((a, b) => (a.authorDate ?? '').localeCompare(b.authorDate ?? ''))[0];
            if (earliest.commit !== undefined)
                merged.commit = earliest.commit;
            if (earliest.authorDate !== undefined)
                merged.authorDate = earliest.authorDate;
            merged.inHead = history.some((m) => m.inHead === true);
            const refs = [...new Set(history.flatMap((m) => m.refs ?? []))].sort();
            merged.refs = refs;
        }
        const envVar = members.find((m) => m.envVar !== undefined)?.envVar;
        if (envVar !== undefined)
            merged.envVar = envVar;
        const evidence = members.find((m) => m.evidence !== undefined)?.evidence;
        if (evidence !== undefined)
            merged.evidence = evidence;
        const deciding = members.filter((m) => m.current);
        const judged = deciding.length > 0 ? deciding : members;
        const inline = judged.map((m) => m.suppressed).filter((s) => s?.kind === 'inline');
        if (inline.length === judged.length && inline[0])
            merged.suppressed = inline[0];
        else if (merged.suppressed?.kind === 'inline')
            delete merged.suppressed;
        out.push(merged);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/core/inline-ignore.ts
/**
 * Inline suppression: `deploy-guard: ignore[RULE-ID] reason` in a comment on the offending line.
 * The same form works after `#` in Python, `.env`, YAML, INI and TOML. Several ids may be listed,
 * separated by commas; `ignore[*]` ignores every rule on that line.
 */
const INLINE_IGNORE = /deploy-guard:\s*ignore\[([^\]]*)\]\s*(.*)$/;
/** Returns the reason when `lineText` ignores `ruleId`, else undefined. */
function inlineIgnoreReason(lineText, ruleId) {
    if (!lineText)
        return undefined;
    const match = INLINE_IGNORE.exec(lineText);
    if (!match)
        return undefined;
    const ids = (match[1] ?? '').split(',').map((id) => id.trim());
    if (!ids.includes(ruleId) && !ids.includes('*'))
        return undefined;
    const reason = (match[2] ?? '').trim();
    return reason === '' ? 'ignored inline (no reason given)' : reason;
}

;// CONCATENATED MODULE: ./src/secrets/hit-context.ts




/**
 * The context that decides how much a detector hit matters, whatever the detector: a value on a
 * commented-out line, in test code or fixtures, in CI configuration, in documentation or in
 * committed third-party code is at most `low`, and its message says why. `runSecretRules` applies this to
 * every hit; the hit keeps both severities (`severity` capped, `uncappedSeverity` not) and the
 * contexts, so a later step can raise a value that is also found outside tests.
 */
/** Contexts that cap every rule's hits. */
const ALWAYS_CAPPED = ['comment', 'test', 'vendored'];
const CONTEXT_WORDS = {
    comment: 'on a commented-out line',
    test: 'in test code or fixtures',
    ci: 'in CI configuration',
    docs: 'in documentation',
    vendored: 'in committed third-party code',
};
/** The contexts a repository path gives every hit in it. */
function pathContextsOf(path) {
    const contexts = [];
    if (isVendoredPath(path))
        contexts.push('vendored');
    if (isTestPath(path))
        contexts.push('test');
    if (isCiPath(path))
        contexts.push('ci');
    if (isDocsPath(path))
        contexts.push('docs');
    return contexts;
}
function commentSyntaxOf(path) {
    const base = baseNameOf(path);
    if (/\.pyw?$/.test(base))
        return 'python';
    if (/\.(ini|cfg)$/.test(base))
        return 'ini';
    if (isDotenvPath(path) ||
        /\.(ya?ml|toml|conf|sh|bash|zsh|properties|rb|tf|tfvars|txt)$/.test(base) ||
        base.startsWith('dockerfile') ||
        base.endsWith('.dockerfile') ||
        base === 'procfile' ||
        base === 'makefile' ||
        !base.includes('.'))
        return 'hash';
    if (/\.(js|mjs|cjs|jsx|ts|tsx|java|kt|go|c|h|cc|cpp|cs|php|swift|scss|json5|jsonc)$/.test(base))
        return 'slash';
    return 'none';
}
/**
 * Whether the text at `index` of a line is inside a comment: a `#` outside quotes before it
 * (Python), a `#` at the line start or after whitespace (YAML, .env, shell, TOML: `KEY=ab#cd`
 * keeps its `#`), `#`/`;` at the line start (INI, where configparser has no inline comments), or
 * `//` outside quotes (JavaScript and friends).
 */
function isInComment(path, line, index) {
    const syntax = commentSyntaxOf(path);
    if (syntax === 'none')
        return false;
    if (syntax === 'ini')
        return /^\s*[#;]/.test(line);
    let quote;
    const end = Math.min(index, line.length - 1);
    for (let i = 0; i <= end; i++) {
        const char = line[i];
        if (quote !== undefined) {
            if (char === '\\')
                i++;
            else if (char === quote)
                quote = undefined;
            continue;
        }
        if (char === '"' || char === "'" || (syntax === 'slash' && char === '`')) {
            // In YAML, .env and shell a quote inside an unquoted word is a literal character.
            if (syntax !== 'hash' || i === 0 || /[\s=:[{,]/.test(line[i - 1] ?? ''))
                quote = char;
            continue;
        }
        if (syntax === 'slash') {
            if (char === '/' && line[i + 1] === '/')
                return true;
            continue;
        }
        if (char === '#' && (syntax === 'python' || i === 0 || /\s/.test(line[i - 1] ?? '')))
            return true;
    }
    return false;
}
/** Contexts of one hit: its path's, plus `comment` when its line or column is commented out. */
function hitContextsOf(path, line, column) {
    const contexts = pathContextsOf(path);
    if (line !== undefined) {
        const index = column !== undefined ? column - 1 : (/\S/.exec(line)?.index ?? 0);
        if (isInComment(path, line, index))
            contexts.unshift('comment');
    }
    return contexts;
}
/**
 * The hit with its contexts, its uncapped severity and, when a context lowers it, `low` and a
 * message that says why. `line` is the text of the hit's line (for comment detection).
 */
function withHitContext(path, rule, match, line) {
    // A path rule (DDG102) judges the whole file: its line is where a list starts, not a comment.
    const lineText = rule.appliesToPath ? undefined : line;
    const contexts = [
        ...new Set([...(match.contexts ?? []), ...hitContextsOf(path, lineText, match.column)]),
    ];
    const uncapped = match.uncappedSeverity ?? match.severity ?? rule.severity;
    const capping = contexts.filter((context) => ALWAYS_CAPPED.includes(context) || (rule.lowIn ?? []).includes(context));
    const capped = capping.length > 0 && types_compareSeverity(uncapped, 'low') < 0 ? 'low' : uncapped;
    const result = { ...match, contexts, uncappedSeverity: uncapped, severity: capped };
    if (capped !== uncapped)
        result.message = `${match.message} (${capping.map((c) => CONTEXT_WORDS[c]).join(', ')}: at most low)`;
    return result;
}

;// CONCATENATED MODULE: ./src/secrets/detect.ts




/** One case-insensitive pass that finds which of the rules' keywords occur in a text. */
const keywordMatchers = new WeakMap();
function keywordsPresent(content, rules) {
    let matcher = keywordMatchers.get(rules);
    if (!matcher) {
        const all = [...new Set(rules.flatMap((rule) => rule.keywords ?? []))];
        const escaped = all.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
        matcher = new RegExp(escaped.length > 0 ? escaped.join('|') : '(?!)', 'gi');
        keywordMatchers.set(rules, matcher);
    }
    const present = new Set();
    matcher.lastIndex = 0;
    for (let m = matcher.exec(content); m !== null; m = matcher.exec(content)) {
        present.add(m[0].toLowerCase());
        // Step one character, not past the match, so a keyword overlapping another is still seen.
        matcher.lastIndex = m.index + 1;
    }
    return present;
}
/**
 * Runs every applicable rule over one file: keyword prefilter, then the rule's own detector.
 * `keywords`: the rules' keywords present in the file when the caller already knows them (the
 * history scan finds them on the raw bytes, see prefilter.ts).
 */
function runSecretRules(file, rules, keywords) {
    // One pass for all keywords instead of lower-casing the file and searching it once per keyword.
    const present = keywords ?? keywordsPresent(file.content, rules);
    let lines;
    const found = [];
    for (const rule of rules) {
        if (rule.appliesToPath && !rule.appliesToPath(file.path))
            continue;
        if (rule.keywords && !rule.keywords.some((keyword) => present.has(keyword)))
            continue;
        for (const detected of rule.detect(file)) {
            lines ??= file.content.split(/\r\n|\r|\n/);
            // Comment, test, CI, docs and vendored contexts cap the severity (src/secrets/hit-context.ts).
            const match = withHitContext(file.path, rule, detected, lines[detected.line - 1]);
            const inlineIgnore = inlineIgnoreReason(lines[match.line - 1], rule.id);
            found.push({
                rule,
                match,
                path: file.path,
                severity: match.severity ?? rule.severity,
                secretHash: hashSecret(match.secret),
                ...(inlineIgnore !== undefined ? { inlineIgnore } : {}),
            });
        }
    }
    return found;
}
/** The values to hand to `core.setSecret` for a hit (never printed, never serialised). */
function valuesToMask(raw) {
    return raw.match.maskValues ?? [raw.match.secret];
}
/** A secret is its value; a file that is itself the problem (a committed `.env`) is its path. */
function secretIdentity(rule, path, secretHash) {
    return rule.identity === 'path'
        ? { kind: 'path', ruleId: rule.id, file: path }
        : { kind: 'secret', secretHash };
}
/** Turns a raw hit in a checked-out file into a Finding (redacted: the value is not kept). */
function toSecretFinding(raw) {
    return createFinding({
        rule: raw.rule,
        identity: secretIdentity(raw.rule, raw.path, raw.secretHash),
        source: 'tree',
        file: raw.path,
        line: raw.match.line,
        ...(raw.match.endLine !== undefined ? { endLine: raw.match.endLine } : {}),
        ...(raw.match.column !== undefined ? { column: raw.match.column } : {}),
        message: raw.match.message,
        severity: raw.severity,
        ...(raw.match.fix !== undefined ? { fix: raw.match.fix } : {}),
        secret: raw.match.secret,
        secretHash: raw.secretHash,
        ...(raw.inlineIgnore !== undefined
            ? { suppressed: { kind: 'inline', reason: raw.inlineIgnore } }
            : {}),
    });
}

;// CONCATENATED MODULE: ./src/history/blob-scan.ts


/** Identity of one secret across blobs: rule + secret hash. */
function secretKey(ruleId, secretHash) {
    return `${ruleId}\u0000${secretHash}`;
}
function isPathRule(rule) {
    return typeof rule.appliesToPath === 'function';
}
/** Path rules that apply to one of `paths` and haven't run on this blob yet. */
function missingPathRules(scan, paths, pathRules) {
    return pathRules.filter((rule) => scan?.p?.[rule.id] === undefined && paths.some((path) => rule.appliesToPath?.(path) === true));
}
/**
 * Completes `previous` (or starts a new scan) for a blob seen under `paths`. `secrets` receives
 * each detected value by `secretKey` (rule + hash), for masking and for the byte search that
 * tells a range's new secret from an old one; it is never serialised.
 */
function scanBlobText(content, paths, rules, previous, secrets, 
/** The rules' keywords present in `content`, when already known (see secrets/prefilter.ts). */
keywords) {
    const firstPath = paths[0] ?? '';
    const scan = previous
        ? { c: previous.c, ...(previous.p ? { p: { ...previous.p } } : {}) }
        : { c: [] };
    if (!previous) {
        const contentRules = rules.filter((rule) => !isPathRule(rule));
        scan.c = toHits(runSecretRules({ path: firstPath, content }, contentRules, keywords), secrets);
    }
    for (const rule of missingPathRules(previous, paths, rules.filter(isPathRule))) {
        const path = paths.find((candidate) => rule.appliesToPath?.(candidate) === true) ?? firstPath;
        scan.p ??= {};
        scan.p[rule.id] = toHits(runSecretRules({ path, content }, [rule], keywords), secrets);
    }
    return scan;
}
function toHits(raws, secrets) {
    return raws.map((raw) => {
        secrets.set(secretKey(raw.rule.id, raw.secretHash), {
            identity: raw.match.secret,
            mask: valuesToMask(raw),
        });
        const finding = toSecretFinding(raw);
        const hit = {
            ruleId: raw.rule.id,
            line: finding.line,
            message: finding.message,
            severity: finding.severity,
            secretHash: raw.secretHash,
            evidence: redactedEvidence(raw.match.secret),
        };
        if (finding.endLine !== undefined)
            hit.endLine = finding.endLine;
        if (finding.column !== undefined)
            hit.column = finding.column;
        if (finding.fix !== undefined)
            hit.fix = finding.fix;
        if (raw.inlineIgnore !== undefined)
            hit.inlineIgnore = raw.inlineIgnore;
        return hit;
    });
}

;// CONCATENATED MODULE: ./src/history/blob-job.ts


/** True when a path rule applies to one of `paths` and hasn't run on the blob yet. */
function needsPathRule(pathRules, paths, previous) {
    for (const rule of pathRules)
        if (previous?.p?.[rule.id] === undefined && paths.some((path) => rule.appliesToPath?.(path)))
            return true;
    return false;
}
function scanBlobJob(job, context) {
    const { content, previous, paths } = job;
    if (isBinaryContent(content)) {
        // Binary: nothing any rule could read; remember it so it is never read again.
        const applicable = missingPathRules(undefined, paths, context.pathRules);
        return applicable.length > 0
            ? { scan: { c: [], p: Object.fromEntries(applicable.map((rule) => [rule.id, []])) } }
            : { scan: 'clean' };
    }
    const keywords = context.prefilter.keywordsIn(content);
    if (keywords?.size === 0 && !previous && !needsPathRule(context.pathRules, paths, previous))
        return { scan: 'clean' };
    const text = decodeBlob(content, job.truncated) ?? '';
    const outcome = { scan: undefined };
    if (job.truncated)
        outcome.debug = `history: blob ${job.id.slice(0, 12)} is ${job.size} bytes; scanned its first ${context.maxBlobBytes}`;
    const secrets = new Map();
    try {
        outcome.scan = scanBlobText(text, paths, context.rules, previous, secrets, keywords);
    }
    catch (error) {
        // A detector bug on odd content must not sink the whole scan; the blob stays unscanned
        // (not cached), so the next run tries again.
        outcome.warning = `history: a secret rule failed on blob ${job.id.slice(0, 12)} (${paths[0] ?? '?'}): ${error.message}`;
    }
    if (secrets.size > 0)
        outcome.secrets = [...secrets];
    return outcome;
}

;// CONCATENATED MODULE: ./src/history/scan-worker.ts





/**
 * Entry of a history scan worker thread (bundled on its own as history-worker.js, see
 * scan-workers.ts): runs `scanBlobJob` on each blob of a batch, with the registry's rules named
 * by the main thread, and answers with the outcomes in order.
 */
const setup = external_node_worker_threads_namespaceObject.workerData;
const byId = new Map(secretRules.map((rule) => [rule.id, rule]));
const rules = setup.ruleIds.map((id) => byId.get(id)).filter((rule) => rule !== undefined);
const context = {
    rules,
    pathRules: rules.filter(isPathRule),
    prefilter: createBytePrefilter(rules),
    maxBlobBytes: setup.maxBlobBytes,
};
external_node_worker_threads_namespaceObject.parentPort?.on('message', (request) => {
    let reply;
    try {
        if (rules.length !== setup.ruleIds.length)
            throw new Error('unknown rule id');
        const bytes = new Uint8Array(request.buffer);
        const outcomes = request.items.map((item) => scanBlobJob({
            id: item.id,
            content: bytes.subarray(item.start, item.start + item.length),
            size: item.size,
            truncated: item.truncated,
            paths: item.paths,
            ...(item.previous ? { previous: item.previous } : {}),
        }, context));
        reply = { batch: request.batch, outcomes };
    }
    catch (error) {
        reply = { batch: request.batch, error: error.message };
    }
    external_node_worker_threads_namespaceObject.parentPort?.postMessage(reply);
});

