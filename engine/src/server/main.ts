import { readConfig, ConfigError } from './server-config.js';
import { startServer } from './gongzhi-server.js';

/** `npm start`: the product with the embedded defaults (PGlite in ./data, port 3000). */
try {
  const server = await startServer(readConfig());
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests and closing the store…`);
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Gongzhi cannot start: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
