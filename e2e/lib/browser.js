// Launches the system Chromium through playwright-core and runs axe-core checks.
//
// The sandbox has no network and no Playwright-managed browsers, so we drive
// the Debian `chromium` binary (override with CHROMIUM_BIN) with flags that stop
// it from trying background connections.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

/** Upper bound for any single page action / navigation, in milliseconds. */
export const PAGE_TIMEOUT_MS = 15_000;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** WCAG 2.0 / 2.1, levels A and AA. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let axeSource;
function axeScript() {
  if (axeSource === undefined) {
    axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  }
  return axeSource;
}

/**
 * Launches headless Chromium. Returns `{ browser, context, newPage(), newContext(), close() }`.
 * The context bypasses the server's Content-Security-Policy only so that the
 * axe-core script can be injected; the CSP header itself is checked separately.
 */
export async function launch() {
  if (!existsSync(CHROMIUM_BIN)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_BIN}; install it (apt-get install -y chromium) or set CHROMIUM_BIN`,
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_BIN,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
  let context;
  try {
    context = await newBoundedContext(browser);
  } catch (err) {
    await browser.close().catch(() => {});
    throw err;
  }
  return {
    browser,
    context,
    newPage: () => context.newPage(),
    /** A fresh context (own cookies), same settings; closed with the browser. */
    newContext: () => newBoundedContext(browser),
    async close() {
      await context.close().catch(() => {});
      await browser.close();
    },
  };
}

/** A context with the same settings as the default one (CSP bypass, Dutch locale, bounded waits). */
async function newBoundedContext(browser) {
  const context = await browser.newContext({ bypassCSP: true, locale: 'nl-NL' });
  context.setDefaultTimeout(PAGE_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(PAGE_TIMEOUT_MS);
  return context;
}

/** Formats axe violations as a readable, multi-line list. */
export function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `      - ${n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | ')}`)
        .join('\n');
      return `  * ${v.id} [${v.impact ?? 'n/a'}]: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/**
 * Injects axe-core into the page (if not yet there) and runs the WCAG 2.x A/AA rules on
 * the whole document; resolves with the axe results (the crawl collects violations
 * over many pages before it fails).
 */
export async function axeResults(page) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) {
    await page.addScriptTag({ content: axeScript() });
  }
  return page.evaluate(
    (tags) =>
      window.axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    AXE_TAGS,
  );
}

/**
 * Runs axe (see `axeResults`) and fails with a readable list of violations.
 * Returns the axe results for further inspection.
 */
export async function expectNoAxeViolations(page) {
  const results = await axeResults(page);
  const { violations } = results;
  assert.equal(
    violations.length,
    0,
    `axe found ${violations.length} accessibility violation(s) on ${page.url()}:\n${formatViolations(violations)}`,
  );
  return results;
}
