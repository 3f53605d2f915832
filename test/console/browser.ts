import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { demoCredentials } from '../support/auth';
import { platform } from '../support/platform';

/** Debian's chromium (installed by .ci/run through apt): no browser download. */
const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'console');

export const consoleOrigin = () => new URL(platform().gatewayUrl).origin;

export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // playwright-core gives every launch a fresh temporary --user-data-dir of its own and removes it on close.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/**
 * One browser for a test file, launched before its tests and closed after them (with every
 * context `as` opened): `as(email)` signs a demo user in on a context of its own.
 */
export function consoleBrowser(): { as: (email: string) => Promise<ConsolePage> } {
  let launched: { browser: Browser; close: () => Promise<void> } | undefined;
  const opened: ConsolePage[] = [];
  beforeAll(async () => {
    launched = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    for (const p of opened) await p.context.close();
    await launched?.close();
  });
  return {
    as: async (email) => {
      if (!launched) throw new Error('the browser is not launched yet (call as() inside a test)');
      const page = await signedIn(launched.browser, email);
      opened.push(page);
      return page;
    },
  };
}

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  /** Content-Security-Policy violations the page reported: the console must cause none. */
  cspViolations: string[];
}

/** A fresh browser context (no cookies) signed in through the console's own form. */
export async function signedIn(browser: Browser, email: string): Promise<ConsolePage> {
  const user = demoCredentials().ops.find((u) => u.email === email);
  if (!user) throw new Error(`no demo user ${email}`);
  // Reduced motion, as some users ask for it: the console then opens dialogs without fades.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await page.goto(`${consoleOrigin()}/`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('viewer-name').waitFor();
  return { context, page, cspViolations };
}

const axeSource = readFileSync(join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core on the page as it is: no serious or critical violation (WCAG 2 A/AA rules). */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // Evaluated through the DevTools protocol, not as a page script, so the console's CSP stands.
  // A dialog still fading in has its text blended with the page behind: axe would measure that
  // contrast (only when the machine is slow enough to catch it), so wait for motion to settle.
  await page.waitForFunction(() => (globalThis as unknown as { document: { getAnimations(): { playState: string }[] } }).document.getAnimations().every((a) => a.playState !== 'running'));
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // (Runs in the page: its globals, typed here without the DOM library.)
    const page = globalThis as unknown as { document: unknown; axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> } };
    const result = await page.axe.run(page.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `${name}: ${JSON.stringify(serious, null, 1)}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
