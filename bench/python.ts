/**
 * Finding PyTorch for a benchmark's peer run: the first Python that imports torch among Debian's
 * (/usr/bin/python3, where apt's python3-torch installs) and the one on PATH; when none does, the
 * reason to print in the benchmark's skip line (with apt's candidate version when there is one).
 */
import { execFileSync } from 'node:child_process';

export type TorchPython = { python: string; version: string } | { reason: string };

export function findTorchPython(): TorchPython {
  for (const python of ['/usr/bin/python3', 'python3']) {
    try {
      const version = execFileSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      return { python, version };
    } catch {
      // try the next one
    }
  }
  const policy = (() => { try { return execFileSync('apt-cache', ['policy', 'python3-torch'], { encoding: 'utf8' }); } catch { return ''; } })();
  const candidate = /Candidate:\s*(\S+)/.exec(policy)?.[1];
  return { reason: `no python3 imports torch (${candidate && candidate !== '(none)' ? `apt-get install python3-torch installs ${candidate}` : 'python3-torch is not available from apt here'})` };
}
