import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '../core/logger';
import { parseCache, type HistoryCacheFile } from './cache';

/** Reads the cache; a missing file is silent, a corrupt or stale one a warning. Never throws. */
export async function loadCache(
  file: string,
  rulesHash: string,
  logger: Logger,
): Promise<HistoryCacheFile | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      logger.warning(
        `history cache ${file} could not be read (${(error as Error).message}): scanning all blobs`,
      );
    return undefined;
  }
  const parsed = parseCache(text, rulesHash);
  if (parsed.ok) return parsed.cache;
  if (parsed.stale)
    logger.info(`history cache ${file} not used: ${parsed.reason}; scanning all blobs`);
  else
    logger.warning(
      `history cache ${file} is corrupt (${parsed.reason}): ignoring it and scanning all blobs`,
    );
  return undefined;
}

/** Text gathered before each write: big enough to make few writes, small beside the scan. */
const WRITE_BYTES = 1 << 20;

/**
 * Writes the cache's text (`cacheFileText`, in pieces) atomically: to a temp file, then renamed,
 * so an interrupted run can't leave half a cache.
 */
export async function saveCache(
  file: string,
  text: Iterable<string>,
  logger: Logger,
): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true });
    const handle = await open(temp, 'w');
    try {
      let pending = '';
      for (const piece of text) {
        pending += piece;
        if (pending.length >= WRITE_BYTES) {
          await handle.write(pending);
          pending = '';
        }
      }
      await handle.write(pending);
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    logger.warning(`history cache ${file} could not be written: ${(error as Error).message}`);
  }
}
