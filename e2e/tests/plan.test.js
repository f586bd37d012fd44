// The plan editor as a professional uses it: Sanne opens a new file and builds a full
// plan from an empty one, with rows in every part. Without JavaScript she adds and
// removes a row (each a round trip of the whole form); with JavaScript the same happens
// in place (htmx), the new row takes the focus and a removal is announced. A mistake
// keeps every input; she saves two versions, compares them by picking both from the
// list, restores the first as a new version and prints the plan (also as a PDF).
//
// axe-core runs on every page the JavaScript context visits, also at 320 px.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { expectNoAxeViolations, PAGE_TIMEOUT_MS } from '../lib/browser.js';
import {
  accountByEmail,
  exactUrl,
  expectPath,
  h1Text,
  mainText,
  pathOf,
  serverAndBrowser,
  signIn,
  submitAndWait,
  todayInAmsterdam,
} from '../lib/flow.js';

const WALK_TIMEOUT_MS = 300_000;
const STEP_TIMEOUT_MS = 60_000;
const SANNE = 'sanne.devries@lokalis.example';

const FAMILY = {
  label: 'Gezin Plantinga',
  street: 'Zamenhofdreef',
  house_number: '14',
  postcode: '3562 JW',
  city: 'Utrecht',
  child_name: 'Noor Plantinga',
  child_birth: '2015-03-02',
};

/** Today as the Dutch type it: 5-12-2026. */
function dutchToday() {
  const [y, m, d] = todayInAmsterdam().split('-');
  return `${Number(d)}-${Number(m)}-${y}`;
}

/** No ISO date or code shows on a page a person reads. */
function assertNoCodes(text, what) {
  assert.doesNotMatch(text, /\b\d{4}-\d{2}-\d{2}\b/, `${what}: no ISO date`);
  for (const code of ['[planned]', 'planned', 'underway', 'domain:', 'income', 'member:', 'professional:']) {
    assert.ok(!text.includes(code), `${what}: no code "${code}" in: ${text.slice(0, 600)}`);
  }
}

