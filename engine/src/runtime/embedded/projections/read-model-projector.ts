import { CompiledQuery, type Transaction } from 'kysely';
import type { EngineRecord } from '../../../records/record.js';
import { bulkInsert, bulkUpdate, type Column } from '../../../store/bulk-write.js';
import { USER_TASK_JOB_TYPE } from '../bpmn/behaviours/job-behaviour.js';

type Row = Record<string, unknown>;

/** Rows of one view table: new rows written whole, known rows patched; merged per key within a batch. */
class ViewTable {
  private readonly inserts = new Map<string, Row>();
  private readonly patches = new Map<string, Row>();

  constructor(
    private readonly table: string,
    private readonly keyColumns: string[],
    /** SQL types of the table's columns. */
    private readonly columnTypes: Record<string, string>,
    /** Inserted rows never exist yet: a plain INSERT, without ON CONFLICT's slower path. */
    private readonly insertsAreNew = false,
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
    const column = (name: string): Column => ({ name, type: this.columnTypes[name] });
    // Inserts grouped by their column set (rows of one table written by one record kind share it).
    for (const rows of groupByColumns([...this.inserts.values()], () => true)) {
      const columns = Object.keys(rows[0]);
      await bulkInsert(
        trx,
        this.table,
        columns.map(column),
        rows,
        this.insertsAreNew ? undefined : { keys: this.keyColumns, update: columns.filter((c) => !this.keyColumns.includes(c)) },
      );
    }
    for (const rows of groupByColumns([...this.patches.values()], (c) => !this.keyColumns.includes(c))) {
      const set = Object.keys(rows[0]).filter((c) => !this.keyColumns.includes(c));
      await bulkUpdate(trx, this.table, this.keyColumns.map(column), set.map(column), rows);
    }
  }
}

function groupByColumns(rows: Row[], counts: (column: string) => boolean): Row[][] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    // Unsorted: rows of one record kind list their columns in the same order, and sorting per row cost more than
    // the rare extra statement for two orders of the same columns.
    const id = Object.keys(row).filter(counts).join(',');
    if (id === '') continue;
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  return [...groups.values()];
}

/** Root variables that place a case in the organisation tree (the last one set wins). */
const ORG_VARIABLES = new Set(['orgId', 'gridId']);

const INSTANCE_COLUMNS = {
  key: 'int8', process_definition_key: 'int8', bpmn_process_id: 'text', version: 'int4', state: 'text', start_date: 'int8',
  end_date: 'int8', has_incident: 'bool', parent_process_instance_key: 'int8', parent_element_instance_key: 'int8',
  org_id: 'text', business_key: 'text',
};
const ELEMENT_COLUMNS = {
  key: 'int8', process_instance_key: 'int8', flow_scope_key: 'int8', element_id: 'text', element_type: 'text', state: 'text',
  start_date: 'int8', end_date: 'int8',
};
const VARIABLE_COLUMNS = { scope_key: 'int8', name: 'text', process_instance_key: 'int8', value: 'jsonb' };
const TASK_COLUMNS = {
  key: 'int8', element_instance_key: 'int8', process_instance_key: 'int8', process_definition_key: 'int8',
  bpmn_process_id: 'text', element_id: 'text', name: 'text', state: 'text', assignee: 'text', candidate_groups: 'jsonb',
  candidate_users: 'jsonb', due_date: 'text', follow_up_date: 'text', form_key: 'text', creation_date: 'int8',
  completion_date: 'int8', custom_headers: 'jsonb',
};

const END_STATES: Record<string, string> = { ELEMENT_COMPLETED: 'COMPLETED', ELEMENT_TERMINATED: 'TERMINATED' };

export interface ProjectionOptions {
  /**
   * Each element activation, task creation and variable creation is seen once, with a key never used before: true
   * for the embedded engine, whose keys and records these are (its view rows then take a plain INSERT, ~40 % cheaper
   * than ON CONFLICT on PGlite, and a variable's update an UPDATE). The Zeebe runtime sees activations through
   * listeners that may be delivered again, so it upserts.
   */
  activationsAreNew: boolean;
}

/**
 * Builds the read model (instance list and detail, element history, variables, user tasks) from
 * the records of a batch, written in the batch's transaction: the read model is never behind.
 */
export async function projectRecords(
  trx: Transaction<any>,
  records: EngineRecord[],
  options: ProjectionOptions = { activationsAreNew: false },
): Promise<void> {
  const { activationsAreNew } = options;
  const instances = new ViewTable('process_instance_view', ['key'], INSTANCE_COLUMNS, activationsAreNew);
  const elements = new ViewTable('element_instance_view', ['key'], ELEMENT_COLUMNS, activationsAreNew);
  const variables = new ViewTable('variable_view', ['scope_key', 'name'], VARIABLE_COLUMNS, activationsAreNew);
  const tasks = new ViewTable('user_task_view', ['key'], TASK_COLUMNS, activationsAreNew);
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
        // A variable is created once in its scope (scope keys are never reused); later values patch its row.
        if (activationsAreNew && r.intent === 'UPDATED') variables.patch([v.scopeKey, v.name], { value: v.value });
        else variables.insert({ scope_key: v.scopeKey, name: v.name, process_instance_key: v.processInstanceKey, value: v.value });
        // A case belongs to the organisation (grid/community/street) its root variables name; staff see their subtree.
        if (v.scopeKey === v.processInstanceKey && ORG_VARIABLES.has(v.name) && typeof v.value === 'string') {
          instances.patch([v.processInstanceKey], { org_id: v.value });
        }
        if (v.scopeKey === v.processInstanceKey && v.name === 'caseNo' && typeof v.value === 'string') {
          instances.patch([v.processInstanceKey], { business_key: v.value });
        }
        break;
      case 'USER_TASK':
        if (r.intent === 'ASSIGNED' || r.intent === 'UNASSIGNED') tasks.patch([r.key], { assignee: v.assignee || null });
        break;
      case 'INCIDENT':
        incidentInstances.add(v.processInstanceKey);
        break;
      case 'JOB': {
        // An execution listener's job is never a user task, whatever its type.
        if (v.type !== USER_TASK_JOB_TYPE || v.kind === 'EXECUTION_LISTENER') break;
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
