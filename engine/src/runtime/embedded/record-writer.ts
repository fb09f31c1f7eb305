import type { EngineRecord, ValueType } from '../../records/record.js';
import type { Sequence } from './keys.js';

/** Collects the records one batch writes, in order. */
export class RecordWriter {
  readonly written: EngineRecord[] = [];

  constructor(
    private readonly positions: Sequence,
    private readonly now: () => number,
  ) {}

  append<V extends object>(valueType: ValueType, intent: string, key: number, processInstanceKey: number | null, value: V): EngineRecord {
    const record: EngineRecord = {
      position: this.positions.next(),
      key,
      valueType,
      intent,
      processInstanceKey,
      timestamp: this.now(),
      value: value as Record<string, unknown>,
    };
    this.written.push(record);
    return record;
  }
}
