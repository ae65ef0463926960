/**
 * `saistore drain show` as text, in the spirit of SONiC's TSC: per instance its mode and why, and
 * `System Mode: Normal | Maintenance | Not consistent` over all of them.
 */
import type { DrainView, HoldView, IntentView, InstanceView } from '../system/drain/view.js';

function intent(i: IntentView): string {
  return i.value === 'unknown' ? `unknown (${i.detail ?? 'not read'})` : i.value;
}

function hold(h: HoldView): string {
  switch (h.state) {
    case 'running':
      return `running, ${h.remainingSeconds} s left (until ${h.deadline})`;
    case 'expired':
      return `expired at ${h.deadline}`;
    case 'ended':
      return `ended by the operator (deadline was ${h.deadline})`;
    case 'none':
      return 'none';
  }
}

function instance(v: InstanceView): string[] {
  const head = v.operational
    ? `System Mode: ${v.operational.mode}`
    : 'no operational state published (agent not running?)';
  const lines = [`${v.namespace}: ${head}`, `  instance tsa_enabled   ${intent(v.intent)}`];
  if (v.operational?.chassis !== undefined) lines.push(`  chassis (as read)      ${v.operational.chassis}`);
  lines.push(`  startup hold           ${hold(v.hold)}`);
  if (v.operational) {
    const why = v.operational.reasons.length > 0 ? v.operational.reasons.join(', ') : 'nothing drains';
    lines.push(
      `  why                    ${why}${v.operational.basis && v.operational.basis !== 'intent' ? ` (${v.operational.basis})` : ''}`,
    );
    if (v.operational.unknown?.length) lines.push(`  unknown                ${v.operational.unknown.join(', ')}`);
    if (v.operational.updatedAt) lines.push(`  updated                ${v.operational.updatedAt}`);
  }
  lines.push(`  source                 ${v.source}`);
  if (v.problem) lines.push(`  problem                ${v.problem}`);
  return lines;
}

/** The text of `drain show`. */
export function formatDrainView(v: DrainView): string {
  const lines = [
    `Chassis tsa_enabled: ${intent(v.chassis.published)} (CHASSIS_APP_DB)`,
    `  supervisor CONFIG_DB  ${intent(v.chassis.config)}`,
  ];
  if (v.chassis.saved) {
    lines.push(`  saved                 ${v.chassis.saved.value ?? v.chassis.saved.error} (${v.chassis.saved.path})`);
  }
  for (const i of v.instances) lines.push(...instance(i));
  lines.push(`System Mode: ${v.systemMode}`);
  return `${lines.join('\n')}\n`;
}
