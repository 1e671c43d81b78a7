/** django-split-settings include()/optional(): the files run in the settings' namespace. */
import { posix } from 'node:path';
import type { PyValue } from '../../value';
import { NONE } from '../../value';
import type { Args, Host } from '../host';
import type { Frame } from '../model';
import { REPO_ROOT } from '../paths';
import { dataOf, opaque, typeName } from '../ops';
import type { LibraryModel } from './model';
import { argAt } from './args';
import { fspath, repoRelative, expandGlob } from './files';

/**
 * django-split-settings `include('components/*.py', optional('local.py'))`: paths relative to
 * the calling file's directory, glob patterns expanded (sorted), a missing required file is an
 * IOError at import time.
 */
export function includeSettingsFiles(it: Host, args: Args, frame: Frame): PyValue {
  for (const arg of args.pos) {
    const d = dataOf(arg);
    const isOptional = d?.tag === 'optional';
    const patternValue = d?.tag === 'optional' ? d.pattern : arg;
    const pattern = fspath(patternValue);
    if (pattern === undefined) {
      it.warnOnce(
        `include:${it.file}:${it.line}`,
        `settings after line ${it.line} may be changed by include() of an unknown path (${patternValue.kind === 'unknown' ? patternValue.reason : typeName(patternValue)}); not modelled`,
      );
      continue;
    }
    const base = pattern.startsWith('/')
      ? pattern
      : posix.join(REPO_ROOT, frame.module.dir, pattern);
    const rel = repoRelative(base);
    const files = rel === undefined ? [] : expandGlob(it, rel);
    if (files.length === 0) {
      if (!isOptional)
        it.raiseOrUnknown('OSError', `No such file or directory: ${pattern} (include)`);
      continue;
    }
    for (const file of files) it.includeFile(file, frame);
  }
  return NONE;
}

/** django-split-settings include()/optional(): the files run in the settings' namespace. */
export const splitSettingsModel: LibraryModel = {
  name: 'django-split-settings',
  modules: ['split_settings'],
  call(it, path, args, node, frame) {
    const a0 = argAt(args, 0);
    switch (path) {
      case 'split_settings.tools.optional':
        return opaque('optional', { tag: 'optional', pattern: a0 ?? NONE });
      case 'split_settings.tools.include':
        return includeSettingsFiles(it, args, frame);
    }
    return undefined;
  },
};
