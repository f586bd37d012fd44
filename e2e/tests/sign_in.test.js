// Signing in (password + TOTP second factor), signing out, wrong passwords,
// idle session expiry and the language switch on the sign-in page.
//
// A TOTP code works once per account (the server also accepts the previous and
// next 30 s step), so every sign-in in this file uses either a different demo
// account or a different server (fresh demo database).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { expectNoAxeViolations, launch } from '../lib/browser.js';
import { startServer } from '../lib/server.js';
import { totp } from '../lib/totp.js';

const TEST_TIMEOUT_MS = 60_000;
const SETUP_TIMEOUT_MS = 120_000;
const TEARDOWN_TIMEOUT_MS = 30_000;
/** Idle timeout of the second server, and how long the expiry test waits. */
const IDLE_SECONDS = 2;
const IDLE_WAIT_MS = IDLE_SECONDS * 1000 + 1_500;

const WRONG_CREDENTIALS_NL = 'Deze combinatie van e-mailadres en wachtwoord klopt niet.';
const SIGNED_OUT_NL = 'Je bent afgemeld.';
const EXPIRED_NL = 'Je sessie is verlopen. Meld je opnieuw aan.';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A RegExp matching `baseUrl + pathAndQuery` exactly (optionally with a fragment). */
function exactUrl(server, pathAndQuery) {
  return new RegExp(`^${escapeRegExp(server.baseUrl + pathAndQuery)}(#.*)?$`);
}

/** The path + query of the page's current URL. */
function pathOf(page) {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

/** Normalised visible text of the <main> element (or the body if there is none). */
async function mainText(page) {
  const main = page.locator('main');
  const text = (await main.count()) > 0 ? await main.first().innerText() : await page.locator('body').innerText();
  return text.replace(/\s+/g, ' ').trim();
}

/** Starts one server and shares one browser per describe; each test gets its own context. */
function serverAndBrowser(options) {
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
async function openSignIn(page, server) {
  const response = await page.goto(`${server.baseUrl}/aanmelden`, { waitUntil: 'load' });
  assert.ok(response, 'navigation to /aanmelden produced no response');
  assert.equal(response.status(), 200, `GET /aanmelden answered ${response.status()}`);
  assert.equal(await page.locator('#email').count(), 1, 'the sign-in page must have an #email input');
  assert.equal(await page.locator('#password').count(), 1, 'the sign-in page must have a #password input');
}

/** Types e-mail and password into the sign-in form and presses "Verder". */
async function submitPassword(page, email, password) {
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: 'Verder' }).click();
}

/** Types the account's current TOTP code and presses "Aanmelden". */
async function submitCode(page, account, offset = 0) {
  await page.locator('#code').fill(totp(account.secret, { offset }));
  await page.getByRole('button', { name: 'Aanmelden' }).click();
}

