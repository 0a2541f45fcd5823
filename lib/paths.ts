/**
 * Lua's `paths` package, the functions Torch scripts use: `concat` (full filenames, each argument
 * relative to the previous result, the first to the current directory; no argument: the current
 * directory), `filep`/`dirp` (an existing file / directory), `mkdir` (one directory, not its
 * parents; true when it was made), `dirname`, `basename(path, suffix?)` and `cwd`. File-system calls
 * reach Node's built-ins at call time (lib/platform.ts), so the library still bundles for a browser.
 *
 * Ref: torch/paths init.lua, doc/filenames.md, doc/dirfunctions.md
 */
import { nodeBuiltin } from './platform.js';

function stat(path: string, who: string): import('node:fs').Stats | undefined {
  return nodeBuiltin('node:fs', who).statSync(path, { throwIfNoEntry: false });
}

export const paths = {
  /** `paths.concat('logs', 'train.log')` → `<cwd>/logs/train.log`; an absolute argument restarts the path. */
  concat(...parts: string[]): string {
    return nodeBuiltin('node:path', 'paths.concat').resolve(...parts);
  },
  /** The full path of the current directory. */
  cwd(): string {
    return process.cwd();
  },
  /** Whether `path` names an existing file (not a directory). */
  filep(path: string): boolean {
    return stat(path, 'paths.filep')?.isFile() ?? false;
  },
  /** Whether `path` names an existing directory. */
  dirp(path: string): boolean {
    return stat(path, 'paths.dirp')?.isDirectory() ?? false;
  },
  /** Makes the directory `path` (its parent must exist); false when it could not (it exists, no parent, …). */
  mkdir(path: string): boolean {
    try {
      nodeBuiltin('node:fs', 'paths.mkdir').mkdirSync(path);
      return true;
    } catch {
      return false;
    }
  },
  /** The directory holding `path` (the shell's dirname). */
  dirname(path: string): string {
    return nodeBuiltin('node:path', 'paths.dirname').dirname(path);
  },
  /** The last component of `path`, without `suffix` when it ends with it (the shell's basename). */
  basename(path: string, suffix?: string): string {
    return nodeBuiltin('node:path', 'paths.basename').basename(path, suffix);
  },
};
