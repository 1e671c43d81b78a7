import { relaunchWithScanFlags } from '../io/scan-process';

// The runner starts this file with node's defaults; the scan runs in a node child with the scan's
// V8 flags (io/scan-process.ts), and this process only waits for it and ends with its exit code.
// The action itself is loaded in the child only (a chunk of its own in dist/).
const relaunched = await relaunchWithScanFlags();
if (relaunched !== undefined) process.exitCode = relaunched;
else {
  const { runAction } = await import('./main');
  await runAction();
}