/** The whole sign-in flow for `account`, ending on /start. Runs axe on each page if `axe`. */
async function signIn(page, server, account, { axe = false } = {}) {
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

describe('signing in and out', () => {
  const env = serverAndBrowser();

  test(
    'a professional signs in with password and TOTP code, sees the start page, and signs out',
    { timeout: TEST_TIMEOUT_MS },
    () =>
      env.withPage(async (page) => {
        const { server } = env;
        const account = server.account('professional');

        await signIn(page, server, account, { axe: true });

        assert.equal((await page.locator('h1').first().innerText()).trim(), 'Start', 'the start page <h1>');
        const header = page.locator('header').first();
        const headerText = (await header.innerText()).replace(/\s+/g, ' ').trim();
        assert.match(headerText, /Aangemeld als/, `the header must say who is signed in: "${headerText}"`);
        assert.equal(
          (await header.locator('strong').first().innerText()).trim(),
          account.name,
          `the header must show the signed-in person's name in <strong>: "${headerText}"`,
        );
        await expectNoAxeViolations(page);

        await page.getByRole('button', { name: 'Afmelden' }).click();
        await page.waitForURL(exactUrl(server, '/aanmelden?afgemeld=1'), { waitUntil: 'load' });
        assert.ok((await mainText(page)).includes(SIGNED_OUT_NL), `the sign-in page must say "${SIGNED_OUT_NL}"`);
        await expectNoAxeViolations(page);

        const response = await page.goto(`${server.baseUrl}/start`, { waitUntil: 'load' });
        assert.ok(response, 'navigation to /start produced no response');
        assert.equal(pathOf(page), '/aanmelden', 'after signing out, /start must redirect to /aanmelden');
        assert.equal(response.status(), 200, `the redirected sign-in page answered ${response.status()}`);
      }),
  );

  test('a wrong password shows an error and no second-factor step', { timeout: TEST_TIMEOUT_MS }, () =>
    env.withPage(async (page) => {
      const { server } = env;
      // Another account than the sign-in test, so its lockout/throttling state is untouched.
      const account = server.account('team_lead');

      await openSignIn(page, server);
      await submitPassword(page, account.email, `${server.password}-fout`);
      await page.getByText(WRONG_CREDENTIALS_NL).first().waitFor({ state: 'visible' });
      assert.equal(pathOf(page).split('?')[0], '/aanmelden', 'a wrong password must stay on the sign-in page');
      assert.equal(await page.locator('#code').count(), 0, 'a wrong password must not lead to the code step');
      await expectNoAxeViolations(page);
    }),
  );

  test('the "English" link switches the sign-in page to English', { timeout: TEST_TIMEOUT_MS }, () =>
    env.withPage(async (page) => {
      const { server } = env;
      await openSignIn(page, server);
      assert.equal(await page.locator('html').getAttribute('lang'), 'nl');

      await page.getByRole('link', { name: 'English' }).click();
      // The link goes through /taal/en and back to /aanmelden: wait for the
      // new document rather than the (unchanged) URL.
      await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
      await page.waitForLoadState('load');
      assert.equal(pathOf(page), '/aanmelden', 'the language switch must return to the sign-in page');
      assert.equal((await page.locator('h1').first().innerText()).trim(), 'Sign in', 'the English <h1>');
      await expectNoAxeViolations(page);
    }),
  );
});

describe('administration', () => {
  const env = serverAndBrowser();

  test(
    'the functional administrator reaches every admin page, and a form with errors stays accessible',
    { timeout: TEST_TIMEOUT_MS },
    () =>
      env.withPage(async (page) => {
        const { server } = env;
        await signIn(page, server, server.account('functional_admin'));
        await page.getByRole('link', { name: 'Beheer' }).first().click();
        await page.waitForURL(exactUrl(server, '/beheer'), { waitUntil: 'load' });
        await expectNoAxeViolations(page);

        for (const [link, path] of [
          ['Organisaties', '/beheer/organisaties'],
          ['Gebieden', '/beheer/gebieden'],
          ['Teams', '/beheer/teams'],
          ['Gebruikers', '/beheer/gebruikers'],
        ]) {
          await page.goto(`${server.baseUrl}/beheer`, { waitUntil: 'load' });
          await page.getByRole('link', { name: link }).click();
          await page.waitForURL(exactUrl(server, path), { waitUntil: 'load' });
          assert.equal((await page.locator('h1').first().innerText()).trim(), link);
          await expectNoAxeViolations(page);
        }

        await page.goto(`${server.baseUrl}/beheer/organisaties`, { waitUntil: 'load' });
        await page.locator('#slug').fill('Niet Goed');
        await page.getByRole('button', { name: 'Toevoegen' }).click();
        await page.locator('#slug-error').waitFor({ state: 'visible' });
        assert.equal(await page.locator('#slug').getAttribute('aria-invalid'), 'true');
        assert.match(await page.locator('#slug').getAttribute('aria-describedby'), /slug-error/);
        await expectNoAxeViolations(page);

        await page.locator('#slug').fill('wijkteam-demo');
        await page.locator('#name').fill('Wijkteam Demo');
        await page.getByRole('button', { name: 'Toevoegen' }).click();
        await page.waitForURL(exactUrl(server, '/beheer/organisaties?opgeslagen=1'), { waitUntil: 'load' });
        assert.ok((await mainText(page)).includes('Wijkteam Demo'), 'the new organisation is listed');
      }),
  );
});

describe('idle session expiry', () => {
  const env = serverAndBrowser({ idleSeconds: IDLE_SECONDS });

  test(
    `a session idle for more than ${IDLE_SECONDS} s is sent back to sign-in with an expiry message`,
    { timeout: TEST_TIMEOUT_MS },
    () =>
      env.withPage(async (page) => {
        const { server } = env;
        // A fresh server and database: this account's codes are unused here.
        const account = server.account('professional');

        await signIn(page, server, account);
        await sleep(IDLE_WAIT_MS);

        const response = await page.goto(`${server.baseUrl}/start`, { waitUntil: 'load' });
        assert.ok(response, 'navigation to /start produced no response');
        assert.equal(
          pathOf(page),
          '/aanmelden?verlopen=1',
          `an idle session must be redirected to /aanmelden?verlopen=1 (waited ${IDLE_WAIT_MS} ms)`,
        );
        assert.ok((await mainText(page)).includes(EXPIRED_NL), `the sign-in page must say "${EXPIRED_NL}"`);
        await expectNoAxeViolations(page);
      }),
  );
});
