// The README's pictures: the job summary and the pull-request comment that the example project
// (examples/vulnerable-project) gets, as GitHub shows them.
//   npx tsx scripts/render-screenshots.ts    # writes docs/images/job-summary.png, pr-comment.png
// The report markdown comes from the real renderers over a real scan; marked renders it as GitHub
// Flavored Markdown and github-markdown-css (GitHub's own markdown styles) styles it; headless
// Chromium from Debian (scripts/debian-chromium.sh) takes the pictures. Links use a fixed
// repository, commit and run, so the pictures change only when the reports do.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import process from 'node:process';
import { marked } from 'marked';
import { silentLogger } from '../src/core/logger';
import { ruleMetas } from '../src/registry';
import { selectAnnotations } from '../src/report/annotations';
import { renderComment } from '../src/report/comment';
import type { RepositoryLinks } from '../src/report/links';
import { renderSummary } from '../src/report/summary';
import { runScan } from '../src/scan/run-scan';

const EXAMPLE = 'examples/vulnerable-project';
const OUT_DIR = 'docs/images';
const COMMIT = '3f9c2e7a41b05d8e6c1f2a9b7d4e0c5a8b6f1d2e';
const LINKS: RepositoryLinks = {
  serverUrl: 'https://github.com',
  repository: 'acme/shop',
  sha: COMMIT,
  runUrl: 'https://github.com/acme/shop/actions/runs/42',
};

const require = createRequire(import.meta.url);
const MARKDOWN_CSS = readFileSync(
  require.resolve('github-markdown-css/github-markdown-light.css'),
  'utf8',
);

/** A page around the rendered markdown, framed the way GitHub frames a summary or a comment. */
function page(title: string, header: string, markdown: string, width: number): string {
  const body = marked.parse(markdown, { gfm: true, async: false });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>${MARKDOWN_CSS}</style>
<style>
  body { margin: 0; background: #fff; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
  .frame { width: ${width}px; margin: 16px; border: 1px solid #d1d9e0; border-radius: 6px; overflow: hidden; }
  .header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; font-size: 14px; color: #59636e; }
  .header b { color: #1f2328; }
  .markdown-body { padding: 16px 24px; font-size: 14px; }
</style></head>
<body><div class="frame"><div class="header">${header}</div>
<article class="markdown-body">${body}</article></div>
<script>document.documentElement.dataset.height = String(document.documentElement.scrollHeight);</script>
</body></html>`;
}

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--hide-scrollbars',
];

/**
 * Two runs: the first measures the page's height, the second takes a picture that tall (cut at
 * `maxHeight`: the top of a long job summary says enough).
 */
function capture(
  chromium: string,
  html: string,
  png: string,
  width: number,
  maxHeight: number,
): void {
  const profile = mkdtempSync(join(tmpdir(), 'ddg-chromium-'));
  try {
    const flags = [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`];
    const url = `file://${resolve(html)}`;
    const dom = execFileSync(
      chromium,
      [...flags, `--window-size=${width},800`, '--dump-dom', url],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    const height = Number(/data-height="(\d+)"/.exec(dom)?.[1] ?? 'NaN');
    if (!Number.isFinite(height)) throw new Error(`could not measure ${html}`);
    const shown = Math.min(height, maxHeight);
    execFileSync(
      chromium,
      [
        ...flags,
        `--window-size=${width},${shown}`,
        '--force-device-scale-factor=1.25',
        `--screenshot=${resolve(png)}`,
        url,
      ],
      { stdio: 'ignore' },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const outcome = await runScan({ root: EXAMPLE, logger: silentLogger, given: { history: 'off' } });
  const result = { ...outcome.result, commit: COMMIT };
  const rules = ruleMetas();
  const summary = renderSummary(result, rules, {
    links: LINKS,
    annotationsNotShown: selectAnnotations(result, rules).notShown,
  });
  const comment = renderComment(result, { links: LINKS });

  const chromium = execFileSync('bash', ['scripts/debian-chromium.sh'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  const work = mkdtempSync(join(tmpdir(), 'ddg-screenshots-'));
  mkdirSync(OUT_DIR, { recursive: true });
  const shots = [
    {
      name: 'job-summary',
      width: 1216,
      maxHeight: 1500,
      header: '<b>guard</b> summary',
      markdown: summary,
    },
    {
      name: 'pr-comment',
      width: 820,
      maxHeight: Infinity,
      header: '<b>github-actions</b> <span>bot</span> commented',
      markdown: comment,
    },
  ];
  try {
    for (const shot of shots) {
      const html = join(work, `${shot.name}.html`);
      writeFileSync(html, page(shot.name, shot.header, shot.markdown, shot.width));
      const png = join(OUT_DIR, `${shot.name}.png`);
      capture(chromium, html, png, shot.width + 32, shot.maxHeight);
      process.stdout.write(`${png}\n`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
