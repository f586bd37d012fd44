// Helpers shared by the browser test files: URL matching, page text, the
// one-server-per-describe setup and the password + TOTP sign-in flow.
//
// serverAndBrowser() registers node:test `before`/`after` hooks, so call it
// inside a `describe` (or at the top level of a test file).

import assert from 'node:assert/strict';
import { after, before } from 'node:test';

import { expectNoAxeViolations, launch, PAGE_TIMEOUT_MS } from './browser.js';
import { demoTimeoutMs, startServer } from './server.js';
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

/**
 * Today's date in Europe/Amsterdam as yyyy-mm-dd: the calendar the server
 * checks dates against (e.g. "a consent cannot be given in the future").
 */
/** "2026-12-07" as a page shows it: "7 dec 2026". */
export function dutchDate(iso) {
  const months = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
  const [year, month, day] = iso.split('-').map(Number);
  return `${day} ${months[month - 1]} ${year}`;
}

export function todayInAmsterdam(now = new Date()) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Is this the response of a navigation of the page's main frame (not a 3xx hop)? */
function isMainDocument(page, response) {
  try {
    const request = response.request();
    const status = response.status();
    return request.isNavigationRequest() && request.frame() === page.mainFrame() && (status < 300 || status >= 400);
  } catch {
    return false; // e.g. a service-worker request without a frame
  }
}

/**
 * Clicks `button` (a submit button) and waits until the main frame has
 * navigated to a new document and it has loaded, also when the new URL equals
 * the old one (post/redirect/get back to the same page). Resolves with the
 * final document's response (after any redirect), so callers can check the
 * status (200 after a redirect, 422 when a form comes back with errors). Bounded.
 */
export async function submitAndWait(page, button) {
  const navigated = page.waitForEvent('framenavigated', {
    predicate: (frame) => frame === page.mainFrame(),
    timeout: PAGE_TIMEOUT_MS,
  });
  const answered = page.waitForResponse((response) => isMainDocument(page, response), { timeout: PAGE_TIMEOUT_MS });
  // Both waits are attached before the click; neither may reject unobserved.
  const settled = Promise.all([answered, navigated]);
  settled.catch(() => {});
  await button.click();
  const [response] = await settled;
  await page.waitForLoadState('load');
  return response;
}

/** Fails with where the browser is and what the page says when it is not on `expectedPath`. */
export async function expectPath(page, expectedPath, what) {
  const actual = pathOf(page);
  if (actual === expectedPath) return;
  const alerts = await page
    .locator('[role="alert"]')
    .allInnerTexts()
    .catch(() => []);
  assert.fail(
    `${what}: expected the browser on ${expectedPath}, but it is on ${actual}` +
      `${alerts.length ? `; alerts: ${alerts.map(squash).join(' | ')}` : ''}` +
      `; page text: ${(await mainText(page).catch(() => '?')).slice(0, 800)}`,
  );
}

/** Fails with the page text when `response` (of `what`) does not have status `expected`. */
export async function expectStatus(page, response, expected, what) {
  const status = response?.status();
  if (status === expected) return;
  assert.fail(
    `${what}: expected status ${expected}, got ${status ?? 'no response'} on ${pathOf(page)}; ` +
      `page text: ${(await mainText(page).catch(() => '?')).slice(0, 800)}`,
  );
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
    // A bigger demo (`families`) takes longer to make.
    { timeout: SETUP_TIMEOUT_MS + demoTimeoutMs(options?.families) },
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
/** The last 30-second step each secret signed in with in this process. */
const lastStep = new Map();

/**
 * The code of a step this secret has not signed in with yet: the server refuses a code
 * used before (replay), so a walk that signs one account in twice within 30 s takes
 * the next step, waiting for the clock when that is more than one step ahead.
 */
async function freshCode(secret, offset) {
  const now = () => Math.floor(Date.now() / 30_000);
  const step = Math.max(now() + offset, (lastStep.get(secret) ?? -Infinity) + 1);
  while (step > now() + 1) await new Promise((resolve) => setTimeout(resolve, 1_000));
  lastStep.set(secret, step);
  return totp(secret, { offset: step - now() });
}

export async function submitCode(page, account, offset = 0) {
  await page.locator('#code').fill(await freshCode(account.secret, offset));
  await page.getByRole('button', { name: 'Aanmelden' }).click();
}

/**
 * The whole sign-in flow for `account`, ending on /start. Runs axe on each page if
 * `axe`, and awaits `onPage(page)` on the sign-in and the code page (the crawl checks
 * them there: they exist only in the middle of this flow).
 */
export async function signIn(page, server, account, { axe = false, onPage = null } = {}) {
  await openSignIn(page, server);
  if (axe) await expectNoAxeViolations(page);
  if (onPage) await onPage(page);

  await submitPassword(page, account.email, server.password);
  await page.waitForURL(exactUrl(server, '/aanmelden/code'), { waitUntil: 'load' });
  assert.equal(await page.locator('#code').count(), 1, 'the code page must have a #code input');
  if (axe) await expectNoAxeViolations(page);
  if (onPage) await onPage(page);

  await submitCode(page, account);
  await page.waitForURL(exactUrl(server, '/start'), { waitUntil: 'load' }).catch(async (err) => {
    throw new Error(
      `after entering the TOTP code for ${account.email} the browser is on ${pathOf(page)}, not /start ` +
        `(${err.message.split('\n')[0]}); page text: ${(await mainText(page).catch(() => '?')).slice(0, 500)}`,
    );
  });
}

/**
 * The family member's sign-in (issue 17): /gezin/aanmelden with the sign-in name and the
 * demo password, then /gezin/aanmelden/code with the account's current TOTP code, ending
 * on /mijn-gezin. `account` is a demo line of kind family_parent/family_young
 * (`account.organisation` is their family's file); `offset: 1` for a second sign-in of
 * the account within 30 s (a code works once). Runs axe on both forms if `axe`, and
 * awaits `onPage(page)` there (they exist only in the middle of this flow).
 */
export async function signInFamily(page, server, account, { axe = false, onPage = null, password = null, offset = 0 } = {}) {
  const response = await page.goto(`${server.baseUrl}/gezin/aanmelden`, { waitUntil: 'load' });
  assert.equal(response?.status(), 200, `GET /gezin/aanmelden answered ${response?.status()}`);
  if (axe) await expectNoAxeViolations(page);
  if (onPage) await onPage(page);

  await page.locator('#email').fill(account.email);
  await page.locator('#password').fill(password ?? server.password);
  await page.locator('form[action="/gezin/aanmelden"] button[type="submit"]').click();
  await page.waitForURL(exactUrl(server, '/gezin/aanmelden/code'), { waitUntil: 'load' }).catch(async (err) => {
    throw new Error(
      `after the password of ${account.email} the browser is on ${pathOf(page)}, not /gezin/aanmelden/code ` +
        `(${err.message.split('\n')[0]}); page text: ${(await mainText(page).catch(() => '?')).slice(0, 500)}`,
    );
  });
  assert.equal(await page.locator('#code').count(), 1, 'the family code page must have a #code input');
  if (axe) await expectNoAxeViolations(page);
  if (onPage) await onPage(page);

  await submitCode(page, account, offset);
  await page.waitForURL(exactUrl(server, '/mijn-gezin'), { waitUntil: 'load' }).catch(async (err) => {
    throw new Error(
      `after the TOTP code of ${account.email} the browser is on ${pathOf(page)}, not /mijn-gezin ` +
        `(${err.message.split('\n')[0]}); page text: ${(await mainText(page).catch(() => '?')).slice(0, 500)}`,
    );
  });
}
