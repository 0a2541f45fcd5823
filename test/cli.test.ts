/**
 * The dpnn command line, run through tsx as a user runs the bin: --help on every command prints its
 * options with their defaults and exits 0 without starting work; a bare `dpnn` (or `dpnn ram`)
 * prints the usage and exits 2; unknown commands name the known ones.
 */
import test from 'tape';
import { execFile } from 'node:child_process';
import { evalOptionSpec, glimpsesOptionSpec, trainOptionSpec, type OptionSpec } from '../ram/options.js';

interface Run { code: number; stdout: string; stderr: string }

function dpnn(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'cli/dpnn.ts', ...args], { encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Every option of `spec` appears in `text` with its default. */
function listsOptions(t: test.Test, text: string, spec: OptionSpec, what: string): void {
  const missing = Object.entries(spec).filter(([k, o]) => {
    const line = text.split('\n').find((l) => l.trimStart().startsWith(`--${k} `) || l.trim() === `--${k}` || l.trimStart().startsWith(`--${k}  `));
    return !line || (o.default !== undefined && !line.includes(`(default: ${o.default})`));
  }).map(([k]) => k);
  t.deepEqual(missing, [], `${what} lists every option with its default`);
}

test('--help on every command and subcommand exits 0 with the options and their defaults, starting no work', async (t) => {
  const [train, trainH, evalH, glimpses, ramHelp, top, helpRam, modules] = await Promise.all([
    dpnn('ram', 'train', '--help'), dpnn('ram', 'train', '--max-epoch', '1', '-h'), dpnn('ram', 'eval', '--help'), dpnn('ram', 'glimpses', '--help'),
    dpnn('ram', 'help'), dpnn('--help'), dpnn('help', 'ram'), dpnn('modules', '--help'),
  ]);
  for (const [name, r] of [['ram train --help', train], ['ram train … -h', trainH], ['ram eval --help', evalH], ['ram glimpses --help', glimpses],
    ['ram help', ramHelp], ['--help', top], ['help ram', helpRam], ['modules --help', modules]] as const) {
    t.equal(r.code, 0, `dpnn ${name} exits 0`);
    t.equal(r.stderr, '', `dpnn ${name} writes nothing on stderr (no progress: no training started)`);
    t.ok(r.stdout.startsWith('usage: dpnn'), `dpnn ${name} prints a usage`);
    t.notOk(/epoch \d+:/.test(r.stdout), `dpnn ${name} runs no epoch`);
  }
  listsOptions(t, train.stdout, trainOptionSpec, 'ram train --help');
  listsOptions(t, evalH.stdout, evalOptionSpec, 'ram eval --help');
  listsOptions(t, glimpses.stdout, glimpsesOptionSpec, 'ram glimpses --help');
  for (const [spec, what] of [[trainOptionSpec, 'train'], [evalOptionSpec, 'eval'], [glimpsesOptionSpec, 'glimpses']] as const) {
    const section = ramHelp.stdout.split('\n\nusage: ').find((s) => s.startsWith(`dpnn ram ${what} `)) ?? '';
    listsOptions(t, section, spec, `ram help (${what})`);
  }
  for (const o of ['--batch-size', '--max-epoch', '--backend', '--threads']) t.ok(train.stdout.includes(o), `ram train --help names ${o}`);
  t.ok(train.stdout.includes('(default: 2000)') && train.stdout.includes('(default: 20)'), 'defaults of --max-epoch and --batch-size shown');
  t.ok(top.stdout.includes('ram') && top.stdout.includes('modules'), 'dpnn --help names the commands');
  t.end();
});

test('bare commands print the usage and exit non-zero; unknown commands and options name what exists', async (t) => {
  const [bare, bareRam, unknown, unknownRam, badOption, version] = await Promise.all([
    dpnn(), dpnn('ram'), dpnn('nonsense'), dpnn('ram', 'nonsense'), dpnn('ram', 'eval', '--bogus'), dpnn('--version'),
  ]);
  t.equal(bare.code, 2, 'bare dpnn exits 2');
  t.ok(bare.stderr.startsWith('usage: dpnn <command>'), 'bare dpnn prints the usage on stderr');
  t.equal(bareRam.code, 2, 'bare dpnn ram exits 2');
  t.ok(bareRam.stderr.startsWith('usage: dpnn ram <command>'), 'bare dpnn ram prints its usage on stderr');
  t.equal(unknown.code, 2, 'unknown command exits 2');
  t.match(unknown.stderr, /unknown command 'nonsense'; the commands are ram, modules, help/, 'unknown command names the known ones');
  t.equal(unknownRam.code, 2, 'unknown ram command exits 2');
  t.match(unknownRam.stderr, /unknown command 'nonsense'; the commands are train, eval, glimpses and help/, 'unknown ram command names the known ones');
  t.equal(badOption.code, 2, 'unknown option exits 2');
  t.match(badOption.stderr, /ram eval: Unknown option '--bogus' \(try dpnn ram eval --help\)/, 'unknown option points at --help');
  t.equal(version.code, 0, '--version exits 0');
  t.match(version.stdout.trim(), /^\d+\.\d+\.\d+/, '--version prints the version');
  t.end();
});
