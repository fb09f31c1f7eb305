/**
 * Per-process dashboards (看板): each module defines the figures PROCESSES.md lists for its process over the read
 * model; computeDashboard runs one for a caller's organisation scope. The REST route GET /v2/dashboards/{processId}
 * calls dashboardFor and computeDashboard.
 */
import type { DashboardDefinition } from './dashboard-definition.js';
import { serviceItemDashboard } from './service-item-dashboard.js';
import { whistleEscalationDashboard } from './whistle-escalation-dashboard.js';
import { threeWayMediationDashboard } from './three-way-mediation-dashboard.js';
import { ownersCommitteeElectionDashboard } from './owners-committee-election-dashboard.js';

export type { Dashboard, DashboardFigure, DashboardSeries, DashboardScope, FigureUnit, LocalizedText, SeriesPoint } from './dashboard.js';
export type { DashboardDefinition, DashboardOutcome, DashboardContext } from './dashboard-definition.js';
export { computeDashboard, type DashboardRequest } from './compute-dashboard.js';
export { serviceItemDashboard, whistleEscalationDashboard, threeWayMediationDashboard, ownersCommitteeElectionDashboard };

const DEFINITIONS: readonly DashboardDefinition[] = [serviceItemDashboard, whistleEscalationDashboard, threeWayMediationDashboard, ownersCommitteeElectionDashboard];

/** The process ids that have a dashboard. */
export const DASHBOARD_PROCESS_IDS: readonly string[] = DEFINITIONS.map((d) => d.processId);

/** The dashboard of a process, or undefined when it has none. */
export function dashboardFor(processId: string): DashboardDefinition | undefined {
  return DEFINITIONS.find((d) => d.processId === processId);
}
