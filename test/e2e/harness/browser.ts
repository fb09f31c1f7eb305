import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from './designer-build.js';

/** Debian's Chromium; never a downloaded browser (.ci/run installs it with apt-get). */
export const CHROMIUM = process.env.GONGZHI_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const SCREENSHOT_DIR = join(repoRoot, 'test-results', 'screenshots');

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export interface SessionOptions {
  /** A phone: 375×812, touch, mobile viewport rules. */
  phone?: boolean;
  viewport?: { width: number; height: number };
  locale?: string;
}

/**
 * A fresh browser: its own --user-data-dir (so no login or draft leaks between sessions), headless Chromium with
 * the flags the build machines need (no network but the app's own server).
 */
export async function openBrowser(options: SessionOptions = {}): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'gongzhi-chromium-'));
  const phone = options.phone ?? false;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? (phone ? { width: 375, height: 812 } : { width: 1366, height: 900 }),
    isMobile: phone,
    hasTouch: phone,
    deviceScaleFactor: phone ? 2 : 1,
    locale: options.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  // Generous: the build machines run several test workers on two cores.
  context.setDefaultTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png (ignored by git). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Opens a fresh browser, runs `use`, and closes it; when `use` throws, the page is saved as FAILED-<name>.png first,
 * so a failed run shows what the browser showed.
 */
export async function withBrowser<T>(name: string, options: SessionOptions, use: (session: BrowserSession) => Promise<T>): Promise<T> {
  const session = await openBrowser(options);
  try {
    return await use(session);
  } catch (error) {
    await screenshot(session.page, `FAILED-${name}`).catch(() => undefined);
    throw error;
  } finally {
    await session.close();
  }
}

/** Logs in through the login page (the one the app sent us to, if it did) and waits to leave it. */
export async function logIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  if (new URL(page.url() === 'about:blank' ? baseUrl : page.url()).pathname !== '/login') await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
