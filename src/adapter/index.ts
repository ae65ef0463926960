export type {
  SaiAdapter,
  BulkErrorMode,
  BulkCreateEntry,
  BulkCreateResult,
  BulkGetResult,
  SwitchDefaults,
  CallCounters,
} from './adapter.js';
export {
  FakeSaiAdapter,
  type FakeSaiAdapterOptions,
  type FakeObject,
  type FakeCallLogEntry,
} from './fake/fake-adapter.js';
export type { FaultRule, FakeCall } from './faults.js';
export {
  InstrumentedAdapter,
  type InstrumentedAdapterOptions,
  type InstrumentedWriteTotals,
  type AdapterCall,
  type AdapterCallLogEntry,
} from './instrumented.js';
export { CallCounterSet, type WriteTotals } from './counters.js';
export { CountingAdapter, FaultingAdapter } from './instrumentation.js';
