import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import type { Element } from 'bpmn-js/lib/model/Types';

/** What diagram-js's injector hands out; only get() is used. */
export interface Injector {
  get<T = any>(name: string): T;
}

interface ModdleElement {
  $parent?: ModdleElement;
  get(name: string): any;
}

interface Command {
  cmd: string;
  context: Record<string, unknown>;
}

function updateModdleProperties(element: Element, moddleElement: ModdleElement, properties: Record<string, unknown>): Command {
  return { cmd: 'element.updateModdleProperties', context: { element, moddleElement, properties } };
}

/** The zeebe:FormDefinition of a user task, if it has one. */
export function formDefinitionOf(element: Element): ModdleElement | undefined {
  const extensionElements = getBusinessObject(element).get('extensionElements') as ModdleElement | undefined;
  const values = (extensionElements?.get('values') ?? []) as ModdleElement[];
  return values.find((value) => is(value as never, 'zeebe:FormDefinition'));
}

/** The formKey a user task's form definition carries. */
export function formKeyOfElement(element: Element): string | undefined {
  const key = formDefinitionOf(element)?.get('formKey') as string | undefined;
  return key || undefined;
}

/**
 * Points a user task at a form: `zeebe:formDefinition formKey="…"`, dropping a formId or external reference, which
 * Zeebe does not allow beside a formKey. No form key removes the definition. One command, so one undo step.
 */
export function linkUserTaskForm(injector: Injector, element: Element, formKey: string | undefined): void {
  const bpmnFactory = injector.get('bpmnFactory');
  const commandStack = injector.get('commandStack');
  const businessObject = getBusinessObject(element) as unknown as ModdleElement;
  const commands: Command[] = [];

  let extensionElements = businessObject.get('extensionElements') as ModdleElement | undefined;
  if (!extensionElements) {
    if (!formKey) return;
    extensionElements = bpmnFactory.create('bpmn:ExtensionElements', { values: [] }) as ModdleElement;
    extensionElements.$parent = businessObject;
    commands.push(updateModdleProperties(element, businessObject, { extensionElements }));
  }
  const values = (extensionElements.get('values') ?? []) as ModdleElement[];
  const existing = values.find((value) => is(value as never, 'zeebe:FormDefinition'));

  if (!formKey) {
    if (!existing) return;
    commands.push(updateModdleProperties(element, extensionElements, { values: values.filter((value) => value !== existing) }));
  } else if (existing) {
    commands.push(
      updateModdleProperties(element, existing, { formKey, formId: undefined, externalReference: undefined, bindingType: undefined, versionTag: undefined }),
    );
  } else {
    const formDefinition = bpmnFactory.create('zeebe:FormDefinition', { formKey }) as ModdleElement;
    formDefinition.$parent = extensionElements;
    commands.push(updateModdleProperties(element, extensionElements, { values: [...values, formDefinition] }));
  }
  commandStack.execute('properties-panel.multi-command-executor', commands);
}
