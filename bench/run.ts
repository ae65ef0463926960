/**
 * `npm run bench`: the benchmark suite (src/bench/index.ts) on the real table beside the project
 * (../shared/data/routes) or the generated one, writing bench/results/bench.json and scaling.svg,
 * then bench/store-routes.ts (the store alone, 1,000,000 routes).
 *
 *   npm run bench [-- --routes FILE ... --updates FILE ... --scales 0.125,1]
 */
import { spawnSync } from 'node:child_process';
import { runBenchmarks } from '../src/bench/index.js';

const args = process.argv.slice(2);
const many = (flag: string) => args.flatMap((a, i) => (a === flag ? [args[i + 1]] : []));
const scales = many('--scales')[0]?.split(',').map(Number);
const result = await runBenchmarks({
  routes: many('--routes'),
  updates: many('--updates'),
  outDir: 'bench/results',
  scales,
});
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
const store = spawnSync(process.execPath, ['--import', 'tsx', 'bench/store-routes.ts'], { encoding: 'utf8' });
process.stdout.write(store.stdout);
if (store.status !== 0) process.stderr.write(store.stderr);
