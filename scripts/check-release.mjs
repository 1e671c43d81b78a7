// Checks that a release tag matches the repository and prints its release notes:
//   node scripts/check-release.mjs v1.2.3 > notes.md
// The tag must be vMAJOR.MINOR.PATCH (optionally -prerelease); package.json and src/version.ts
// must carry that version; CHANGELOG.md must have a non-empty `## <version>` section, whose text
// is the release notes. Exit 1 with a message naming what to fix otherwise.
import { readFileSync } from 'node:fs';
import process from 'node:process';

function fail(message) {
  process.stderr.write(`check-release: ${message}\n`);
  process.exit(1);
}

const tag = process.argv[2] ?? '';
const match = /^v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(tag);
if (!match) fail(`'${tag}' is not a release tag like v1.2.3 or v1.3.0-rc.1`);
const version = match[1];

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
if (pkg.version !== version) fail(`package.json says ${pkg.version}, the tag says ${version}`);
const versionTs = /TOOL_VERSION = '([^']+)'/.exec(readFileSync('src/version.ts', 'utf8'))?.[1];
if (versionTs !== version) fail(`src/version.ts says ${versionTs}, the tag says ${version}`);

// `## 1.2.3`, `## [1.2.3]`, `## v1.2.3`, each optionally followed by ` - date` or `(…)`.
const changelog = readFileSync('CHANGELOG.md', 'utf8');
const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const heading = new RegExp(`^## \\[?v?${escaped}\\]?(?=[\\s(—-]|$).*$`, 'm');
const start = heading.exec(changelog);
if (!start) fail(`CHANGELOG.md has no '## ${version}' section`);
const rest = changelog.slice(start.index + start[0].length);
const next = /^## /m.exec(rest);
const notes = (next ? rest.slice(0, next.index) : rest).trim();
if (notes === '') fail(`the CHANGELOG.md section for ${version} is empty`);
process.stdout.write(`${notes}\n`);
