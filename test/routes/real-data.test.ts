import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { loadRouteTable, readRouteUpdates } from '../../src/routes/index.js';
import { describeWithNeed, needShared } from '../helpers/need.js';
import { REAL_DATA_DIR, tempFiles } from './helpers.js';

const V4 = join(REAL_DATA_DIR, 'ris-20260511-as3333-v4.txt.gz');
const UPDATES_V4 = join(REAL_DATA_DIR, 'ris-20260511-as3333-updates-v4.txt.gz');
const tmp = tempFiles();

/** The first `n` lines of a gzipped file, as text with a final newline. */
function head(path: string, n: number): string {
  const text = gunzipSync(readFileSync(path)).toString('utf8');
  let end = 0;
  for (let i = 0; i < n; i++) end = text.indexOf('\n', end) + 1;
  return text.slice(0, end);
}

describeWithNeed(
  needShared('data/routes/ris-20260511-as3333-v4.txt.gz', 'data/routes/ris-20260511-as3333-updates-v4.txt.gz'),
  'real RIS data (first few thousand lines)',
  () => {
    it('loads the head of the v4 table unchanged', async () => {
      const text = head(V4, 5000);
      const path = tmp.write('ris-v4-head.gz', text, { gzip: true });
      const t = await loadRouteTable(path);
      const lines = text.trimEnd().split('\n');
      expect(t.format).toBe('prefix-list');
      expect(t.routes.length).toBe(5000);
      expect(t.duplicates).toBe(0);
      expect(t.bad).toEqual([]);
      expect(t.v4).toBe(5000);
      expect(t.routes.map((r) => r.prefix)).toEqual(lines); // the file is canonical
      expect(t.routes[0]).toEqual({ prefix: lines[0], family: 4, line: 1 });
    });

    it('reads the first 5000 v4 updates straight from the real file', async () => {
      const lines = head(UPDATES_V4, 5000).trimEnd().split('\n');
      const reader = readRouteUpdates(UPDATES_V4, { batchSize: 1000 });
      const got: string[] = [];
      for await (const batch of reader) {
        expect(batch.length).toBe(1000);
        for (const u of batch) got.push(`${u.op === 'announce' ? 'A' : 'W'} ${u.prefix}`);
        if (got.length === 5000) break;
      }
      expect(got).toEqual(lines);
      expect(reader.format).toBe('updates');
      expect(reader.bad).toEqual([]);
      expect(reader.done).toBe(false);
      expect(reader.counts.withdraws).toBe(lines.filter((l) => l.startsWith('W ')).length);
    });
  },
);
