import { is } from 'bpmn-js/lib/util/ModelUtil';
import type { Element } from 'bpmn-js/lib/model/Types';
import { SelectEntry, isSelectEntryEdited, type SelectOption } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { formIdOf, type FormCatalog } from './form-catalog.js';
import { formKeyOfElement, linkUserTaskForm, type Injector } from './form-link-commands.js';

export interface FormLinkText {
  group: string;
  label: string;
  description: string;
  none: string;
  /** For a key that names no form in the list (deleted, or typed by hand). */
  unknown: (formKey: string) => string;
}

/** Given to the modeler as `gongzhiFormLink` in its configuration. */
export interface FormLinkConfig {
  catalog: FormCatalog;
  text: FormLinkText;
}

interface Group {
  id: string;
  label: string;
  entries: Array<{ id: string; element: Element; component: (props: { element: Element; id: string }) => unknown; isEdited: (node: unknown) => boolean }>;
}

/** The properties-panel entry: a select of the server's forms, writing zeebe:formDefinition formKey. */
function GongzhiFormEntry(props: { element: Element; id: string }): unknown {
  const { element, id } = props;
  const injector = useService<Injector>('injector');
  const { catalog, text } = useService<FormLinkConfig>('config.gongzhiFormLink');
  return SelectEntry({
    element,
    id,
    label: text.label,
    description: text.description,
    getValue: () => formKeyOfElement(element) ?? '',
    setValue: (value: string) => linkUserTaskForm(injector, element, value || undefined),
    getOptions: () => {
      const current = formKeyOfElement(element);
      const options: SelectOption[] = [{ value: '', label: text.none }];
      for (const form of catalog.list()) options.push({ value: `gongzhi:form:${form.id}`, label: `${form.title} (${form.id} v${form.version})` });
      if (current && !catalog.list().some((form) => form.id === formIdOf(current))) options.push({ value: current, label: text.unknown(current) });
      return options;
    },
  });
}

/** Adds the 表单 group to user tasks, above the Zeebe provider's own form group. */
export class FormLinkPropertiesProvider {
  static $inject = ['propertiesPanel', 'config.gongzhiFormLink', 'eventBus'];

  private readonly config: FormLinkConfig;

  constructor(propertiesPanel: { registerProvider(priority: number, provider: unknown): void }, config: FormLinkConfig, eventBus: { fire(event: string, data?: unknown): void }) {
    if (!config?.catalog) throw new Error('The modeler needs `gongzhiFormLink: { catalog, text }` in its configuration');
    this.config = config;
    propertiesPanel.registerProvider(400, this);
    // A newly loaded form list must show in an open panel at once.
    config.catalog.onChange(() => eventBus.fire('propertiesPanel.providersChanged'));
  }

  getGroups(element: Element) {
    return (groups: Group[]): Group[] => {
      if (!is(element, 'bpmn:UserTask')) return groups;
      const group: Group = {
        id: 'gongzhiForm',
        label: this.config.text.group,
        entries: [{ id: 'gongzhiFormKey', element, component: GongzhiFormEntry, isEdited: isSelectEntryEdited }],
      };
      const generalAt = groups.findIndex((g) => g.id === 'general');
      groups.splice(generalAt + 1, 0, group);
      return groups;
    };
  }
}

export const formLinkModule = {
  __init__: ['gongzhiFormLinkPropertiesProvider'],
  gongzhiFormLinkPropertiesProvider: ['type', FormLinkPropertiesProvider],
};
