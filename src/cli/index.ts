#!/usr/bin/env node
import { relaunchWithScanFlags } from '../io/scan-process';

// The scan runs in a node child with the scan's V8 flags (io/scan-process.ts); this process only
// waits for it. The CLI itself is loaded in the child only (a chunk of its own in dist/cli).
const relaunched = await relaunchWithScanFlags();
if (relaunched !== undefined) process.exitCode = relaunched;
else {
  const { runCli } = await import('./main');
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
  });
}