describe('the plan editor', () => {
  const env = serverAndBrowser();

  test(
    'a full plan built from an empty one, rows added and removed with and without JavaScript, versions compared and restored, printed',
    { timeout: WALK_TIMEOUT_MS },
    async (t) => {
      const { server } = env;
      const sanne = accountByEmail(server, SANNE);
      const settings = { bypassCSP: true, locale: 'nl-NL' };
      const noJs = await env.browser.browser.newContext({ ...settings, javaScriptEnabled: false });
      noJs.setDefaultTimeout(PAGE_TIMEOUT_MS);
      let js = null;
      let failed = null;
      const step = (name, fn) =>
        t.test(
          name,
          { timeout: STEP_TIMEOUT_MS, skip: failed ? `earlier step failed: ${failed}` : false },
          async () => {
            try {
              await fn();
            } catch (err) {
              failed = name;
              throw err;
            }
          },
        );

      try {
        const bare = await noJs.newPage();
        let planPath = null;
        let page = null;

        await step('without JavaScript: Sanne opens a new file and its empty plan', async () => {
          await signIn(bare, server, sanne);
          await bare.goto(`${server.baseUrl}/gezinnen/nieuw`, { waitUntil: 'load' });
          for (const [id, value] of Object.entries(FAMILY)) {
            await bare.locator(`#${id}`).fill(value);
          }
          await submitAndWait(bare, bare.getByRole('button', { name: 'Dossier openen' }));
          planPath = `${pathOf(bare)}/plan`;
          await bare.goto(`${server.baseUrl}${planPath}`, { waitUntil: 'load' });
          assert.equal(await h1Text(bare), 'Plan — Versie 0');
        });

        await step('without JavaScript: a row is added and one removed, everything typed kept', async () => {
          await bare.locator('#worries-1').fill('Noor is vaak alleen thuis.');
          await bare.locator('#working_well-1').fill('De buurvrouw let op.');
          await submitAndWait(bare, bare.getByRole('button', { name: 'Regel toevoegen aan zorgen' }));
          await expectPath(bare, planPath, 'after "Regel toevoegen"');
          assert.equal(await bare.locator('#worries-1').inputValue(), 'Noor is vaak alleen thuis.');
          assert.equal(await bare.locator('#working_well-1').inputValue(), 'De buurvrouw let op.');
          assert.equal(await bare.locator('#worries-2').inputValue(), '', 'one more, empty row');
          assert.equal(await bare.locator('#worries-2').getAttribute('autofocus'), '', 'the new row has the focus');
          await bare.locator('#worries-2').fill('Dit was een vergissing.');
          await submitAndWait(bare, bare.getByRole('button', { name: 'Verwijderen zorg 2' }));
          assert.equal(await bare.locator('#worries-2').count(), 0, 'the row is gone');
          assert.equal(await bare.locator('#worries-1').inputValue(), 'Noor is vaak alleen thuis.');
          assert.match(await bare.locator('#plan-announce').innerText(), /verwijderd uit Zorgen/);
          assert.equal(await h1Text(bare), 'Plan — Versie 0', 'nothing saved yet');
        });

        await step('with JavaScript: the same form, rows added in place with the focus on the new row', async () => {
          // The same session, now in a browser with JavaScript: what was typed without
          // JavaScript is sent along by the remove round trip, so start from the page.
          js = await env.browser.browser.newContext({ ...settings, storageState: await noJs.storageState() });
          js.setDefaultTimeout(PAGE_TIMEOUT_MS);
          page = await js.newPage();
          await page.goto(`${server.baseUrl}${planPath}`, { waitUntil: 'load' });
          await expectNoAxeViolations(page);
          await page.locator('#worries-1').fill('Noor is vaak alleen thuis.');
          const url = page.url();
          await page.getByRole('button', { name: 'Regel toevoegen aan zorgen' }).click();
          await page.locator('#worries-2').waitFor();
          await page.waitForFunction(() => document.activeElement?.id === 'worries-2');
          assert.equal(page.url(), url, 'no page load');
          assert.equal(await page.locator('#worries-1').inputValue(), 'Noor is vaak alleen thuis.');
          await page.locator('#worries-2').fill('Er is ruzie als vader gedronken heeft.');
          await page.getByRole('button', { name: 'Regel toevoegen aan acties' }).click();
          await page.waitForFunction(() => document.activeElement?.id === 'action-2-domain');
          await page.getByRole('button', { name: 'Verwijderen actie 2' }).click();
          await page.locator('#action-2-domain').waitFor({ state: 'detached' });
          assert.match(await page.locator('#plan-announce').innerText(), /verwijderd uit Acties/);
          assert.equal(await page.locator('#worries-2').inputValue(), 'Er is ruzie als vader gedronken heeft.');
          await expectNoAxeViolations(page);
        });

        await step('every part gets a row; a mistake keeps every input', async () => {
          await page.locator('#danger_statements-1').fill('Noor kan gewond raken als er geslagen wordt.');
          await page.locator('#working_well-1').fill('De buurvrouw let op.');
          await page.locator('#needs_to_happen-1').fill('Vader gaat naar de verslavingszorg.');
          await page.locator('#safety-goal-1-text').fill('Noor is veilig thuis.');
          await page.locator('#safety-goal-1-domain').selectOption({ label: 'Veiligheid' });
          await page.locator('#family_score').fill('5');
          await page.locator('#scale-1-who').selectOption({ label: FAMILY.child_name });
          await page.locator('#scale-1-score').fill('11');
          await page.locator('#scale-1-on').fill(dutchToday());
          await page.locator('#goal-1-domain').selectOption({ label: 'School' });
          await page.locator('#goal-1-text').fill('Noor gaat elke dag naar school.');
          await page.locator('#action-1-domain').selectOption({ label: 'Gezondheid' });
          await page.locator('#action-1-what').fill('Aanmelden bij de verslavingszorg');
          await page.locator('#action-1-who').selectOption({ label: 'Iemand anders (vul de naam in)' });
          await page.locator('#action-1-who-name').fill('Vader');
          await page.locator('#action-1-due').fill(dutchToday());
          await page.locator('#action-1-status').selectOption({ label: 'Bezig' });
          await page.locator('#conditions-1').fill('Er wordt niet gedronken waar Noor bij is.');
          await page.locator('#review_date').fill(dutchToday());
          const response = await submitAndWait(page, page.getByRole('button', { name: 'Plan opslaan' }));
          assert.equal(response.status(), 422);
          assert.match(await page.locator('#scale-1-error').innerText(), /0 tot en met 10/);
          const kept = {
            '#worries-2': 'Er is ruzie als vader gedronken heeft.',
            '#danger_statements-1': 'Noor kan gewond raken als er geslagen wordt.',
            '#safety-goal-1-text': 'Noor is veilig thuis.',
            '#family_score': '5',
            '#scale-1-score': '11',
            '#scale-1-on': dutchToday(),
            '#goal-1-text': 'Noor gaat elke dag naar school.',
            '#action-1-what': 'Aanmelden bij de verslavingszorg',
            '#action-1-who-name': 'Vader',
            '#action-1-due': dutchToday(),
            '#conditions-1': 'Er wordt niet gedronken waar Noor bij is.',
            '#review_date': dutchToday(),
          };
          for (const [sel, value] of Object.entries(kept)) {
            assert.equal(await page.locator(sel).inputValue(), value, `${sel} kept`);
          }
          assert.equal(await page.locator('#action-1-status').inputValue(), 'underway');
          await expectNoAxeViolations(page);
          await page.locator('#scale-1-score').fill('4');
          await submitAndWait(page, page.getByRole('button', { name: 'Plan opslaan' }));
          await expectPath(page, planPath, 'after saving');
          assert.equal(await h1Text(page), 'Plan — Versie 1');
          await expectNoAxeViolations(page);
          await page.setViewportSize({ width: 320, height: 800 });
          await expectNoAxeViolations(page);
          await page.setViewportSize({ width: 1280, height: 800 });
        });

        await step('a second version, compared with the first by picking both from the list', async () => {
          await page.locator('#worries-1').fill('Noor is nog maar soms alleen thuis.');
          await page.locator('#family_score').fill('6');
          await submitAndWait(page, page.getByRole('button', { name: 'Plan opslaan' }));
          assert.equal(await h1Text(page), 'Plan — Versie 2');
          await page.locator('#van').selectOption('1');
          await page.locator('#tot').selectOption('2');
          await submitAndWait(page, page.getByRole('button', { name: 'Vergelijk' }));
          await page.waitForURL(exactUrl(server, `${planPath}/vergelijken?van=1&tot=2`));
          const text = await mainText(page);
          assert.ok(text.includes('Noor is nog maar soms alleen thuis.'), text.slice(0, 800));
          assert.ok(text.includes('Gezin zelf: 6'), text.slice(0, 800));
          assertNoCodes(text, 'the comparison');
          await expectNoAxeViolations(page);
        });

        await step('the first version restored as version 3', async () => {
          await page.goto(`${server.baseUrl}${planPath}`, { waitUntil: 'load' });
          await submitAndWait(page, page.getByRole('button', { name: /^Terugzetten als nieuwe versie\s*:\s*Versie 1$/ }));
          assert.equal(await h1Text(page), 'Plan — Versie 3');
          assert.equal(await page.locator('#worries-1').inputValue(), 'Noor is vaak alleen thuis.');
          assert.equal(await page.locator('svg.plan-chart').count(), 1, 'the scores over the versions');
          await expectNoAxeViolations(page);
        });

        await step('the plan prints in words, also as a PDF', async () => {
          await page.goto(`${server.baseUrl}${planPath}/afdrukken`, { waitUntil: 'load' });
          const text = await mainText(page);
          for (const shown of [
            'Noor kan gewond raken als er geslagen wordt.',
            'Noor is veilig thuis. (Veiligheid)',
            'Actie: Vader — Aanmelden bij de verslavingszorg',
            '(bezig)',
            'Er wordt niet gedronken waar Noor bij is.',
          ]) {
            assert.ok(text.includes(shown), `the print shows "${shown}": ${text.slice(0, 1200)}`);
          }
          assertNoCodes(text, 'the print');
          const pdf = await page.pdf({ format: 'A4' });
          assert.equal(pdf.subarray(0, 4).toString(), '%PDF', 'a PDF');
          await expectNoAxeViolations(page);
        });
      } finally {
        await noJs.close().catch(() => {});
        await js?.close().catch(() => {});
      }
    },
  );
});
