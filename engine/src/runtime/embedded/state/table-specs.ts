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
 * `data` always jsonb.
 */
function keyedSpec<Row extends { key: number }>(table: string, fields: Array<keyof Row & string>): TableSpec<Row> {
  const columns = fields.map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  return {
    table,
    keyColumns: ['key'],
    columns,
    jsonColumns: ['data'],
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

export const elementInstanceSpec = keyedSpec<ElementInstanceRow>('element_instances', [
  'key',
  'processInstanceKey',
  'flowScopeKey',
  'elementId',
  'state',
  'data',
]);

export const jobSpec = keyedSpec<JobRow>('jobs', [
  'key',
  'type',
  'state',
  'elementInstanceKey',
  'processInstanceKey',
  'retries',
  'deadline',
  'recurAt',
  'worker',
  'data',
]);

export const timerSpec = keyedSpec<TimerRow>('timers', [
  'key',
  'dueDate',
  'elementInstanceKey',
  'processInstanceKey',
  'processDefinitionKey',
  'elementId',
  'data',
]);

export const messageSubscriptionSpec = keyedSpec<MessageSubscriptionRow>('message_subscriptions', [
  'key',
  'messageName',
  'correlationKey',
  'elementInstanceKey',
  'processInstanceKey',
  'bpmnProcessId',
  'data',
]);

export const signalSubscriptionSpec = keyedSpec<SignalSubscriptionRow>('signal_subscriptions', [
  'key',
  'signalName',
  'elementInstanceKey',
  'processInstanceKey',
  'data',
]);

export const messageSpec = keyedSpec<MessageRow>('messages', [
  'key',
  'name',
  'correlationKey',
  'messageId',
  'deadline',
  'data',
]);

export const incidentSpec = keyedSpec<IncidentRow>('incidents', [
  'key',
  'processInstanceKey',
  'elementInstanceKey',
  'jobKey',
  'state',
  'data',
]);

export interface MessageCorrelationRow {
  messageKey: number;
  bpmnProcessId: string;
}

export const messageCorrelationSpec: TableSpec<MessageCorrelationRow> = {
  table: 'message_correlations',
  keyColumns: ['message_key', 'bpmn_process_id'],
  columns: ['message_key', 'bpmn_process_id'],
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
