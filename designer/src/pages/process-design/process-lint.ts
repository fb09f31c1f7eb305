import { Linter, type LintReport } from '@camunda/linting';
import type Modeler from 'bpmn-js/lib/Modeler';

export type { LintReport };

/**
 * Lints the diagram against Camunda 8 rules after every change (debounced, since a drag fires many changes) and shows
 * the results on the elements through @camunda/linting's modeler module. Returns a function that stops it.
 */
export function lintWhileModeling(modeler: Modeler, onReports: (reports: LintReport[]) => void, delayMs = 300): () => void {
  const linter = new Linter({ modeler: 'web', type: 'cloud' });
  const linting = modeler.get<{ activate(): void; setErrors(reports: LintReport[]): void }>('linting');
  const eventBus = modeler.get<{ on(event: string, callback: () => void): void; off(event: string, callback: () => void): void }>('eventBus');
  linting.activate();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let run = 0;
  let stopped = false;

  const lintNow = async () => {
    const mine = ++run;
    const definitions = modeler.getDefinitions();
    if (!definitions) return;
    let reports: LintReport[];
    try {
      reports = await linter.lint(definitions);
    } catch (error) {
      // A rule that throws on an odd diagram must not break modeling; say so in the list instead.
      reports = [{ id: '', message: `Lint failed: ${(error as Error).message}`, category: 'rule-error' }];
    }
    if (stopped || mine !== run) return;
    linting.setErrors(reports);
    onReports(reports);
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void lintNow(), delayMs);
  };
  eventBus.on('import.done', schedule);
  eventBus.on('elements.changed', schedule);
  schedule();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    eventBus.off('import.done', schedule);
    eventBus.off('elements.changed', schedule);
  };
}
