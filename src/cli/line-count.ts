/** Counting the lines of a (possibly gzip) file, for the total of a progress bar. */
import { openByteStream } from '../routes/open.js';

/** Number of lines of a file, plain or gzip (a last line without a newline counts). */
export async function countLines(path: string): Promise<number> {
  let lines = 0;
  let last = 10;
  for await (const chunk of await openByteStream(path)) {
    const b = chunk as Buffer;
    for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) lines++;
    if (b.length > 0) last = b[b.length - 1];
  }
  return last === 10 ? lines : lines + 1;
}
