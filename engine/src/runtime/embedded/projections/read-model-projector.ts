import { CompiledQuery, type Transaction } from 'kysely';
import type { EngineRecord } from '../../../records/record.js';
import { chunks } from '../state/state-table.js';
import { USER_TASK_JOB_TYPE } from '../bpmn/behaviours/job-behaviour.js';

type Row = Record<string, unknown>;

/** Rows of one view table: new rows written whole, known rows patched; merged per key within a batch. */
class ViewTable {
  private readonly inserts = new Map<string, Row>();
  private readonly patches = new Map<string, Row>();

  constructor(
    private readonly table: string,
    private readonly keyColumns: string[],
    private readonly jsonColumns: string[] = [],
  ) {}

  insert(row: Row): void {
    const key = this.keyColumns.map((c) => row[c]).join('|');
    this.inserts.set(key, { ...(this.inserts.get(key) ?? {}), ...row });
  }

  patch(keyValues: unknown[], changes: Row): void {
    const key = keyValues.join('|');
    const inserted = this.inserts.get(key);
    if (inserted) {
      Object.assign(inserted, changes);
      return;
    }
    const patch = this.patches.get(key) ?? Object.fromEntries(this.keyColumns.map((c, i) => [c, keyValues[i]]));
    this.patches.set(key, Object.assign(patch, changes));
  }

  async flush(trx: Transaction<any>): Promise<void> {
    const json = new Set(this.jsonColumns);
    const value = (column: string, v: unknown): unknown => (json.has(column) ? JSON.stringify(v ?? null) : v);
    const cast = (column: string, n: number): string => (json.has(column) ? `$${n}::jsonb` : `$${n}`);
    // Inserts grouped by their column set (rows of one table written by one record kind share it).
    const groups = new Map<string, Row[]>();
    for (const row of this.inserts.values()) {
      const columns = Object.keys(row).sort().join(',');
      groups.set(columns, [...(groups.get(columns) ?? []), row]);
    }
    for (const [columnList, rows] of groups) {
      const columns = columnList.split(',');
      const updates = columns.filter((c) => !this.keyColumns.includes(c)).map((c) => `${c} = EXCLUDED.${c}`);
      for (const chunk of chunks(rows, Math.floor(30_000 / columns.length))) {
        const params: unknown[] = [];
        const tuples = chunk.map(
          (row) => `(${columns.map((c) => (params.push(value(c, row[c])), cast(c, params.length))).join(', ')})`,
        );
        await trx.executeQuery(
          CompiledQuery.raw(
            `INSERT INTO ${this.table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}
             ON CONFLICT (${this.keyColumns.join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`,
            params,
          ),
        );
      }
    }
    for (const patch of this.patches.values()) {
      const columns = Object.keys(patch).filter((c) => !this.keyColumns.includes(c));
      if (columns.length === 0) continue;
      const params: unknown[] = [];
      const sets = columns.map((c) => (params.push(value(c, patch[c])), `${c} = ${cast(c, params.length)}`));
      const where = this.keyColumns.map((c) => (params.push(patch[c]), `${c} = $${params.length}`));
      await trx.executeQuery(CompiledQuery.raw(`UPDATE ${this.table} SET ${sets.join(', ')} WHERE ${where.join(' AND ')}`, params));
    }
  }
}

/** Root variables that place a case in the organisation tree, most specific first wins by arriving last. */
const ORG_VARIABLES = new Set(['orgId', 'gridId']);

const END_STATES: Record<string, string> = { ELEMENT_COMPLETED: 'COMPLETED', ELEMENT_TERMINATED: 'TERMINATED' };

/**
 * Builds the read model (instance list and detail, element history, variables, user tasks) from
 * the records of a batch, written in the batch's transaction: the read model is never behind.
 */
