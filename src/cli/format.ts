/** Readable text of the reports (what `--json` prints as JSON). */
import type {
  BootReportJson,
  ColdReport,
  DemoReport,
  Ops,
  ShutdownReport,
  UpdatesReport,
  WarmBootPhase,
} from './report.js';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const msText = (n: number) => `${int(n)} ms`;
const ops = (o: Ops) => `${int(o.create)} create, ${int(o.set)} set, ${int(o.remove)} remove`;
const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;

function inputLines(r: { input: DemoReport['input']; adapter: string }): string[] {
  const i = r.input;
  const from =
    i.source === 'generated' ? "generated (the real table's prefix-length distribution)" : i.files.join(', ');
  return [
    `routes       ${int(i.routes)} (${int(i.v4)} IPv4, ${int(i.v6)} IPv6), ${i.topology} topology`,
    `from         ${from}${i.bad ? `; ${int(i.bad)} bad lines skipped` : ''}`,
    `             loaded in ${msText(i.loadMs)}, state built in ${msText(i.buildMs)}`,
    `adapter      ${r.adapter}`,
  ];
}

function coldLines(c: ColdReport): string[] {
  const rate = c.ms > 0 ? `, ${int((c.ops.create * 1000) / c.ms)} creates/s` : '';
  return [`cold boot    ${msText(c.ms)}: ${ops(c.ops)}${rate}${c.reason ? ` (cold because: ${c.reason})` : ''}`];
}

function warmLines(label: string, w: WarmBootPhase): string[] {
  const p = w.phases;
  return [
    `${label.padEnd(13)}${msText(w.ms)}: replay + release ${ops(w.ops)}; then apply ${ops(w.applyOps)}`,
    `             load state ${msText(p.loadState)}, adapter init ${msText(p.adapterInit)}, reload ${msText(p.reload)}, replay ${msText(p.replay)},`,
    `             release ${msText(p.release)}, apply ${msText(p.apply)}, other ${msText(p.other)}`,
  ];
}

function updateLines(u: UpdatesReport): string[] {
  return [
    `updates      ${int(u.count)} (${int(u.announces)} announce, ${int(u.withdraws)} withdraw, ${int(u.ignoredWithdraws)} ignored: withdraw of an absent prefix) in ${int(u.batches)} batches of ${int(u.batchSize)}`,
    `             ${msText(u.ms)} (${int(u.perSec)}/s; ${msText(u.applyMs)} in the agent): ${ops(u.ops)}${u.bad ? `; ${int(u.bad)} bad lines skipped` : ''}`,
  ];
}

const memoryLine = (m: DemoReport['memory']) =>
  `memory       ${int(m.heapBytesPerRoute)} heap bytes per route${m.gc ? '' : ' (no GC available: approximate)'}, rss ${mib(m.rssBytes)}, peak rss ${mib(m.peakRssBytes)}`;

/** The demo report as text. */
export function formatDemoReport(r: DemoReport): string {
  const lines = [
    'saistore demo',
    ...inputLines(r),
    ...coldLines(r.cold),
    `shutdown     ${msText(r.shutdown.ms)}: warm, state file ${mib(r.shutdown.stateBytes)}`,
    ...warmLines('warm boot', r.warmBoot),
  ];
  if (r.updates) lines.push(...updateLines(r.updates));
  if (r.afterUpdates) {
    lines.push(
      `shutdown     ${msText(r.afterUpdates.shutdown.ms)}: warm, state file ${mib(r.afterUpdates.shutdown.stateBytes)}`,
    );
    lines.push(...warmLines('warm boot', r.afterUpdates.warmBoot));
  }
  lines.push(
    memoryLine(r.memory),
    `total        ${msText(r.totalMs)}`,
    'warm boots with identical state wrote nothing: OK',
  );
  return `${lines.join('\n')}\n`;
}

/** The boot report as text (printed to stderr: stdout has the one `ready` line). */
export function formatBootReport(r: BootReportJson): string {
  const lines = [`saistore boot (pid ${r.pid}, state ${r.stateDir})`, ...inputLines(r)];
  if (r.cold) lines.push(...coldLines(r.cold));
  if (r.warmBoot) lines.push(...warmLines('warm boot', r.warmBoot));
  if (r.updates) lines.push(...updateLines(r.updates));
  lines.push(memoryLine(r.memory));
  return `${lines.join('\n')}\n`;
}

/** The shutdown report as text. */
export function formatShutdownReport(r: ShutdownReport): string {
  const what =
    r.type === 'warm' ? `warm, state file ${mib(r.shutdown.stateBytes)} in ${r.stateDir}` : 'cold, state files removed';
  return `shutdown of pid ${r.pid}: ${msText(r.shutdown.ms)}, ${what}\n`;
}
