// Helpers shared by the browser test files: URL matching, page text, the
// one-server-per-describe setup and the password + TOTP sign-in flow.
//
// serverAndBrowser() registers node:test `before`/`after` hooks, so call it
// inside a `describe` (or at the top level of a test file).

import assert from 'node:assert/strict';
import { after, before } from 'node:test';

import { expectNoAxeViolations, launch } from './browser.js';
import { startServer } from './server.js';
import { totp } from './totp.js';

export const SETUP_TIMEOUT_MS = 120_000;
export const TEARDOWN_TIMEOUT_MS = 30_000;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Collapses runs of whitespace to one space and trims. */
export const squash = (text) => text.replace(/\s+/g, ' ').trim();

/** A RegExp matching `baseUrl + pathAndQuery` exactly (optionally with a fragment). */
export function exactUrl(server, pathAndQuery) {
  return new RegExp(`^${escapeRegExp(server.baseUrl + pathAndQuery)}(#.*)?$`);
}

/** The path + query of the page's current URL. */
export function pathOf(page) {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

/** Normalised visible text of the <main> element (or the body if there is none). */
export async function mainText(page) {
  const main = page.locator('main');
  const text = (await main.count()) > 0 ? await main.first().innerText() : await page.locator('body').innerText();
  return squash(text);
}

/** The trimmed text of the page's first <h1>. */
export async function h1Text(page) {
  return squash(await page.locator('h1').first().innerText());
}

/** The demo account with this e-mail address (throws with the known addresses if absent). */
export function accountByEmail(server, email) {
  const found = server.accounts.find((a) => a.email.toLowerCase() === email.toLowerCase());
  if (!found) {
    throw new Error(`no demo account ${email}; the demo printed: ${server.accounts.map((a) => a.email).join(', ')}`);
  }
  return found;
}

/**
 * Starts one server and one browser for the enclosing describe (or file) and
 * stops them afterwards, asserting a graceful shutdown. Returns `env` with
 * `env.server`, `env.browser` (set once `before` ran) and
 * `env.withPage(fn)`, which runs `fn(page)` in a fresh browser context.
 */
export function serverAndBrowser(options) {
  const env = { server: null, browser: null };

  before(
    async () => {
      env.server = await startServer(options);
      env.browser = await launch();
    },
    { timeout: SETUP_TIMEOUT_MS },
  );

  after(
    async () => {
      await env.browser?.close().catch((err) => process.stderr.write(`closing browser: ${err}\n`));
      const end = await env.server?.stop();
      if (end) {
        assert.ok(
          !end.killed && end.code === 0,
          `eenplan serve must exit 0 on SIGTERM (graceful shutdown); got code ${end.code} signal ${end.signal}` +
            `${end.killed ? ', had to be killed' : ''}\nstderr (tail):\n${env.server.stderr().slice(-4000)}`,
        );
      }
    },
    { timeout: TEARDOWN_TIMEOUT_MS },
  );

  /** Runs `fn(page)` in a fresh browser context (no cookies) and always closes it. */
  env.withPage = async (fn) => {
    const context = await env.browser.newContext();
    try {
      const page = await context.newPage();
      return await fn(page);
    } finally {
      await context.close().catch(() => {});
    }
  };

  return env;
}

/** Opens /aanmelden and checks it is the Dutch sign-in form. */
export async function openSignIn(page, server) {
  const response = await page.goto(`${server.baseUrl}/aanmelden`, { waitUntil: 'load' });
  assert.ok(response, 'navigation to /aanmelden produced no response');
  assert.equal(response.status(), 200, `GET /aanmelden answered ${response.status()}`);
  assert.equal(await page.locator('#email').count(), 1, 'the sign-in page must have an #email input');
  assert.equal(await page.locator('#password').count(), 1, 'the sign-in page must have a #password input');
}

/** Types e-mail and password into the sign-in form and presses "Verder". */
export async function submitPassword(page, email, password) {
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: 'Verder' }).click();
}

/** Types the account's current TOTP code and presses "Aanmelden". */
export async function submitCode(page, account, offset = 0) {
  await page.locator('#code').fill(totp(account.secret, { offset }));
  await page.getByRole('button', { name: 'Aanmelden' }).click();
}

/** The whole sign-in flow for `account`, ending on /start. Runs axe on each page if `axe`. */
export async function signIn(page, server, account, { axe = false } = {}) {
  await openSignIn(page, server);
  if (axe) await expectNoAxeViolations(page);

  await submitPassword(page, account.email, server.password);
  await page.waitForURL(exactUrl(server, '/aanmelden/code'), { waitUntil: 'load' });
  assert.equal(await page.locator('#code').count(), 1, 'the code page must have a #code input');
  if (axe) await expectNoAxeViolations(page);

  await submitCode(page, account);
  await page.waitForURL(exactUrl(server, '/start'), { waitUntil: 'load' }).catch(async (err) => {
    throw new Error(
      `after entering the TOTP code for ${account.email} the browser is on ${pathOf(page)}, not /start ` +
        `(${err.message.split('\n')[0]}); page text: ${(await mainText(page).catch(() => '?')).slice(0, 500)}`,
    );
  });
}