export async function projectRecords(trx: Transaction<any>, records: EngineRecord[]): Promise<void> {
  const instances = new ViewTable('process_instance_view', ['key']);
  const elements = new ViewTable('element_instance_view', ['key']);
  const variables = new ViewTable('variable_view', ['scope_key', 'name'], ['value']);
  const tasks = new ViewTable('user_task_view', ['key'], ['candidate_groups', 'candidate_users', 'custom_headers']);
  const incidentInstances = new Set<number>();

  for (const r of records) {
    const v = r.value as Record<string, any>;
    switch (r.valueType) {
      case 'PROCESS_INSTANCE': {
        if (r.intent === 'SEQUENCE_FLOW_TAKEN') break;
        const isProcess = v.bpmnElementType === 'PROCESS';
        if (r.intent === 'ELEMENT_ACTIVATING') {
          elements.insert({
            key: r.key,
            process_instance_key: v.processInstanceKey,
            flow_scope_key: v.flowScopeKey === -1 ? null : v.flowScopeKey,
            element_id: v.elementId,
            element_type: v.bpmnElementType,
            state: 'ACTIVATING',
            start_date: r.timestamp,
            end_date: null,
          });
          if (isProcess) {
            instances.insert({
              key: r.key,
              process_definition_key: v.processDefinitionKey,
              bpmn_process_id: v.bpmnProcessId,
              version: v.version,
              state: 'ACTIVE',
              start_date: r.timestamp,
              end_date: null,
              has_incident: false,
              parent_process_instance_key: v.parentProcessInstanceKey === -1 ? null : v.parentProcessInstanceKey,
              parent_element_instance_key: v.parentElementInstanceKey === -1 ? null : v.parentElementInstanceKey,
            });
          }
        } else if (END_STATES[r.intent]) {
          elements.patch([r.key], { state: END_STATES[r.intent], end_date: r.timestamp });
          if (isProcess) instances.patch([r.key], { state: END_STATES[r.intent], end_date: r.timestamp });
        } else {
          elements.patch([r.key], { state: r.intent.replace('ELEMENT_', '') });
        }
        break;
      }
      case 'VARIABLE':
        variables.insert({ scope_key: v.scopeKey, name: v.name, process_instance_key: v.processInstanceKey, value: v.value });
        // A case belongs to the organisation (grid/community/street) its root variables name; staff see their subtree.
        if (v.scopeKey === v.processInstanceKey && ORG_VARIABLES.has(v.name) && typeof v.value === 'string') {
          instances.patch([v.processInstanceKey], { org_id: v.value });
        }
        if (v.scopeKey === v.processInstanceKey && v.name === 'caseNo' && typeof v.value === 'string') {
          instances.patch([v.processInstanceKey], { business_key: v.value });
        }
        break;
      case 'INCIDENT':
        incidentInstances.add(v.processInstanceKey);
        break;
      case 'JOB': {
        if (v.type !== USER_TASK_JOB_TYPE) break;
        if (r.intent === 'CREATED') {
          const ut = (v.userTask ?? {}) as Record<string, any>;
          tasks.insert({
            key: r.key,
            element_instance_key: v.elementInstanceKey,
            process_instance_key: v.processInstanceKey,
            process_definition_key: v.processDefinitionKey,
            bpmn_process_id: v.bpmnProcessId,
            element_id: v.elementId,
            name: ut.name ?? null,
            state: 'CREATED',
            assignee: ut.assignee ?? null,
            candidate_groups: ut.candidateGroups ?? [],
            candidate_users: ut.candidateUsers ?? [],
            due_date: ut.dueDate ?? null,
            follow_up_date: ut.followUpDate ?? null,
            form_key: ut.formKey ?? null,
            creation_date: r.timestamp,
            completion_date: null,
            custom_headers: v.customHeaders ?? {},
          });
        } else if (r.intent === 'COMPLETED') {
          tasks.patch([r.key], { state: 'COMPLETED', completion_date: r.timestamp });
        } else if (r.intent === 'CANCELED') {
          tasks.patch([r.key], { state: 'CANCELED', completion_date: r.timestamp });
        }
        break;
      }
      default:
        break;
    }
  }
  await instances.flush(trx);
  await elements.flush(trx);
  await variables.flush(trx);
  await tasks.flush(trx);
  if (incidentInstances.size > 0) {
    await trx.executeQuery(
      CompiledQuery.raw(
        `UPDATE process_instance_view v SET has_incident = EXISTS (
           SELECT 1 FROM incidents i WHERE i.process_instance_key = v.key AND i.state = 'ACTIVE')
         WHERE v.key = ANY($1)`,
        [[...incidentInstances]],
      ),
    );
  }
}

/** The record stream itself, in one multi-row insert per chunk. */
export async function appendRecords(trx: Transaction<any>, records: EngineRecord[]): Promise<void> {
  for (const chunk of chunks(records, 4000)) {
    const params: unknown[] = [];
    const tuples = chunk.map((r) => {
      params.push(r.position, r.key, r.valueType, r.intent, r.processInstanceKey, r.timestamp, JSON.stringify(r.value));
      const n = params.length;
      return `($${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n}::jsonb)`;
    });
    await trx.executeQuery(
      CompiledQuery.raw(
        `INSERT INTO records (position, key, value_type, intent, process_instance_key, timestamp, value) VALUES ${tuples.join(', ')}`,
        params,
      ),
    );
  }
}
