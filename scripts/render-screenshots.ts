// The README's pictures: the job summary, the pull-request comment and a suggested fix that the
// example project (examples/vulnerable-project) gets, as GitHub shows them.
//   npx tsx scripts/render-screenshots.ts    # writes docs/images/{job-summary,pr-comment,pr-suggestion}.png
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
import { planSuggestions } from '../src/report/suggestions';
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

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * GitHub shows a ```suggestion block as a "Suggested change" diff of the commented lines against
 * the suggestion: that box, drawn from the lines it replaces and the suggestion's lines.
 */
function suggestionBox(
  file: string,
  startLine: number,
  removed: string[],
  added: string[],
): string {
  const row = (sign: string, line: number | '', text: string, colour: string) =>
    `<tr style="background:${colour}"><td style="width:40px;text-align:right;color:#59636e;padding:0 8px">${line}</td><td style="width:16px">${sign}</td><td><code style="background:none;padding:0;white-space:pre">${escapeHtml(text)}</code></td></tr>`;
  return `<div style="border:1px solid #d1d9e0;border-radius:6px;margin:8px 0 16px">
<div style="background:#f6f8fa;border-bottom:1px solid #d1d9e0;padding:6px 12px;font-size:12px;color:#59636e"><b style="color:#1f2328">Suggested change</b> · ${escapeHtml(file)}</div>
<table style="width:100%;border-collapse:collapse;font-size:12px;margin:0;display:table">
${removed.map((text, i) => row('−', startLine + i, text, '#ffebe9')).join('\n')}
${added.map((text) => row('+', '', text, '#dafbe1')).join('\n')}
</table>
<div style="padding:8px 12px;border-top:1px solid #d1d9e0;text-align:right"><span style="border:1px solid #d1d9e0;border-radius:6px;padding:3px 12px;font-size:12px;margin-right:8px">Add suggestion to batch</span><span style="background:#1f883d;color:#fff;border-radius:6px;padding:3px 12px;font-size:12px">Commit suggestion</span></div>
</div>`;
}

/** A page around the rendered markdown, framed the way GitHub frames a summary or a comment. */
function page(
  title: string,
  header: string,
  markdown: string,
  width: number,
  html?: (rendered: string) => string,
): string {
  const rendered = marked.parse(markdown, { gfm: true, async: false });
  const body = html ? html(rendered) : rendered;
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
  // The suggestion the example's production settings get when a pull request adds them: every
  // line of the module counts as changed.
  const production = 'config/settings/production.py';
  const productionLines = readFileSync(join(EXAMPLE, production), 'utf8').split('\n');
  const plan = planSuggestions(result.findings, {
    added: new Map([
      [`${outcome.repositoryPrefix}${production}`, new Set(productionLines.map((_, i) => i + 1))],
    ]),
    stale: new Set(),
  });
  const suggestion = plan.suggestions.find((s) => s.body.includes('ALLOWED_HOSTS'));
  if (!suggestion) throw new Error('the example project has no ALLOWED_HOSTS suggestion');
  const fence = /```suggestion\n([\s\S]*?)\n```/.exec(suggestion.body);
  const suggestionMarkdown = suggestion.body.replace(fence![0], 'SUGGESTION-BOX');
  const box = suggestionBox(
    `${production} line ${suggestion.line}`,
    suggestion.startLine,
    productionLines.slice(suggestion.startLine - 1, suggestion.line),
    fence![1]!.split('\n'),
  );

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
    {
      name: 'pr-suggestion',
      width: 820,
      maxHeight: Infinity,
      header: `<b>github-actions</b> <span>bot</span> reviewed · ${escapeHtml(production)}`,
      markdown: suggestionMarkdown,
      html: (rendered: string) => rendered.replace(/<p>SUGGESTION-BOX<\/p>/, box),
    },
  ];
  try {
    for (const shot of shots) {
      const html = join(work, `${shot.name}.html`);
      writeFileSync(
        html,
        page(
          shot.name,
          shot.header,
          shot.markdown,
          shot.width,
          'html' in shot ? shot.html : undefined,
        ),
      );
      const png = join(OUT_DIR, `${shot.name}.png`);
      capture(chromium, html, png, shot.width + 32, shot.maxHeight);
      process.stdout.write(`${png}\n`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
