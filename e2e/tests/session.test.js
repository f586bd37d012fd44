// Nothing typed is lost to the idle limit (WCAG 2.2.1):
//
// 1. On the plan page the idle warning appears before the session ends; "Aangemeld
//    blijven" extends it, and a save after the original deadline still works.
// 2. Typed work sent after the session ended is kept: the sign-in page says so, and
//    after signing in again the person sends it on and the plan holds it.
//
// The server runs with a 20 s idle limit, so the warning comes halfway (10 s); see
// domain::session::warn_before.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { expectNoAxeViolations } from '../lib/browser.js';
import {
  exactUrl,
  expectPath,
  h1Text,
  mainText,
  pathOf,
  serverAndBrowser,
  signIn,
  sleep,
  submitAndWait,
  submitCode,
  submitPassword,
} from '../lib/flow.js';

const IDLE_SECONDS = 20;
const TEST_TIMEOUT_MS = 150_000;

const WARNING_NL = 'Je wordt over twee minuten afgemeld';
const ENDED_NL = 'Je bent afgemeld omdat je een tijd niets hebt verstuurd.';
const KEPT_NL = 'Wat je had ingevuld is bewaard';

describe('the idle limit loses no work', () => {
  const env = serverAndBrowser({ idleSeconds: IDLE_SECONDS });

  test('a warning extends the session, and a form sent after it ended is kept until sign-in', { timeout: TEST_TIMEOUT_MS }, () =>
    env.withPage(async (page) => {
      const { server } = env;
      const account = server.account('professional');
      await signIn(page, server, account);

      // The first family Sanne leads, and its plan.
      await page.goto(`${server.baseUrl}/gezinnen`, { waitUntil: 'load' });
      const family = await page.locator('main a[href^="/gezinnen/"]').evaluateAll((links) =>
        links.map((a) => a.getAttribute('href')).find((href) => /^\/gezinnen\/[0-9a-f-]{36}$/.test(href)),
      );
      assert.ok(family, 'the professional leads at least one family');
      const planPath = `${family}/plan`;
      const loaded = Date.now();
      await page.goto(`${server.baseUrl}${planPath}`, { waitUntil: 'load' });
      const version = Number((await h1Text(page)).match(/Versie (\d+)/)[1]);

      // 1. The warning, before the end; staying signed in takes it away.
      const warning = page.getByRole('alertdialog');
      await warning.waitFor({ state: 'visible', timeout: IDLE_SECONDS * 1000 });
      const warnedAfter = (Date.now() - loaded) / 1000;
      assert.ok(warnedAfter < IDLE_SECONDS - 5, `the warning came ${warnedAfter} s after the page loaded`);
      assert.ok((await warning.innerText()).includes(WARNING_NL), 'the warning in Dutch');
      await expectNoAxeViolations(page);
      await warning.getByRole('button', { name: 'Aangemeld blijven' }).click();
      await warning.waitFor({ state: 'detached' });

      // Past the original deadline, the session still lives: the save goes through.
      await sleep(Math.max(0, (IDLE_SECONDS + 2) * 1000 - (Date.now() - loaded)));
      const first = 'Na het verlengen opgeslagen.';
      const worries = page.locator('#worries-1');
      await worries.fill(`${await worries.inputValue()} ${first}`.trim());
      await submitAndWait(page, page.getByRole('button', { name: 'Plan opslaan' }));
      await expectPath(page, planPath, 'a save after extending the session');
      assert.equal(await h1Text(page), `Plan — Versie ${version + 1}`, 'saved as the next version');

      // 2. Typing on, then away from the desk: the page says the session ended.
      const second = 'Getypt terwijl de sessie verliep.';
      await worries.fill(`${await worries.inputValue()} ${second}`);
      await page.getByText(ENDED_NL).waitFor({ state: 'visible', timeout: (IDLE_SECONDS + 5) * 1000 });
      await sleep(1_000);
      await submitAndWait(page, page.getByRole('button', { name: 'Plan opslaan' }));
      assert.equal(pathOf(page), '/aanmelden?verlopen=1&bewaard=1', 'sent to sign in again');
      assert.ok((await mainText(page)).includes(KEPT_NL), `the sign-in page says "${KEPT_NL}"`);
      await expectNoAxeViolations(page);

      // Signing in again (the next TOTP step: this step's code was used) leads back.
      await submitPassword(page, account.email, server.password);
      await page.waitForURL(exactUrl(server, '/aanmelden/code'), { waitUntil: 'load' });
      await submitCode(page, account, 1);
      await page.waitForURL(exactUrl(server, '/hervatten'), { waitUntil: 'load' });
      await expectNoAxeViolations(page);
      await submitAndWait(page, page.getByRole('button', { name: 'Formulier versturen' }));
      await expectPath(page, planPath, 'the kept form sent on');
      assert.equal(await h1Text(page), `Plan — Versie ${version + 2}`, 'the kept plan is the next version');
      const saved = await page.locator('#worries-1').inputValue();
      assert.ok(saved.includes(first) && saved.includes(second), `both worries are in the plan: ${saved}`);
    }),
  );
});
