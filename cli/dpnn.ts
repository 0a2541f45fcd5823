#!/usr/bin/env node
/**
 * The dpnn command line.
 *   dpnn --version        the package version
 *   dpnn modules          the modules and criteria this build exports
 *   dpnn help             this text
 */
import { createRequire } from 'node:module';
import * as nn from '../index.js';

const usage = `usage: dpnn <command>

commands:
  modules     list the modules and criteria of this build
  help        show this text
  --version   print the version`;

function version(): string {
  return (createRequire(import.meta.url)('dpnn-ts/package.json') as { version: string }).version;
}

function listModules(): string {
  const names = (base: abstract new (...a: never[]) => unknown) =>
    Object.entries(nn).filter(([, v]) => typeof v === 'function' && v.prototype instanceof base).map(([k]) => k).sort();
  return `modules:    ${names(nn.Module).join(' ')}\ncriterions: ${names(nn.Criterion).join(' ')}`;
}

const [cmd] = process.argv.slice(2);
switch (cmd) {
  case '--version':
  case '-v':
    console.log(version());
    break;
  case 'modules':
    console.log(listModules());
    break;
  case undefined:
  case 'help':
  case '--help':
  case '-h':
    console.log(usage);
    break;
  default:
    console.error(`dpnn: unknown command '${cmd}' (try dpnn help)`);
    process.exitCode = 2;
}
