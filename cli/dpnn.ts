#!/usr/bin/env node
/**
 * The dpnn command line.
 *   dpnn ram train|eval|glimpses|help …   the Recurrent Attention Model (docs/ram.md)
 *   dpnn modules                          the modules and criteria this build exports
 *   dpnn help [command] | --help | --version
 * `--help` on every command prints its options and exits 0 without starting work. A bare `dpnn`
 * prints the usage on stderr and exits 2. Failures print one line on stderr and exit with 2 (bad
 * usage or input) or 1 (anything else).
 */
import { createRequire } from 'node:module';
import * as nn from '../index.js';
import { ramCommand } from '../ram/commands.js';

const commands = ['ram', 'modules', 'help'] as const;

const usage = `usage: dpnn <command> [options]

commands:
  ram         train, evaluate and picture Recurrent Attention Models (dpnn ram help)
  modules     list the modules and criteria of this build
  help        show this text (dpnn help <command>: that command's help)

options:
  --help, -h      show this text
  --version, -v   print the version

dpnn <command> --help shows that command's options and their defaults.`;

const modulesUsage = `usage: dpnn modules

Lists the module and criterion classes this build of dpnn-ts exports (no options).`;

function listModules(): string {
  const names = (base: abstract new (...a: never[]) => unknown) =>
    Object.entries(nn).filter(([, v]) => typeof v === 'function' && v.prototype instanceof base).map(([k]) => k).sort();
  return `modules:    ${names(nn.Module).join(' ')}\ncriterions: ${names(nn.Criterion).join(' ')}`;
}

async function main(argv: string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  const wantsHelp = rest.includes('--help') || rest.includes('-h');
  switch (cmd) {
    case '--version': case '-v':
      console.log((createRequire(import.meta.url)('dpnn-ts/package.json') as { version: string }).version);
      return;
    case 'modules':
      if (wantsHelp) return void console.log(modulesUsage);
      if (rest.length > 0) throw new nn.ArgumentError(`modules: unexpected argument '${rest[0]}' (dpnn modules takes no options)`);
      console.log(listModules());
      return;
    case 'ram':
      return ramCommand(rest);
    case 'help':
      if (rest[0] === undefined) return void console.log(usage);
      return main([rest[0], '--help']);
    case '--help': case '-h':
      console.log(usage);
      return;
    case undefined: // bad usage: the usage on stderr, exit 2
      process.stderr.write(`${usage}\n`);
      process.exitCode = 2;
      return;
    default:
      throw new nn.ArgumentError(`unknown command '${cmd}'; the commands are ${commands.join(', ')} (dpnn help)`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  const err = e instanceof Error ? e : new Error(String(e));
  process.stderr.write(`dpnn: ${err.message.split('\n')[0]}\n`);
  process.exitCode = err instanceof nn.DpnnError ? 2 : 1;
});
