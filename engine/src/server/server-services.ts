import type { Store } from '../store/store.js';
import type { Runtime } from '../runtime/runtime-port.js';
import type { Identity } from '../identity/index.js';
import type { AuditLog } from '../audit/index.js';
import type { Clock } from '../clock/clock.js';

/** Everything routes may use. Routes are thin: the logic lives in these modules. */
export interface ServerServices {
  store: Store;
  /** The embedded engine or, with RUNTIME=zeebe, a Zeebe cluster through zeebe-node. */
  engine: Runtime;
  identity: Identity;
  audit: AuditLog;
  clock: Clock;
  /** Where the designer's built files are (served at /), if built. */
  staticDir?: string;
  /** Version of the product, for /v2/topology and the OpenAPI document. */
  version: string;
}
