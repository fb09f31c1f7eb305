/** The browser-test harness: a real server with the built designer, Debian's Chromium, the API for setup. */
export { ensureDesignerBuilt, designerDist, repoRoot } from './designer-build.js';
export { startE2eServer, ADMIN_PASSWORD, DEMO_PASSWORD, type E2eServer } from './e2e-server.js';
export { openBrowser, withBrowser, screenshot, logIn, CHROMIUM, SCREENSHOT_DIR, type BrowserSession, type SessionOptions } from './browser.js';
export { E2eApi } from './e2e-api.js';
