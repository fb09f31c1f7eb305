import { sql, type Kysely } from 'kysely';
import { ElementIntent } from '../records/record.js';
import { readRecords } from '../records/record-store.js';
import { keyText, optionalIsoDateTime, isoDateTime, optionalKeyText } from './api-values.js';
import { openIncidentsOf, type IncidentItem } from './incident-search.js';
import type { OrgScope } from './org-scope.js';
import { findProcessInstanceRow, processInstanceItems, type ProcessInstanceItem } from './process-instance-search.js';

export type ElementInstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

/** One element instance of the instance's history. */
export interface ElementInstanceItem {
  key: string;
  elementId: string;
  /** Zeebe's BPMN element type: SERVICE_TASK, USER_TASK, EXCLUSIVE_GATEWAY, MULTI_INSTANCE_BODY … */
  elementType: string;
  state: ElementInstanceState;
  startDate: string;
  endDate: string | null;
  flowScopeKey: string | null;
}

/** What the instance page shows: the instance, its root variables and what to paint on the diagram. */
export interface ProcessInstanceDetail extends ProcessInstanceItem {
  /** Root-scope variables by name, as values. */
  variables: Record<string, unknown>;
  /** Element ids with a live element instance, in the order they started. */
  activeElementIds: string[];
  /** Element ids that completed at least once, in the order they first completed. */
  completedElementIds: string[];
  /** Open incidents. */
  incidents: IncidentItem[];
  elementInstances: ElementInstanceItem[];
  /** Sequence flow ids taken at least once, in the order first taken. */
  takenSequenceFlowIds: string[];
}

/** The engine's element states, as the v2 API's ElementInstanceStateEnum: anything not ended is active. */
function elementState(state: string): ElementInstanceState {
  return state === 'COMPLETED' || state === 'TERMINATED' ? state : 'ACTIVE';
}

interface ElementInstanceRow {
  key: number;
  element_id: string;
  element_type: string;
  state: string;
  start_date: number;
  end_date: number | null;
  flow_scope_key: number | null;
}

/**
 * GET /v2/process-instances/{key} with what the instance view needs besides; undefined when the instance
 * does not exist or the caller may not see it.
 */
export async function getProcessInstance(
  db: Kysely<any>,
  processInstanceKey: string | number,
  scope: OrgScope,
): Promise<ProcessInstanceDetail | undefined> {
  const row = await findProcessInstanceRow(db, processInstanceKey, scope);
  if (!row) return undefined;
  const key = row.key;
  const [[item], variables, elements, incidents, records] = await Promise.all([
    processInstanceItems(db, [row]),
    sql<{ name: string; value: unknown }>`SELECT name, value FROM variable_view WHERE scope_key = ${key}::int8 ORDER BY name`.execute(db),
    sql<ElementInstanceRow>`SELECT key, element_id, element_type, state, start_date, end_date, flow_scope_key
      FROM element_instance_view WHERE process_instance_key = ${key}::int8 ORDER BY start_date, key`.execute(db),
    openIncidentsOf(db, key),
    readRecords(db, { processInstanceKey: key }),
  ]);
  const flows = records
    .filter((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === ElementIntent.SEQUENCE_FLOW_TAKEN)
    .map((r) => String(r.value.elementId));
  const elementInstances = elements.rows.map((e) => ({
    key: keyText(e.key),
    elementId: e.element_id,
    elementType: e.element_type,
    state: elementState(e.state),
    startDate: isoDateTime(e.start_date),
    endDate: optionalIsoDateTime(e.end_date),
    flowScopeKey: optionalKeyText(e.flow_scope_key),
  }));
  // The process itself is the diagram, not an element on it.
  const onDiagram = elements.rows.filter((e) => e.element_type !== 'PROCESS');
  const completedInOrder = onDiagram
    .filter((e) => elementState(e.state) === 'COMPLETED')
    .sort((a, b) => (a.end_date ?? 0) - (b.end_date ?? 0) || a.key - b.key);
  return {
    ...item,
    variables: Object.fromEntries(variables.rows.map((v) => [v.name, v.value])),
    activeElementIds: distinct(onDiagram.filter((e) => elementState(e.state) === 'ACTIVE').map((e) => e.element_id)),
    completedElementIds: distinct(completedInOrder.map((e) => e.element_id)),
    incidents,
    elementInstances,
    takenSequenceFlowIds: distinct(flows),
  };
}

function distinct(ids: string[]): string[] {
  return [...new Set(ids)];
}
