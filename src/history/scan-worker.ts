import { parentPort, workerData } from 'node:worker_threads';
import { createBytePrefilter } from '../secrets/prefilter';
import { secretRules } from '../secrets/rules/index';
import type { SecretRule } from '../secrets/rule';
import { scanBlobJob, type BlobOutcome, type BlobRules } from './blob-job';
import { isPathRule } from './blob-scan';
import { VersionStore } from './version-delta';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './scan-workers';

/**
 * Entry of a history scan worker thread (bundled on its own as history-worker.js, see
 * scan-workers.ts): runs `scanBlobJob` on each blob of a batch, with the registry's rules named
 * by the main thread, and answers with the outcomes in order.
 */
const setup = workerData as WorkerSetup;
const byId = new Map<string, SecretRule>(secretRules.map((rule) => [rule.id, rule]));
const rules = setup.ruleIds.map((id) => byId.get(id)).filter((rule) => rule !== undefined);
const context: BlobRules = {
  rules,
  pathRules: rules.filter(isPathRule),
  prefilter: createBytePrefilter(rules),
  maxBlobBytes: setup.maxBlobBytes,
  ...(setup.versionStoreBytes > 0 ? { versions: new VersionStore(setup.versionStoreBytes) } : {}),
};

parentPort?.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    if (rules.length !== setup.ruleIds.length) throw new Error('unknown rule id');
    const bytes = new Uint8Array(request.buffer);
    const outcomes: BlobOutcome[] = request.items.map((item) =>
      scanBlobJob(
        {
          id: item.id,
          content: bytes.subarray(item.start, item.start + item.length),
          size: item.size,
          truncated: item.truncated,
          paths: item.paths,
          ...(item.previous ? { previous: item.previous } : {}),
        },
        context,
      ),
    );
    reply = { batch: request.batch, outcomes };
  } catch (error) {
    reply = { batch: request.batch, error: (error as Error).message };
  }
  parentPort?.postMessage(reply);
});
