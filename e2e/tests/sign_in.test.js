// Signing in (password + TOTP second factor), signing out, wrong passwords,
// idle session expiry and the language switch on the sign-in page.
//
// A TOTP code works once per account (the server also accepts the previous and
// next 30 s step), so every sign-in in this file uses either a different demo
// account or a different server (fresh demo database).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { expectNoAxeViolations } from '../lib/browser.js';
import { totp } from '../lib/totp.js';
import {
  exactUrl,
  mainText,
  openSignIn,
  pathOf,
  serverAndBrowser,
  signIn,
  sleep,
  submitPassword,
} from '../lib/flow.js';

const TEST_TIMEOUT_MS = 60_000;
/** Idle timeout of the second server, and how long the expiry test waits. */
const IDLE_SECONDS = 2;
const IDLE_WAIT_MS = IDLE_SECONDS * 1000 + 1_500;

const WRONG_CREDENTIALS_NL = 'Deze combinatie van e-mailadres en wachtwoord klopt niet.';
const SIGNED_OUT_NL = 'Je bent afgemeld.';
const EXPIRED_NL = 'Je sessie is verlopen. Meld je opnieuw aan.';

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
    "the functional administrator reaches their organisation's admin pages and the deactivation page with a hand-over per file",
    { timeout: TEST_TIMEOUT_MS },
    () =>
      env.withPage(async (page) => {
        const { server } = env;
        await signIn(page, server, server.account('functional_admin'));
        await page.getByRole('link', { name: 'Beheer' }).first().click();
        await page.waitForURL(exactUrl(server, '/beheer'), { waitUntil: 'load' });
        await expectNoAxeViolations(page);
        assert.equal(await page.getByRole('link', { name: 'Organisaties' }).count(), 0, 'organisations are the chain administrator\'s');

        for (const [link, path] of [
          ['Teams', '/beheer/teams'],
          ['Gebruikers', '/beheer/gebruikers'],
        ]) {
          await page.goto(`${server.baseUrl}/beheer`, { waitUntil: 'load' });
          await page.getByRole('link', { name: link }).click();
          await page.waitForURL(exactUrl(server, path), { waitUntil: 'load' });
          assert.equal((await page.locator('h1').first().innerText()).trim(), link);
          await expectNoAxeViolations(page);
        }
        // Sanne leads families: the deactivation page offers a hand-over form for each.
        await page.getByRole('link', { name: 'Deactiveren: Sanne de Vries' }).click();
        await page.waitForURL(/\/beheer\/gebruikers\/[^/]+\/deactiveren$/, { waitUntil: 'load' });
        assert.ok((await page.locator('form.handover').count()) > 1, 'a hand-over form per led file');
        await expectNoAxeViolations(page);
        // She leads several: one form hands them all to one colleague; the per-file
        // forms are folded away under "one by one".
        await page.getByRole('button', { name: /^Alles overdragen aan één collega: \d+ dossiers$/ }).click();
        await page.locator('#to-alle-error').waitFor({ state: 'visible' });
        await expectNoAxeViolations(page);
        await page.getByText(/^Of draag de dossiers één voor één over/).click();
        await page.getByRole('button', { name: /^Overdragen: / }).first().click();
        await page.locator('[id^="to-"][id$="-error"]:not(#to-alle-error)').first().waitFor({ state: 'visible' });
        await expectNoAxeViolations(page);
      }),
  );

  test(
    'the chain administrator manages organisations and areas, and a form with errors stays accessible',
    { timeout: TEST_TIMEOUT_MS },
    () =>
      env.withPage(async (page) => {
        const { server } = env;
        await signIn(page, server, server.account('chain_admin'));
        await page.getByRole('link', { name: 'Beheer' }).first().click();
        await page.waitForURL(exactUrl(server, '/beheer'), { waitUntil: 'load' });
        await expectNoAxeViolations(page);
        for (const [link, path] of [
          ['Organisaties', '/beheer/organisaties'],
          ['Gebieden', '/beheer/gebieden'],
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

describe('an account set up by an administrator', () => {
  const env = serverAndBrowser();

  test(
    'enrols with the one-time code, links an authenticator and chooses its own password',
    { timeout: TEST_TIMEOUT_MS },
    () =>
      env.withPage(async (page) => {
        const { server } = env;
        await signIn(page, server, server.account('functional_admin'));
        await page.goto(`${server.baseUrl}/beheer/gebruikers`, { waitUntil: 'load' });
        const temporary = 'tijdelijk wachtwoord voor Lotte';
        await page.locator('#email').fill('lotte.dewit@lokalis.example');
        await page.locator('#name').fill('Lotte de Wit');
        await page.locator('#roles-professional').check();
        await page.locator('#password').fill(temporary);
        await page.getByRole('button', { name: 'Toevoegen' }).click();
        await page.locator('#enrolment-code').waitFor({ state: 'visible' });
        const code = (await page.locator('#enrolment-code').innerText()).trim();
        assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
        await expectNoAxeViolations(page);

        const context = await env.browser.newContext();
        try {
          const lotte = await context.newPage();
          await openSignIn(lotte, server);
          await submitPassword(lotte, 'lotte.dewit@lokalis.example', temporary);
          await lotte.waitForURL(exactUrl(server, '/aanmelden/koppelen'), { waitUntil: 'load' });
          assert.equal(await lotte.locator('img.qr').count(), 0, 'no QR code before the enrolment code');
          await expectNoAxeViolations(lotte);
          await lotte.locator('#code').fill(code.toLowerCase());
          await lotte.getByRole('button', { name: 'Verder' }).click();
          await lotte.locator('img.qr').waitFor({ state: 'visible' });
          await expectNoAxeViolations(lotte);
          const secret = (await lotte.locator('code.secret').innerText()).trim();
          await lotte.locator('#code').fill(totp(secret));
          await lotte.getByRole('button', { name: 'Aanmelden' }).click();
          await lotte.waitForURL(exactUrl(server, '/aanmelden/wachtwoord'), { waitUntil: 'load' });
          assert.equal((await lotte.locator('h1').first().innerText()).trim(), 'Kies je eigen wachtwoord');
          await expectNoAxeViolations(lotte);
          await lotte.locator('#password').fill('mijn eigen lange zin');
          await lotte.locator('#repeat').fill('iets anders getypt');
          await lotte.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
          await lotte.locator('#repeat-error').waitFor({ state: 'visible' });
          await expectNoAxeViolations(lotte);
          await lotte.locator('#password').fill('mijn eigen lange zin');
          await lotte.locator('#repeat').fill('mijn eigen lange zin');
          await lotte.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
          await lotte.waitForURL(exactUrl(server, '/start'), { waitUntil: 'load' });
        } finally {
          await context.close().catch(() => {});
        }
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
