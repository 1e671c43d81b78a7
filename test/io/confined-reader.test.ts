import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConfinedReader, isRepositoryRelative } from '../../src/io/confined-reader';

function setup() {
  const outside = mkdtempSync(join(tmpdir(), 'ddg-out-'));
  writeFileSync(join(outside, 'secret.txt'), 'outside content\n');
  const root = mkdtempSync(join(tmpdir(), 'ddg-root-'));
  mkdirSync(join(root, 'pkg'));
  writeFileSync(join(root, 'pkg/a.py'), 'A = 1\n');
  symlinkSync('a.py', join(root, 'pkg/inside-link.py'));
  symlinkSync(join(outside, 'secret.txt'), join(root, 'pkg/outside-link.py'));
  symlinkSync(
    '../../' + outside.split('/').pop() + '/secret.txt',
    join(root, 'pkg/relative-out.py'),
  );
  symlinkSync(outside, join(root, 'outdir'));
  symlinkSync(join(outside, 'missing'), join(root, 'dangling-out'));
  execFileSync('mkfifo', [join(root, 'fifo')]);
  return { root, outside };
}

describe('isRepositoryRelative', () => {
  it('refuses absolute paths, .. segments and NUL', () => {
    for (const p of ['/etc/passwd', '../x', 'a/../../x', 'a\0b', '', 'a/..'])
      expect(isRepositoryRelative(p), p).toBe(false);
    for (const p of ['a.py', 'x::warning::y/settings.py', '.env', 'a/b/c', 'C:x'])
      expect(isRepositoryRelative(p), p).toBe(true);
  });
});

describe('createConfinedReader', () => {
  it('reads files and follows symlinks that stay inside', () => {
    const { root } = setup();
    const reader = createConfinedReader(root);
    expect(reader.readText('pkg/a.py')).toMatchObject({ kind: 'text', content: 'A = 1\n' });
    expect(reader.readText('pkg/inside-link.py')).toMatchObject({ kind: 'text' });
    expect(reader.classify('pkg/inside-link.py')).toBe('symlink-inside');
    expect(reader.classify('pkg/a.py')).toBe('file');
    expect(reader.files.read('./pkg/a.py')).toBe('A = 1\n');
  });

  it('refuses every way out, and names the symlinks (not their targets) once', () => {
    const { root, outside } = setup();
    const reader = createConfinedReader(root);
    for (const p of [
      'pkg/outside-link.py',
      'pkg/relative-out.py',
      'outdir/secret.txt',
      '../' + outside.split('/').pop() + '/secret.txt',
      join(outside, 'secret.txt'),
      'dangling-out',
    ]) {
      expect(reader.readText(p).kind, p).toBe('outside');
      expect(reader.files.read(p), p).toBeUndefined();
      expect(reader.files.exists(p), p).toBe(false);
    }
    expect(reader.files.list('outdir')).toEqual([]);
    expect(reader.files.isDirectory('outdir')).toBe(false);
    const notes = reader.notes().join('\n');
    expect(notes).toContain('pkg/outside-link.py: a symlink that leads outside the repository');
    expect(notes).toContain('dangling-out');
    expect(notes).not.toContain(outside);
  });

  it('never opens a FIFO (it would block the scan)', () => {
    const { root } = setup();
    const reader = createConfinedReader(root);
    expect(reader.classify('fifo')).toBe('special');
    expect(reader.readText('fifo').kind).toBe('special');
  });
});
