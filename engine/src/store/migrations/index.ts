import type { Migration } from 'kysely';
import * as m001 from './001-engine-state.js';
import * as m002 from './002-identity.js';
import * as m003 from './003-workers.js';
import * as m004 from './004-server.js';
import * as m005 from './005-record-batches.js';
import * as m006 from './006-runtime-json.js';
import * as m007 from './007-resource-deletion.js';
import * as m008 from './008-unused-runtime-indexes.js';
import * as m009 from './009-view-fillfactor.js';
import * as m010 from './010-audit-partial-indexes.js';
import * as m011 from './011-engine-variables-in-read-model.js';
import * as m012 from './012-instance-view-hot-updates.js';

/**
 * Every migration, listed by hand rather than found by scanning a folder, so the built dist and bundles run
 * them too. Names are NNN-what; they run in name order and a name, once shipped, never changes.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '001-engine-state': m001,
  '002-identity': m002,
  '003-workers': m003,
  '004-server': m004,
  '005-record-batches': m005,
  '006-runtime-json': m006,
  '007-resource-deletion': m007,
  '008-unused-runtime-indexes': m008,
  '009-view-fillfactor': m009,
  '010-audit-partial-indexes': m010,
  '011-engine-variables-in-read-model': m011,
  '012-instance-view-hot-updates': m012,
};
