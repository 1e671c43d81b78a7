/**
 * Per-rule keyword pass-through over a repository's history:
 * `npx tsx bench/keyword-passthrough.ts REPO...` (`npm run bench:keywords -- REPO...`).
 *
 * Every blob reachable from any ref (`git rev-list --all --objects`, with the first path git lists
 * it under) is read once, binary blobs left out and text cut at the history scan's 2 MiB, and run
 * through the byte prefilter (secrets/prefilter.ts). For each rule it prints how many blobs (and
 * bytes) its keywords let through to decoding, and the detector's CPU time on them (and its share
 * of all the detectors' time), so a keyword
 * that passes most source files shows up. Prints a Markdown table per repository
 * (src/history/README.md publishes one).
 */
import { spawn, execFileSync } from 'node:child_process';
import { basename, resolve } from 'node:path';
import { decodeBlob, isBinaryContent, DEFAULT_MAX_FILE_BYTES } from '../src/core/text-decode';
import { runSecretRules } from '../src/secrets/detect';
import { normalisedViews } from '../src/secrets/normalise';
import { createBytePrefilter } from '../src/secrets/prefilter';
import { secretRules } from '../src/secrets/rules/index';

/** This thread's CPU milliseconds: on a shared machine, wall time measures the neighbours too. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

interface Tally {
  blobs: number;
  bytes: number;
  ms: number;
  hits: number;
}

async function readBlobs(
  repo: string,
  ids: readonly string[],
  onBlob: (id: string, content: Buffer) => void,
): Promise<void> {
  const child = spawn('git', ['-C', repo, 'cat-file', '--batch'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(ids.join('\n') + '\n');
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    for (;;) {
      const eol = pending.indexOf(10);
      if (eol < 0) break;
      const [id = '', type = '', sizeText = '0'] = pending
        .subarray(0, eol)
        .toString('latin1')
        .split(' ');
      if (type === 'missing') {
        pending = pending.subarray(eol + 1);
        continue;
      }
      const size = Number(sizeText);
      if (pending.length < eol + 1 + size + 1) break;
      onBlob(id, pending.subarray(eol + 1, eol + 1 + size));
      pending = pending.subarray(eol + 1 + size + 1);
    }
  }
}

async function passThrough(repo: string): Promise<void> {
  const listing = execFileSync(
    'git',
    [
      '-C',
      repo,
      'rev-list',
      '--all',
      '--objects',
      '--filter=object:type=blob',
      '--filter-provided-objects',
      // A partial clone's absent blobs are listed (and then reported missing), never fetched.
      '--missing=allow-any',
    ],
    { encoding: 'utf8', maxBuffer: 1 << 30 },
  );
  const paths = new Map<string, string>();
  for (const line of listing.split('\n')) {
    if (line.length < 41) continue;
    paths.set(line.slice(0, 40), line.slice(41));
  }
  const prefilter = createBytePrefilter(secretRules);
  const perRule = new Map<string, Tally>(
    secretRules.map((rule) => [rule.id, { blobs: 0, bytes: 0, ms: 0, hits: 0 }]),
  );
  const total = {
    blobs: 0,
    bytes: 0,
    text: 0,
    decoded: 0,
    decodedBytes: 0,
    prefilterMs: 0,
    viewsMs: 0,
    allMs: 0,
  };
  await readBlobs(repo, [...paths.keys()], (id, whole) => {
    total.blobs++;
    total.bytes += whole.length;
    const content = whole.subarray(0, DEFAULT_MAX_FILE_BYTES);
    if (isBinaryContent(content)) return;
    total.text++;
    const started = cpuMs();
    const keywords = prefilter.keywordsIn(content);
    total.prefilterMs += cpuMs() - started;
    const path = paths.get(id) ?? '';
    const pathRule = secretRules.some((rule) => rule.appliesToPath?.(path));
    if (keywords?.size === 0 && !pathRule) return;
    total.decoded++;
    total.decodedBytes += content.length;
    const text = decodeBlob(content, whole.length > content.length) ?? '';
    const all = cpuMs();
    runSecretRules({ path, content: text }, secretRules, keywords);
    total.allMs += cpuMs() - all;
    for (const rule of secretRules) {
      if (rule.appliesToPath && !rule.appliesToPath(path)) continue;
      if (rule.keywords && !rule.keywords.some((keyword) => keywords?.has(keyword) ?? true))
        continue;
      const tally = perRule.get(rule.id)!;
      tally.blobs++;
      tally.bytes += content.length;
      const ruleStarted = cpuMs();
      tally.hits += rule.detect({ path, content: text }).length;
      tally.ms += cpuMs() - ruleStarted;
    }
    const viewsStarted = cpuMs();
    if ((keywords?.size ?? 1) > 0) normalisedViews(path, text);
    total.viewsMs += cpuMs() - viewsStarted;
  });
  const pct = (part: number, whole: number) =>
    `${((100 * part) / Math.max(1, whole)).toFixed(1)} %`;
  const lines = [
    `### ${basename(repo)}: ${total.blobs.toLocaleString('en-US')} blobs, ${total.text.toLocaleString('en-US')} text (${(total.bytes / 1e6).toFixed(0)} MB)`,
    '',
    `Decoded after the prefilter: ${total.decoded.toLocaleString('en-US')} blobs (${pct(total.decoded, total.text)} of text blobs, ${pct(total.decodedBytes, total.bytes)} of bytes). CPU: prefilter ${(total.prefilterMs / 1000).toFixed(1)} s; every rule and view ${(total.allMs / 1000).toFixed(1)} s (views ${(total.viewsMs / 1000).toFixed(1)} s, ${pct(total.viewsMs, total.allMs)}).`,
    '',
    '| rule | keywords | blobs let through | of text blobs | MB | detector CPU s | share | hits |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const rule of secretRules) {
    const tally = perRule.get(rule.id)!;
    lines.push(
      `| ${rule.id} ${rule.name} | ${rule.keywords ? rule.keywords.map((k) => `\`${k}\``).join(' ') : '(path rule)'} | ${tally.blobs.toLocaleString('en-US')} | ${pct(tally.blobs, total.text)} | ${(tally.bytes / 1e6).toFixed(1)} | ${(tally.ms / 1000).toFixed(2)} | ${pct(tally.ms, total.allMs)} | ${tally.hits} |`,
    );
  }
  console.log(lines.join('\n') + '\n');
}

for (const repo of process.argv.slice(2)) await passThrough(resolve(repo));
