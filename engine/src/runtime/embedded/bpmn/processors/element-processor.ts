import type { Batch } from '../../batch.js';
import type { ElementInstanceRow } from '../../state/rows.js';
import type { FlowNode } from '../../../../model/executable-process.js';

/** The behaviour of one element kind (Zeebe: one BpmnElementProcessor per element type). */
export interface ElementProcessor {
  /** Called once the element is ACTIVATING with its input mappings applied: do the element's work. */
  activate(b: Batch, ei: ElementInstanceRow, element: FlowNode): Promise<void>;
  /** Replaces the default output behaviour (trigger variables and output mappings). */
  applyOutputs?(b: Batch, ei: ElementInstanceRow, element: FlowNode): Promise<void>;
  /** Clean-up when the element is terminated (jobs, called instances). */
  terminate?(b: Batch, ei: ElementInstanceRow, element: FlowNode): Promise<void>;
  /** A child is completing (its scope still readable). */
  childCompleting?(b: Batch, scope: ElementInstanceRow, child: ElementInstanceRow): Promise<void>;
  /** A child completed; replaces the default (take its outgoing flows, complete the scope when empty). */
  childCompleted?(b: Batch, scope: ElementInstanceRow, child: ElementInstanceRow): Promise<void>;
  /** The element completed and took its flows, before its scope may complete (a link throw jumps here). */
  left?(b: Batch, scope: ElementInstanceRow, ei: ElementInstanceRow, element: FlowNode): Promise<void>;
  /** A process instance left (completed, or terminated): hand control back to a calling activity. */
  rootLeft?(b: Batch, root: ElementInstanceRow, variables: Record<string, unknown> | undefined, terminated?: boolean): Promise<void>;
}
