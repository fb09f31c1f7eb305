/** Roles and permissions as the server defines them (engine/src/identity/principal.ts); the UI only hides, the server decides. */
export type Role = 'admin' | 'designer' | 'staff' | 'integrator' | 'tester';

export type Permission =
  | 'deploy'
  | 'forms:write'
  | 'forms:read'
  | 'definitions:read'
  | 'instances:start'
  | 'instances:read'
  | 'instances:cancel'
  | 'instances:modify'
  | 'messages:publish'
  | 'signals:broadcast'
  | 'jobs:work'
  | 'tasks:read'
  | 'tasks:work'
  | 'simulate'
  | 'users:manage'
  | 'orgs:read'
  | 'orgs:manage'
  | 'apikeys:manage'
  | 'audit:read'
  | 'calendar:manage'
  | 'dashboards:read'
  | 'pii:read';
