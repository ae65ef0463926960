/** The generated big table of `bench/big-table.ts` and `bench/route-memory.ts`. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Writes `n` distinct IPv4 /29 prefixes, one a line, counting up from 1.0.0.0 (each 8 addresses
 * after the one before): N unique routes in numeric (not string) order.
 */
export async function writeTable(path: string, n: number): Promise<void> {
  const out = createWriteStream(path);
  const chunk: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = (0x01000000 + i * 8) >>> 0;
    chunk.push(`${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}/29`);
    if (chunk.length === 65536 || i === n - 1) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk.length = 0;
    }
  }
  out.end();
  await once(out, 'finish');
}
