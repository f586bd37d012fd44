// Issue 17, the family's own door, walked in a real browser on the demo's family
// accounts (a parent with custody and a young person of 16 in one of Sanne's files):
// every page visited passes axe at 1280 and at 320 CSS px, shows sentences and Dutch
// dates (no ISO date in the main text). The file's second parent with custody redeems
// the regisseur's invitation, adds her own scale to the plan and withdraws the SAVE
// consent; the young person hides a line about her from her parents and shares it.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { expectNoAxeViolations } from '../lib/browser.js';
import {
  accountByEmail,
  exactUrl,
  expectPath,
  h1Text,
  mainText,
  pathOf,
  serverAndBrowser,
  signIn,
  signInFamily,
  submitAndWait,
} from '../lib/flow.js';
import { totp } from '../lib/totp.js';

const ISO_DATE = /\d{4}-\d{2}-\d{2}/;
const WALK_TIMEOUT_MS = 5 * 60_000;
const squashText = (texts) => texts.join(' ').replace(/\s+/g, ' ').trim();

/** Axe at 1280 and at 320 px wide (mobile first), back to 1280 afterwards. */
async function axeAtBothWidths(page, what) {
  for (const [width, height] of [
    [1280, 900],
    [320, 640],
  ]) {
    await page.setViewportSize({ width, height });
    await expectNoAxeViolations(page).catch((err) => {
      throw new Error(`${what} at ${width} px: ${err.message}`);
    });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Opens `path` as the signed-in visitor: 200, axe at both widths, no ISO date in <main>. */
async function visit(page, server, path) {
  const response = await page.goto(server.baseUrl + path, { waitUntil: 'load' });
  assert.equal(response?.status(), 200, `GET ${path} answered ${response?.status()}`);
  await expectPath(page, path, `opening ${path}`);
  await axeAtBothWidths(page, path);
  const text = await mainText(page);
  assert.doesNotMatch(text, ISO_DATE, `${path} shows an ISO date: ${text.slice(0, 600)}`);
  return text;
}

describe('the family portal in the browser', () => {
  const env = serverAndBrowser();
  const family = (kind) => env.server.account(kind);

  test('the parent signs in and reads home, workers, meetings, the plan and who looked', { timeout: WALK_TIMEOUT_MS }, async () => {
    const parent = family('family_parent');
    await env.withPage(async (page) => {
      await signInFamily(page, env.server, parent, { axe: true });
      const first = parent.name.split(' ')[0];
      assert.match(await h1Text(page), new RegExp(first), 'the home page greets the parent by first name');
      const home = await visit(page, env.server, '/mijn-gezin');
      assert.ok(home.length > 40, `the home page says something: ${home}`);

      const workers = await visit(page, env.server, '/mijn-gezin/hulpverleners');
      // The regisseur of the demo file is Sanne de Vries (the demo's first local-team professional).
      const sanne = accountByEmail(env.server, 'sanne.devries@lokalis.example');
      assert.ok(workers.includes(sanne.name), `the workers page names the regisseur ${sanne.name}: ${workers.slice(0, 600)}`);

      await visit(page, env.server, '/mijn-gezin/afspraken');

      await visit(page, env.server, '/mijn-gezin/plan');

      const looked = await visit(page, env.server, '/mijn-gezin/inzage');
      // Sentences ("… las … op 3 december 2026"), never an event code.
      assert.doesNotMatch(looked, /\b[a-z]+_[a-z_]+\b/, `who looked shows a code: ${looked.slice(0, 600)}`);
    });
  });

  test('the young person of 16 signs in to the same family', { timeout: WALK_TIMEOUT_MS }, async () => {
    const young = family('family_young');
    assert.equal(young.organisation, family('family_parent').organisation, 'both accounts are in one family');
    await env.withPage(async (page) => {
      await signInFamily(page, env.server, young, { axe: true });
      assert.match(await h1Text(page), new RegExp(young.name.split(' ')[0]));
      await visit(page, env.server, '/mijn-gezin');
      await visit(page, env.server, '/mijn-gezin/hulpverleners');
      // Her own view of the plan (what concerns only her is hers to share).
      await visit(page, env.server, '/mijn-gezin/plan');
    });
  });

  test('the young person files a complaint and finds it on her list', { timeout: WALK_TIMEOUT_MS }, async () => {
    const young = family('family_young');
    await env.withPage(async (page) => {
      await signInFamily(page, env.server, young);
      await visit(page, env.server, '/mijn-gezin/klacht');
      const send = () => submitAndWait(page, page.locator('form[action="/mijn-gezin/klacht"] button[type="submit"]'));
      // Nothing typed: the form comes back with the messages next to the fields.
      const refused = await send();
      assert.equal(refused.status(), 422, `an empty complaint answers ${refused.status()}`);
      assert.equal(await page.locator('#error-summary').count(), 1, 'an error summary on the refused form');
      await axeAtBothWidths(page, 'the refused complaint form');
      const organisation = page.locator('#organisatie');
      if ((await organisation.count()) > 0) {
        const values = await organisation.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
        await organisation.selectOption(values[0]);
      }
      await page.locator('#wat').fill('Ik werd niet teruggebeld na het gesprek.');
      await page.locator('#name').fill(young.name);
      const filed = await send();
      assert.equal(filed.status(), 200, `filing answers ${filed.status()}: ${(await mainText(page)).slice(0, 600)}`);
      assert.match(pathOf(page), /^\/mijn-gezin\/klachten/, `after filing the browser is on ${pathOf(page)}`);
      await axeAtBothWidths(page, 'the complaints list');
      assert.doesNotMatch(await mainText(page), ISO_DATE);
    });
  });

  test('the young person of 16 keeps a line about her from her parents, and shares it only by her own choice', { timeout: WALK_TIMEOUT_MS }, async () => {
    const young = family('family_young');
    const parent = family('family_parent');
    // The demo's regisseur marked this worry as concerning only her (crates/cli/src/demo/portal.rs).
    const line = `${young.name.split(' ')[0]} wil eerst zelf met de hulpverlener praten`;
    await env.withPage(async (page) => {
      await signInFamily(page, env.server, young);
      const mine = await visit(page, env.server, '/mijn-gezin/plan');
      assert.ok(mine.includes(line), `her plan shows the line about her: ${mine.slice(0, 800)}`);
      const item = () => page.locator('li', { hasText: line }).first();
      const box = () => item().getByRole('checkbox', { name: 'Mijn ouders mogen dit zien' });
      assert.equal(await box().isChecked(), false, 'not shared until she chooses');
      const save = async (share, what) => {
        if (share) await box().check();
        else await box().uncheck();
        const response = await submitAndWait(page, item().getByRole('button', { name: 'Bewaren' }));
        assert.equal(response.status(), 200, `${what} answered ${response.status()}`);
        await expectPath(page, '/mijn-gezin/plan?klaar=gedeeld', what);
        await axeAtBothWidths(page, what);
        assert.equal(await box().isChecked(), share, `${what}: the switch shows her choice`);
      };

      await env.withPage(async (parentPage) => {
        await signInFamily(parentPage, env.server, parent);
        const parentSees = async () => (await visit(parentPage, env.server, '/mijn-gezin/plan')).includes(line);
        assert.equal(await parentSees(), false, 'her parent does not see the line before she shares it');
        await save(true, 'sharing the line with her parents');
        assert.equal(await parentSees(), true, 'her parent sees the line once she shares it');
        await save(false, 'taking the line back from her parents');
        assert.equal(await parentSees(), false, 'her parent no longer sees the line once she hides it again');
      });
    });
  });

  // Last: it changes the file (SAVE loses its basis in it).
  test('the second parent with custody redeems her invitation, reads the plan, adds her own scale and withdraws the SAVE consent, which reaches the SAVE worker at once', { timeout: WALK_TIMEOUT_MS }, async () => {
    const familyId = family('family_parent').organisation;
    const filePath = `/gezinnen/${familyId}`;
    const accountsPage = `${filePath}/gezinsaccounts`;
    const sanne = accountByEmail(env.server, 'sanne.devries@lokalis.example');
    // The regisseur invites the file's other parent with custody (the demo picks a file
    // with two); the choice names each member with what they are in the family.
    const invited = await env.withPage(async (page) => {
      await signIn(page, env.server, sanne);
      await visit(page, env.server, accountsPage);
      const options = await page.locator('#member option').evaluateAll((os) => os.map((o) => ({ value: o.value, label: o.textContent.trim() })));
      const mother = options.find((o) => o.label.endsWith('(ouder met gezag)') && !o.label.startsWith(family('family_parent').name));
      assert.ok(mother, `a second parent with custody to invite; options: ${options.map((o) => o.label).join(', ')}`);
      await page.locator('#member').selectOption(mother.value);
      const response = await submitAndWait(page, page.getByRole('button', { name: 'Uitnodiging maken' }));
      assert.equal(response.status(), 200, `inviting answered ${response.status()}: ${(await mainText(page)).slice(0, 400)}`);
      await axeAtBothWidths(page, 'the invitation code page');
      assert.doesNotMatch(await mainText(page), ISO_DATE, 'the invitation shows a Dutch date');
      const code = (await page.locator('#uitnodigingscode').innerText()).trim();
      assert.ok(code, 'the invitation page shows a code');
      return { name: mother.label.replace(/ \(ouder met gezag\)$/, ''), code };
    });

    await env.withPage(async (page) => {
      // She redeems the code: e-mail address, password, her authenticator app.
      const response = await page.goto(`${env.server.baseUrl}/gezin/activeren`, { waitUntil: 'load' });
      assert.equal(response?.status(), 200);
      await axeAtBothWidths(page, '/gezin/activeren');
      await page.locator('#code').fill(invited.code);
      await page.locator('#email').fill('moeder.demo@gezin.example');
      await page.locator('#password').fill('een eigen lang wachtwoord 2026');
      await page.locator('#repeat').fill('een eigen lang wachtwoord 2026');
      await submitAndWait(page, page.locator('form[action="/gezin/activeren"] button[type="submit"]'));
      await expectPath(page, '/gezin/activeren/koppelen', 'after the code, e-mail address and password');
      await axeAtBothWidths(page, '/gezin/activeren/koppelen');
      const secret = (await page.locator('code.secret').innerText()).replace(/\s+/g, '');
      await page.locator('#code').fill(totp(secret));
      await page.locator('form button[type="submit"]').last().click();
      await page.waitForURL(exactUrl(env.server, '/mijn-gezin'), { waitUntil: 'load' }).catch(async () => {
        assert.fail(`after linking the app the browser is on ${pathOf(page)}: ${(await mainText(page)).slice(0, 500)}`);
      });
      assert.match(await h1Text(page), new RegExp(invited.name.split(' ')[0]), 'her home page greets her');
      await axeAtBothWidths(page, '/mijn-gezin (new account)');

      await visit(page, env.server, '/mijn-gezin/plan');

      // The SAVE worker in the circle, as her page of workers names them.
      const workers = await visit(page, env.server, '/mijn-gezin/hulpverleners');
      const saveWorker = env.server.accounts.find((a) => a.organisation === 'save' && workers.includes(a.name));
      assert.ok(saveWorker, `a SAVE worker on her page of workers: ${workers.slice(0, 600)}`);

      await env.withPage(async (savePage) => {
        await signIn(savePage, env.server, saveWorker);
        const before = await savePage.goto(env.server.baseUrl + filePath, { waitUntil: 'load' });
        assert.equal(before?.status(), 200, `${saveWorker.email} opens the file while the consent holds`);

        await visit(page, env.server, '/mijn-gezin/toestemming');
        const link = page.locator('a[href^="/mijn-gezin/toestemming/"][href$="/intrekken"][aria-label*="SAVE"]');
        assert.equal(await link.count(), 1, `one withdraw link for the SAVE consent: ${(await mainText(page)).slice(0, 800)}`);
        const confirm = await link.getAttribute('href');
        await visit(page, env.server, confirm);
        const response = await submitAndWait(page, page.getByRole('button', { name: 'Ja, trek de toestemming in' }));
        assert.equal(response.status(), 200, `withdrawing answered ${response.status()}`);
        await expectPath(page, '/mijn-gezin/toestemming?klaar=ingetrokken', 'after withdrawing');
        await axeAtBothWidths(page, 'the consents after withdrawing');
        const status = squashText(await page.locator('[role="status"]').allInnerTexts());
        assert.match(status, /ingetrokken/i, `the page says the consent was withdrawn: ${status}`);
        assert.doesNotMatch(await mainText(page), ISO_DATE);

        const after = await savePage.goto(env.server.baseUrl + filePath, { waitUntil: 'load' });
        assert.notEqual(after?.status(), 200, `${saveWorker.email} no longer opens the file once the consent is withdrawn`);
      });
    });
  });
});
