import { toolFileExists } from '../io/tool-files';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BlobOutcome } from './blob-job';
import type { BlobScan } from './blob-scan';

/**
 * Worker threads that run `scanBlobJob` (prefilter, decoding, detectors) on batches of blobs
 * while the main thread keeps parsing git's output: git inflates objects in its own process, the
 * workers use the other core(s). Batches travel as one transferred ArrayBuffer holding the blobs'
 * bytes, and outcomes are handed back in submission order, so results (and the cache file) are
 * the same as a scan on one thread.
 *
 * The worker script is a bundle of its own (scan-worker.ts, built by scripts/build.mjs next to
 * dist/index.js and dist/cli/index.js as history-worker.js). Where it is absent (tests run from
 * source) the scan stays on one thread.
 */
export const WORKER_FILE = 'history-worker.js';

export interface BatchItem {
  id: string;
  /** Offset and length of the blob's bytes in the batch buffer. */
  start: number;
  length: number;
  size: number;
  truncated: boolean;
  paths: readonly string[];
  previous?: BlobScan;
}

export interface WorkerRequest {
  batch: number;
  buffer: ArrayBuffer;
  items: BatchItem[];
}

export type WorkerReply =
  { batch: number; outcomes: BlobOutcome[] } | { batch: number; error: string };

export interface WorkerSetup {
  ruleIds: string[];
  maxBlobBytes: number;
  /**
   * Bytes of earlier versions each worker keeps for the version delta (version-delta.ts); 0 for
   * none (the reference scan). A worker scans its batches in submission order, so a path's
   * versions that reach it come in history order, as on the main thread.
   */
  versionStoreBytes: number;
}

/** The worker bundle beside this module's bundle, if there is one. */
export function findWorkerScript(): string | undefined {
  let here: string;
  try {
    here = dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined;
  }
  const script = join(here, WORKER_FILE);
  return toolFileExists(script) ? script : undefined;
}

/** Below this many blobs a scan stays on one thread: starting workers costs more. */
const WORKER_THRESHOLD = 2_000;

/**
 * How many workers to start, and after how many queued blobs. By default, the cores left once git
 * and the main thread have one each, at most 3: on two cores that is none — measured on a 2-core
 * machine, one worker saved ~8 % of a full scan's wall time but cost ~90 MB of memory and more
 * CPU in all (copies, a second heap); see the README's development section.
 * `DDG_HISTORY_WORKERS=N` sets the count and starts them from the first blob (the benchmark and
 * the end-to-end test use it).
 */
export function workerPlan(): { count: number; threshold: number } {
  const fromEnv = process.env.DDG_HISTORY_WORKERS;
  if (fromEnv !== undefined && /^\d+$/.test(fromEnv))
    return { count: Number(fromEnv), threshold: 0 };
  return {
    count: Math.max(0, Math.min(3, availableParallelism() - 2)),
    threshold: WORKER_THRESHOLD,
  };
}

export interface WorkerPool {
  /** Sends a batch; the promise settles with its outcomes, in item order. */
  submit(buffer: ArrayBuffer, items: BatchItem[]): Promise<BlobOutcome[]>;
  /** Bytes sent and not yet answered. */
  readonly pendingBytes: number;
  close(): Promise<void>;
}

export function startWorkerPool(script: string, count: number, setup: WorkerSetup): WorkerPool {
  let nextBatch = 0;
  let pendingBytes = 0;
  const waiting = new Map<
    number,
    { resolve: (outcomes: BlobOutcome[]) => void; reject: (error: Error) => void; bytes: number }
  >();
  const load: number[] = [];
  const workers = Array.from({ length: count }, (_, index) => {
    const worker = new Worker(script, { workerData: setup });
    load.push(0);
    worker.on('message', (reply: WorkerReply) => {
      const entry = waiting.get(reply.batch);
      if (!entry) return;
      waiting.delete(reply.batch);
      pendingBytes -= entry.bytes;
      load[index] = (load[index] ?? 0) - entry.bytes;
      if ('error' in reply) entry.reject(new Error(`history scan worker: ${reply.error}`));
      else entry.resolve(reply.outcomes);
    });
    const fail = (error: Error) => {
      for (const entry of waiting.values()) entry.reject(error);
      waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`history scan worker exited with ${code}`));
    });
    return worker;
  });

  return {
    submit(buffer, items) {
      const batch = nextBatch++;
      // The least loaded worker takes it.
      let target = 0;
      for (let i = 1; i < workers.length; i++) if ((load[i] ?? 0) < (load[target] ?? 0)) target = i;
      const bytes = buffer.byteLength;
      pendingBytes += bytes;
      load[target] = (load[target] ?? 0) + bytes;
      const request: WorkerRequest = { batch, buffer, items };
      return new Promise<BlobOutcome[]>((resolve, reject) => {
        waiting.set(batch, { resolve, reject, bytes });
        workers[target]!.postMessage(request, [buffer]);
      });
    },
    get pendingBytes() {
      return pendingBytes;
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
