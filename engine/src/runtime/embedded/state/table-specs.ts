import type { TableSpec } from './state-table.js';
import type {
  ElementInstanceRow,
  IncidentRow,
  JobRow,
  MessageRow,
  MessageSubscriptionRow,
  SignalSubscriptionRow,
  TimerRow,
} from './rows.js';

/**
 * Table specs for rows keyed by one int8 `key`: columns in snake_case, fields in camelCase,
 * `data` always json (see migration 006).
 */
function keyedSpec<Row extends { key: number }>(table: string, typed: Partial<Record<keyof Row & string, string>>): TableSpec<Row> {
  const fields = Object.keys(typed) as Array<keyof Row & string>;
  const columns = fields.map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  return {
    table,
    keyColumns: ['key'],
    columns,
    types: fields.map((f) => typed[f]!),
    keyOf: (row) => String(row.key),
    keyValues: (key) => [Number(key)],
    toColumns: (row) => fields.map((f) => row[f]),
    fromColumns: (record) => {
      const row: Record<string, unknown> = {};
      fields.forEach((f, i) => (row[f] = record[columns[i]]));
      return row as Row;
    },
  };
}

export const elementInstanceSpec = keyedSpec<ElementInstanceRow>('element_instances', { key: 'int8', processInstanceKey: 'int8', flowScopeKey: 'int8', elementId: 'text', state: 'text', data: 'json' });

export const jobSpec = keyedSpec<JobRow>('jobs', { key: 'int8', type: 'text', state: 'text', elementInstanceKey: 'int8', processInstanceKey: 'int8', retries: 'int4', deadline: 'int8', recurAt: 'int8', worker: 'text', data: 'json' });

export const timerSpec = keyedSpec<TimerRow>('timers', { key: 'int8', dueDate: 'int8', elementInstanceKey: 'int8', processInstanceKey: 'int8', processDefinitionKey: 'int8', elementId: 'text', data: 'json' });

export const messageSubscriptionSpec = keyedSpec<MessageSubscriptionRow>('message_subscriptions', { key: 'int8', messageName: 'text', correlationKey: 'text', elementInstanceKey: 'int8', processInstanceKey: 'int8', bpmnProcessId: 'text', data: 'json' });

export const signalSubscriptionSpec = keyedSpec<SignalSubscriptionRow>('signal_subscriptions', { key: 'int8', signalName: 'text', elementInstanceKey: 'int8', processInstanceKey: 'int8', data: 'json' });

export const messageSpec = keyedSpec<MessageRow>('messages', { key: 'int8', name: 'text', correlationKey: 'text', messageId: 'text', deadline: 'int8', data: 'json' });

export const incidentSpec = keyedSpec<IncidentRow>('incidents', { key: 'int8', processInstanceKey: 'int8', elementInstanceKey: 'int8', jobKey: 'int8', state: 'text', data: 'json' });

export interface MessageCorrelationRow {
  messageKey: number;
  bpmnProcessId: string;
}

export const messageCorrelationSpec: TableSpec<MessageCorrelationRow> = {
  table: 'message_correlations',
  keyColumns: ['message_key', 'bpmn_process_id'],
  columns: ['message_key', 'bpmn_process_id'],
  types: ['int8', 'text'],
  keyOf: (row) => `${row.messageKey}|${row.bpmnProcessId}`,
  keyValues: (key) => {
    const at = key.indexOf('|');
    return [Number(key.slice(0, at)), key.slice(at + 1)];
  },
  toColumns: (row) => [row.messageKey, row.bpmnProcessId],
  fromColumns: (r) => ({ messageKey: r.message_key as number, bpmnProcessId: r.bpmn_process_id as string }),
};

export interface MessageStartLockRow {
  bpmnProcessId: string;
  correlationKey: string;
  processInstanceKey: number;
}

export const messageStartLockSpec: TableSpec<MessageStartLockRow> = {
  table: 'message_start_locks',
  keyColumns: ['bpmn_process_id', 'correlation_key'],
  columns: ['bpmn_process_id', 'correlation_key', 'process_instance_key'],
  types: ['text', 'text', 'int8'],
  keyOf: (row) => `${row.bpmnProcessId}|${row.correlationKey}`,
  keyValues: (key) => {
    const at = key.indexOf('|');
    return [key.slice(0, at), key.slice(at + 1)];
  },
  toColumns: (row) => [row.bpmnProcessId, row.correlationKey, row.processInstanceKey],
  fromColumns: (r) => ({
    bpmnProcessId: r.bpmn_process_id as string,
    correlationKey: r.correlation_key as string,
    processInstanceKey: r.process_instance_key as number,
  }),
};
