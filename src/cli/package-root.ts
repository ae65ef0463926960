/** Where the saistore package lives, for files shipped with it (the virtual switch libsai). */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The root directory of the saistore package: the nearest directory above the running script
 * (`dist/cli.js`, or `src/cli/main.ts` under tsx) whose `package.json` is named `saistore`.
 * Falls back to the current directory.
 */
export function packageRoot(script = process.argv[1]): string {
  let dir: string;
  try {
    dir = dirname(realpathSync(script ?? '.'));
  } catch {
    return process.cwd();
  }
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'saistore') return dir;
      } catch {
        // not a readable package.json: keep going up
      }
    }
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

/** The virtual switch libsai built by `npm ci` (`native/build/libsaivs.so`). */
export function virtualSwitchLibrary(root = packageRoot()): string {
  return join(root, 'native', 'build', 'libsaivs.so');
}
