import { fileURLToPath } from 'node:url';

export interface ServerConfig {
  port: number;
  host: string;
  /** PGlite data directory (when no databaseUrl). */
  dataDir: string;
  databaseUrl?: string;
  adminPassword?: string;
  /** Seed demo organisations, users and cases on an empty database. */
  demo: boolean;
  jwtSecret?: string;
  production: boolean;
  processesDir: string;
  formsDir: string;
  staticDir: string;
  /** Start the built-in gongzhi.* workers (on by default). */
  workers: boolean;
  /** Where processes run: the embedded engine, or a Zeebe cluster through zeebe-node. */
  runtime: 'embedded' | 'zeebe';
  /** With runtime zeebe: the gateway's host:port (zeebe-node reads its TLS and OAuth variables itself). */
  zeebeAddress?: string;
  /** Serve Zeebe's gateway gRPC API over the embedded engine on this port (off when undefined). */
  zeebeGatewayPort?: number;
}

export class ConfigError extends Error {}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Reads the environment the README documents; production refuses to start without its secrets. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const production = env.NODE_ENV === 'production';
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, but was '${env.PORT}'`);
  if (production) {
    if (!env.GONGZHI_ADMIN_PASSWORD) throw new ConfigError('NODE_ENV=production needs GONGZHI_ADMIN_PASSWORD (the admin user’s password)');
    if (!env.JWT_SECRET || env.JWT_SECRET.length < 32) throw new ConfigError('NODE_ENV=production needs JWT_SECRET (at least 32 characters)');
  }
  if (env.JWT_SECRET !== undefined && env.JWT_SECRET.length < 32) throw new ConfigError('JWT_SECRET must have at least 32 characters');
  const runtime = env.RUNTIME ?? 'embedded';
  if (runtime !== 'embedded' && runtime !== 'zeebe') throw new ConfigError(`RUNTIME must be 'embedded' or 'zeebe', but was '${runtime}'`);
  const zeebeAddress = env.ZEEBE_ADDRESS || env.ZEEBE_GATEWAY_ADDRESS || undefined;
  if (runtime === 'zeebe' && !zeebeAddress) throw new ConfigError('RUNTIME=zeebe needs ZEEBE_ADDRESS (host:port of the Zeebe gateway)');
  const zeebeGatewayPort = env.ZEEBE_GATEWAY_PORT ? Number(env.ZEEBE_GATEWAY_PORT) : undefined;
  if (zeebeGatewayPort !== undefined && (!Number.isInteger(zeebeGatewayPort) || zeebeGatewayPort < 0 || zeebeGatewayPort > 65535)) {
    throw new ConfigError(`ZEEBE_GATEWAY_PORT must be a port number, but was '${env.ZEEBE_GATEWAY_PORT}'`);
  }
  if (zeebeGatewayPort !== undefined && runtime === 'zeebe') {
    throw new ConfigError('ZEEBE_GATEWAY_PORT serves the embedded engine; it cannot be used with RUNTIME=zeebe');
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: env.GONGZHI_DATA_DIR ?? 'data',
    databaseUrl: env.DATABASE_URL || undefined,
    adminPassword: env.GONGZHI_ADMIN_PASSWORD || undefined,
    demo: !production && env.GONGZHI_DEMO !== '0',
    jwtSecret: env.JWT_SECRET || undefined,
    production,
    processesDir: env.GONGZHI_PROCESSES_DIR ?? `${repoRoot}processes`,
    formsDir: env.GONGZHI_FORMS_DIR ?? `${repoRoot}forms`,
    staticDir: env.GONGZHI_STATIC_DIR ?? `${repoRoot}designer/dist`,
    workers: env.GONGZHI_WORKERS !== '0',
    runtime,
    zeebeAddress,
    zeebeGatewayPort,
  };
}
