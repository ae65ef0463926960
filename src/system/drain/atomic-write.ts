/**
 * TEMPORARY: the project's one atomic-write helper is coming in `src/io/` (issue 10); the drain
 * switches to it when it lands and this file goes. Same steps as `writeWarmBootState`: a temporary
 * file beside `path`, every byte written (checked), fsync, rename over `path`, fsync of the directory.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Writes `text` to `path` atomically: a crash leaves the old file or the new one, never a part. */
export function writeFileAtomic(path: string, text: string): void {
  const data = Buffer.from(text);
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    let off = 0;
    while (off < data.length) {
      const n = writeSync(fd, data, off, data.length - off);
      if (n <= 0) throw new Error(`${tmp}: wrote ${off} of ${data.length} bytes`);
      off += n;
    }
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
  const dfd = openSync(dirname(path), 'r');
  try {
    fsyncSync(dfd);
  } finally {
    closeSync(dfd);
  }
}
