import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule } from 'bpmn-js-properties-panel';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import lintingModule from '@camunda/linting/modeler';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { formLinkModule, type FormLinkConfig } from './form-link/form-link-properties-provider.js';
import { modelerTranslationModule } from './modeler-translation.js';
import { unrenderedDiKeeperModule } from './unrendered-di-keeper.js';

import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
// The font files, not the embedded copy: the server's CSP allows no data: fonts.
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import '@camunda/linting/assets/linting.css';
import './process-design.css';

/**
 * Our user tasks are job-based (type io.camunda.zeebe:userTask, as the engine and zeebe-node serve them), so a new
 * user task must not get the zeebe:userTask marker that Camunda's behaviors add for Camunda-managed user tasks.
 */
const jobBasedUserTasksModule = { createZeebeUserTaskBehavior: ['value', {}] };

export interface ProcessModelerOptions {
  canvas: HTMLElement;
  propertiesPanel: HTMLElement;
  formLink: FormLinkConfig;
  language: 'zh' | 'en';
}

/** bpmn-js with the Zeebe properties panel, Camunda 8 behaviors and linting, and the Gongzhi form link. */
export function createProcessModeler(options: ProcessModelerOptions): Modeler {
  return new Modeler({
    container: options.canvas,
    propertiesPanel: { parent: options.propertiesPanel },
    gongzhiFormLink: options.formLink,
    modelerLanguage: options.language,
    linting: { active: true },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      ZeebePropertiesProviderModule,
      ZeebeBehaviorsModule,
      jobBasedUserTasksModule,
      lintingModule,
      formLinkModule,
      modelerTranslationModule,
      unrenderedDiKeeperModule,
    ],
    moddleExtensions: { zeebe: zeebeModdle },
  } as ConstructorParameters<typeof Modeler>[0]);
}
