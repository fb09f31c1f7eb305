import { lazy, type ComponentType, type CSSProperties, type LazyExoticComponent } from 'react';
import {
  ApartmentOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  ExperimentOutlined,
  FormOutlined,
  HomeOutlined,
  NodeIndexOutlined,
  TableOutlined,
} from '@ant-design/icons';
import type { MessageKey } from './i18n/zh.js';
import type { Permission } from './permissions.js';

/**
 * Every page of the designer: its route, who may open it and whether the navigation lists it. Pages load lazily,
 * so the modeler's and the charts' code is fetched only by those who open them.
 */
export interface PageEntry {
  id: string;
  /** A react-router path; `/*` lets the page route inside itself. */
  path: string;
  /** Listed in the navigation under this label, linking to navPath; detail pages are not listed. */
  nav?: { labelKey: MessageKey; descriptionKey: MessageKey; to: string; icon: ComponentType<{ style?: CSSProperties }> };
  /** The caller needs at least one of these; empty means every logged-in user. */
  anyOf: Permission[];
  component: LazyExoticComponent<ComponentType>;
}

export const pages: PageEntry[] = [
  {
    id: 'home',
    path: '/',
    nav: { labelKey: 'nav.home', descriptionKey: 'app.subtitle', to: '/', icon: HomeOutlined },
    anyOf: [],
    component: lazy(() => import('../pages/home/HomePage.js')),
  },
  {
    id: 'tasks',
    path: '/tasks',
    nav: { labelKey: 'nav.tasks', descriptionKey: 'home.desc.tasks', to: '/tasks', icon: CheckSquareOutlined },
    anyOf: ['tasks:read'],
    component: lazy(() => import('../pages/tasks/TaskListPage.js')),
  },
  {
    id: 'task',
    path: '/tasks/:userTaskKey',
    anyOf: ['tasks:read'],
    component: lazy(() => import('../pages/tasks/TaskPage.js')),
  },
  {
    id: 'instances',
    path: '/instances',
    nav: { labelKey: 'nav.instances', descriptionKey: 'home.desc.instances', to: '/instances', icon: NodeIndexOutlined },
    anyOf: ['instances:read'],
    component: lazy(() => import('../pages/instances/InstanceListPage.js')),
  },
  {
    id: 'instance',
    path: '/instances/:processInstanceKey',
    anyOf: ['instances:read'],
    component: lazy(() => import('../pages/instances/InstancePage.js')),
  },
  {
    id: 'process-design',
    path: '/process-design/*',
    nav: { labelKey: 'nav.processDesign', descriptionKey: 'home.desc.processDesign', to: '/process-design', icon: ApartmentOutlined },
    anyOf: ['deploy'],
    component: lazy(() => import('../pages/process-design/ProcessDesignPage')),
  },
  {
    id: 'form-design',
    path: '/form-design/*',
    nav: { labelKey: 'nav.formDesign', descriptionKey: 'home.desc.formDesign', to: '/form-design', icon: FormOutlined },
    anyOf: ['forms:write'],
    component: lazy(() => import('../pages/form-design/FormDesignPage')),
  },
  {
    id: 'decision-design',
    path: '/decision-design/*',
    nav: { labelKey: 'nav.decisionDesign', descriptionKey: 'home.desc.decisionDesign', to: '/decision-design', icon: TableOutlined },
    anyOf: ['deploy'],
    component: lazy(() => import('../pages/decision-design/DecisionDesignPage')),
  },
  {
    id: 'dashboards',
    path: '/dashboards/:processId?',
    nav: { labelKey: 'nav.dashboards', descriptionKey: 'home.desc.dashboards', to: '/dashboards', icon: BarChartOutlined },
    anyOf: ['dashboards:read'],
    component: lazy(() => import('../pages/dashboards/DashboardPage.js')),
  },
  {
    id: 'simulation',
    path: '/simulation/*',
    nav: { labelKey: 'nav.simulation', descriptionKey: 'home.desc.simulation', to: '/simulation', icon: ExperimentOutlined },
    anyOf: ['simulate'],
    component: lazy(() => import('../pages/simulation/SimulationPage.js')),
  },
];

export function mayOpen(page: PageEntry, permissions: readonly Permission[]): boolean {
  return page.anyOf.length === 0 || page.anyOf.some((p) => permissions.includes(p));
}
