#!/usr/bin/env node
/**
 * The dpnn command line.
 *   dpnn ram train|eval|glimpses …   the Recurrent Attention Model (docs/ram.md)
 *   dpnn modules                     the modules and criteria this build exports
 *   dpnn --version | help
 * Failures print one line on stderr and exit with 2 (bad usage or input) or 1 (anything else).
 */
import { createRequire } from 'node:module';
import * as nn from '../index.js';
import { ramCommand } from '../ram/commands.js';

const usage = `usage: dpnn <command>

commands:
  ram         train, evaluate and picture Recurrent Attention Models (dpnn ram help)
  modules     list the modules and criteria of this build
  help        show this text
  --version   print the version`;

function listModules(): string {
  const names = (base: abstract new (...a: never[]) => unknown) =>
    Object.entries(nn).filter(([, v]) => typeof v === 'function' && v.prototype instanceof base).map(([k]) => k).sort();
  return `modules:    ${names(nn.Module).join(' ')}\ncriterions: ${names(nn.Criterion).join(' ')}`;
}

async function main(argv: string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case '--version': case '-v':
      console.log((createRequire(import.meta.url)('dpnn-ts/package.json') as { version: string }).version);
      return;
    case 'modules':
      console.log(listModules());
      return;
    case 'ram':
      return ramCommand(rest);
    case undefined: case 'help': case '--help': case '-h':
      console.log(usage);
      return;
    default:
      throw new nn.ArgumentError(`unknown command '${cmd}' (try dpnn help)`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  const err = e instanceof Error ? e : new Error(String(e));
  process.stderr.write(`dpnn: ${err.message.split('\n')[0]}\n`);
  process.exitCode = err instanceof nn.DpnnError ? 2 : 1;
});
