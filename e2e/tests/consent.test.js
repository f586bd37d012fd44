// Stepwise consent: a professional from another organisation than
// the regisseur's joins a family only after the family's consent is recorded,
// sees only what that consent covers, and loses access when it is withdrawn.
//
//   Sanne (local team, regisseur) opens a file with a child under 12 and a
//   parent with gezag → adding Thomas (SAVE) is refused until consent →
//   consent without the parent is refused, naming the parent → consent with
//   the parent is recorded → Thomas joins as partner → Thomas (own browser
//   context) opens the family page, but not the notes (not in the consent)
//   nor the consent page (regisseur's organisation only) → Sanne withdraws the
//   consent → Thomas reloads the family page and gets the 403 "why" page,
//   which names the step and the regisseur but none of the family's data.
//
// One server for the file; two browser contexts (Sanne, Thomas) shared by the
// steps, which are subtests: a failed step skips the rest. axe-core runs on
// every page the walk visits, including the 422 and 403 pages.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { expectNoAxeViolations } from '../lib/browser.js';
import { consentForm, consentRows, fillConsent } from '../lib/consent.js';
import {
  accountByEmail,
  exactUrl,
  expectPath,
  expectStatus,
  h1Text,
  mainText,
  serverAndBrowser,
  signIn,
  squash,
  submitAndWait,
  todayInAmsterdam,
  dutchDate,
} from '../lib/flow.js';

const WALK_TIMEOUT_MS = 240_000;
const STEP_TIMEOUT_MS = 60_000;

const SANNE = 'sanne.devries@lokalis.example';
const THOMAS = 'thomas.vandijk@save.example';
const SAVE_ORGANISATION = 'SAVE Jeugdbescherming';
const SAVE_STEP = 'Start SAVE-begeleiding';
const WHY_TITLE = 'Je kunt dit deel van het dossier (nog) niet inzien';

const TODAY = todayInAmsterdam();
/** Six or seven years old today: under 12, so only the parents with gezag consent. */
const CHILD_BIRTH = `${Number(TODAY.slice(0, 4)) - 7}-03-15`;

const FAMILY = {
  label: 'Gezin Bos',
  street: 'Kanaalweg',
  house_number: '7',
  postcode: '3526 KL',
  city: 'Utrecht',
  child_name: 'Noor Bos',
  child_birth: CHILD_BIRTH,
};
const PARENT = { name: 'Eva Bos', birth: '1990-06-30' };

const CONSENT = {
  step: 'save_guidance',
  organisation: SAVE_ORGANISATION,
  purpose: 'SAVE begeleidt het gezin bij de veiligheid thuis.',
  categories: ['identity', 'network', 'plan'],
  children: [FAMILY.child_name],
  givenOn: TODAY,
};

/** Text of the field error for `id` (rendered as #<id>-error), or '' if there is none. */
async function fieldError(page, id) {
  const error = page.locator(`#${id}-error`);
  return (await error.count()) > 0 ? squash(await error.innerText()) : '';
}

/** On the 403 "why" page: the <dd> after the <dt> `term` ('Nodige stap:', 'Gegevens:'), or '' if absent. */
async function whyDetail(page, term) {
  const dd = page.locator('main dl dt').filter({ hasText: term }).locator('xpath=following-sibling::dd[1]');
  return (await dd.count()) > 0 ? squash(await dd.first().innerText()) : '';
}

/** The texts of the page's role="alert" elements. */
async function alerts(page) {
  return (await page.locator('[role="alert"]').allInnerTexts()).map(squash);
}

/** Opens the file's page "Betrokkenen" with its form "Betrokkene toevoegen", fills it in
 * for Thomas as partner and submits it. */
async function addThomas(page, server, familyPath, thomas) {
  await page.goto(`${server.baseUrl}${familyPath}/betrokkenen?nieuw=betrokkene`, { waitUntil: 'load' });
  const form = page.locator('form[action$="/betrokkenen"]');
  const options = (await form.locator('#user_id option').allInnerTexts()).map(squash);
  const thomasOption = options.find((label) => label.startsWith(thomas.name));
  assert.ok(thomasOption, `the professional select must offer ${thomas.name}; options: ${JSON.stringify(options)}`);
  await form.locator('#user_id').selectOption({ label: thomasOption });
  await form.locator('#role').selectOption({ label: 'Partner' });
  await form.locator('#expertise').selectOption({ label: 'Veiligheid' });
  await form.locator('#reason').fill('Zorgen over de veiligheid thuis; SAVE begeleidt.');
  return submitAndWait(page, form.getByRole('button', { name: 'Betrokkene toevoegen' }));
}

/** Asserts the 403 "why" page: status, <h1>, and none of the family's data on it. */
async function expectWhyPage(page, response, what) {
  await expectStatus(page, response, 403, what);
  assert.equal(await h1Text(page), WHY_TITLE, `${what}: the 403 page <h1>`);
  const text = await mainText(page);
  const body = squash(await page.locator('body').innerText());
  for (const secret of [FAMILY.child_name, PARENT.name, FAMILY.label, FAMILY.street, FAMILY.postcode]) {
    assert.ok(!body.includes(secret), `${what}: the 403 page must not show "${secret}"; page text: ${body.slice(0, 800)}`);
  }
  return text;
}

describe('consent before another organisation joins a family, and its withdrawal', () => {
  const env = serverAndBrowser();

  test(
    'Sanne records the family\'s consent before Thomas (SAVE) joins; withdrawing it closes the file to him',
    { timeout: WALK_TIMEOUT_MS },
    async (t) => {
      const { server } = env;
      const sanne = accountByEmail(server, SANNE);
      const thomas = accountByEmail(server, THOMAS);

      const sanneContext = await env.browser.newContext();
      const thomasContext = await env.browser.newContext();
      let failed = null;
      /** A subtest on the shared pages; skipped once an earlier step failed. */
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
        const page = await sanneContext.newPage();
        const thomasPage = await thomasContext.newPage();
        let familyPath = null;
        const consentPath = () => `${familyPath}/toestemming`;

        await step('Sanne signs in', async () => {
          await signIn(page, server, sanne, { axe: true });
          await expectNoAxeViolations(page);
        });

        await step(`Sanne opens a new file "${FAMILY.label}" with a child under 12`, async () => {
          const search = await page.goto(`${server.baseUrl}/gezinnen`, { waitUntil: 'load' });
          await expectStatus(page, search, 200, 'GET /gezinnen');
          await expectNoAxeViolations(page);
          await page.getByRole('link', { name: 'Nieuw dossier openen' }).click();
          await page.waitForURL(exactUrl(server, '/gezinnen/nieuw'), { waitUntil: 'load' });
          await expectNoAxeViolations(page);

          for (const [id, value] of Object.entries(FAMILY)) {
            await page.locator(`#${id}`).fill(value);
          }
          await submitAndWait(page, page.getByRole('button', { name: 'Dossier openen' }));
          const path = new URL(page.url()).pathname;
          const m = /^\/gezinnen\/([^/?#]+)$/.exec(path);
          if (!m || m[1] === 'nieuw') await expectPath(page, '/gezinnen/<id>', 'after "Dossier openen"');
          familyPath = path;
          assert.equal(await h1Text(page), FAMILY.label, 'the family page <h1> is the file name');
          await expectNoAxeViolations(page);
        });

        await step(`a parent "${PARENT.name}" with gezag is added`, async () => {
          await page.goto(`${server.baseUrl}${familyPath}/gezin?nieuw=lid`, { waitUntil: 'load' });
          const form = page.locator('form[action$="/leden"]');
          await form.locator('#kind').selectOption({ label: 'Ouder/opvoeder' });
          await form.locator('#name').fill(PARENT.name);
          await form.locator('#date_of_birth').fill(PARENT.birth);
          await form.getByRole('checkbox', { name: 'Heeft gezag' }).check();
          await submitAndWait(page, form.getByRole('button', { name: 'Gezinslid toevoegen' }));
          await expectPath(page, `${familyPath}/gezin`, 'after "Gezinslid toevoegen"');
          const items = (await page.locator('main li').allInnerTexts()).map(squash);
          assert.ok(
            items.some((text) => text.includes(PARENT.name) && /heeft gezag/i.test(text)),
            `${PARENT.name} must be listed with gezag; list items: ${JSON.stringify(items)}`,
          );
          await expectNoAxeViolations(page);
        });

        await step('adding Thomas (SAVE) without consent is refused next to the professional field', async () => {
          const response = await addThomas(page, server, familyPath, thomas);
          await expectStatus(page, response, 422, 'adding Thomas without consent');
          assert.equal(await h1Text(page), 'Betrokkenen', 'the page "Betrokkenen" comes back with the error');

          const error = await fieldError(page, 'user_id');
          assert.ok(
            error.startsWith(`Hiervoor is eerst toestemming van het gezin nodig voor de stap '${SAVE_STEP}'`),
            `the professional field must say consent for '${SAVE_STEP}' is needed first; #user_id-error: "${error}"`,
          );
          assert.equal(
            await page.locator('#user_id').getAttribute('aria-invalid'),
            'true',
            'the professional select must be marked aria-invalid',
          );
          const petals = (await page.locator('.flower__petal').allInnerTexts()).map(squash);
          assert.ok(
            !petals.some((text) => text.includes(thomas.name)),
            `Thomas must not be a petal yet; petals: ${JSON.stringify(petals)}`,
          );
          await expectNoAxeViolations(page);
        });

        await step('consent given by the child alone is refused, naming the parent with gezag', async () => {
          await page.getByRole('main').getByRole('link', { name: 'Toestemming en kader', exact: true }).click();
          await page.waitForURL(exactUrl(server, consentPath()), { waitUntil: 'load' });
          assert.equal(await h1Text(page), `Toestemming en kader — ${FAMILY.label}`, 'the consent page <h1>');
          assert.ok(
            (await mainText(page)).includes('Nog geen toestemming vastgelegd.'),
            'a new file has no consents yet',
          );
          await expectNoAxeViolations(page);

          // Noor is under 12: her own consent does not count, Eva's (gezag) is needed.
          await fillConsent(page, { ...CONSENT, givenBy: [FAMILY.child_name] });
          const response = await submitAndWait(page, page.getByRole('button', { name: 'Toestemming vastleggen' }));
          await expectStatus(page, response, 422, 'consent without the parent');
          await expectPath(page, consentPath(), 'consent without the parent');

          const shown = await alerts(page);
          const missing = shown.find((text) => text.startsWith('Toestemming ontbreekt van:'));
          assert.ok(missing, `an alert must say "Toestemming ontbreekt van: ..."; alerts: ${JSON.stringify(shown)}`);
          assert.equal(missing, `Toestemming ontbreekt van: ${PARENT.name}`, 'the alert names exactly the parent with gezag');
          assert.equal(
            await fieldError(page, 'given_by'),
            'Toestemming ontbreekt van:',
            'the error sits next to "Gegeven door"',
          );
          assert.equal(await consentForm(page).locator('#purpose').inputValue(), CONSENT.purpose, 'the form keeps the input');
          assert.deepEqual(await consentRows(page), [], 'nothing was recorded');
          await expectNoAxeViolations(page);
        });

        await step(`consent given by ${PARENT.name} is recorded and in force`, async () => {
          await fillConsent(page, { ...CONSENT, givenBy: [PARENT.name] });
          const response = await submitAndWait(page, page.getByRole('button', { name: 'Toestemming vastleggen' }));
          await expectStatus(page, response, 200, 'consent with the parent');
          await expectPath(page, consentPath(), 'after "Toestemming vastleggen"');

          const rows = await consentRows(page);
          assert.equal(rows.length, 1, `one consent recorded; rows: ${JSON.stringify(rows)}`);
          const [stepCell, orgCell, purposeCell, , childrenCell, givenByCell, givenOnCell, statusCell] = rows[0];
          assert.equal(stepCell, SAVE_STEP);
          assert.equal(orgCell, SAVE_ORGANISATION);
          assert.equal(purposeCell, CONSENT.purpose);
          assert.equal(childrenCell, FAMILY.child_name);
          assert.ok(givenByCell.startsWith(PARENT.name), `given by ${PARENT.name}: "${givenByCell}"`);
          assert.ok(givenOnCell.startsWith(dutchDate(TODAY)), `given on ${TODAY}: "${givenOnCell}"`);
          assert.ok(statusCell.startsWith('Geldig'), `the consent is in force: "${statusCell}"`);
          await expectNoAxeViolations(page);
        });

        await step('with the consent, Thomas is added as partner', async () => {
          await page.getByRole('main').getByRole('link', { name: FAMILY.label, exact: true }).click();
          await page.waitForURL(exactUrl(server, familyPath), { waitUntil: 'load' });
          const response = await addThomas(page, server, familyPath, thomas);
          await expectStatus(page, response, 200, 'adding Thomas with consent');
          await expectPath(page, `${familyPath}/betrokkenen`, 'after "Betrokkene toevoegen"');
          const petals = (await page.locator('.flower__petal').allInnerTexts()).map(squash);
          assert.ok(
            petals.some((text) => text.includes(thomas.name) && text.includes(SAVE_ORGANISATION)),
            `Thomas must be a petal of the flower; petals: ${JSON.stringify(petals)}`,
          );
          await expectNoAxeViolations(page);
        });

        await step('Thomas signs in and opens the family page', async () => {
          await signIn(thomasPage, server, thomas, { axe: true });
          await expectNoAxeViolations(thomasPage);
          const response = await thomasPage.goto(`${server.baseUrl}${familyPath}`, { waitUntil: 'load' });
          await expectStatus(thomasPage, response, 200, `Thomas: GET ${familyPath}`);
          assert.equal(await h1Text(thomasPage), FAMILY.label, 'Thomas sees the family label');
          const text = await mainText(thomasPage);
          assert.ok(text.includes(PARENT.name), `the consent covers identity, so Thomas sees ${PARENT.name}`);
          await expectNoAxeViolations(thomasPage);
        });

        await step('Thomas cannot read the notes (not in the consent) nor open the consent page', async () => {
          const notes = await thomasPage.goto(`${server.baseUrl}${familyPath}/notities`, { waitUntil: 'load' });
          const notesText = await expectWhyPage(thomasPage, notes, 'Thomas: GET notes');
          assert.equal(
            await whyDetail(thomasPage, 'Gegevens:'),
            'Gespreksverslagen',
            `the 403 page must name the data category the consent lacks; page text: ${notesText.slice(0, 800)}`,
          );
          await expectNoAxeViolations(thomasPage);

          const consent = await thomasPage.goto(`${server.baseUrl}${consentPath()}`, { waitUntil: 'load' });
          const consentText = await expectWhyPage(thomasPage, consent, 'Thomas: GET the consent page');
          assert.ok(
            consentText.includes('beheert de organisatie van de regisseur'),
            `the 403 page must say that the regisseur's organisation manages consent; page text: ${consentText.slice(0, 800)}`,
          );
          await expectNoAxeViolations(thomasPage);

          // Back to the family page, which the last step reloads after the withdrawal.
          const back = await thomasPage.goto(`${server.baseUrl}${familyPath}`, { waitUntil: 'load' });
          await expectStatus(thomasPage, back, 200, `Thomas: GET ${familyPath} again`);
          assert.equal(await h1Text(thomasPage), FAMILY.label, 'Thomas still sees the family page');
        });

        await step('withdrawing without saying how is refused; the consent stays in force', async () => {
          await page.getByRole('main').getByRole('link', { name: 'Toestemming en kader', exact: true }).click();
          await page.waitForURL(exactUrl(server, consentPath()), { waitUntil: 'load' });
          await expectNoAxeViolations(page);

          const row = page.locator('main table.consents tbody tr').filter({ hasText: SAVE_STEP });
          assert.equal(await row.count(), 1, 'one SAVE consent row');
          await row.getByLabel('Hoe is de toestemming ingetrokken?').fill('');
          const response = await submitAndWait(page, row.getByRole('button', { name: 'Intrekken' }));
          await expectStatus(page, response, 422, 'withdrawing without a reason');
          const shown = await alerts(page);
          assert.ok(shown.length > 0, 'an alert says the form was not accepted');
          // The message sits at the reason field of this consent's row, tied to it for a screen reader.
          const reason = page
            .locator('main table.consents tbody tr')
            .filter({ hasText: SAVE_STEP })
            .getByLabel('Hoe is de toestemming ingetrokken?');
          assert.equal(await reason.getAttribute('aria-invalid'), 'true', 'the reason field is marked invalid');
          const describedBy = await reason.getAttribute('aria-describedby');
          const message = squash(await page.locator(`[id="${describedBy}"]`).innerText());
          assert.ok(message.length > 0, 'the reason field has its own message');
          const rows = await consentRows(page);
          assert.ok(rows[0]?.[7].startsWith('Geldig'), `the consent is still in force: ${JSON.stringify(rows)}`);
          await expectNoAxeViolations(page);
        });

        await step('Sanne withdraws the consent with a reason', async () => {
          const row = page.locator('main table.consents tbody tr').filter({ hasText: SAVE_STEP });
          await row.getByLabel('Hoe is de toestemming ingetrokken?').fill(`${PARENT.name} belde: ze wil SAVE er niet meer bij.`);
          const response = await submitAndWait(page, row.getByRole('button', { name: 'Intrekken' }));
          await expectStatus(page, response, 200, 'withdrawing with a reason');
          await expectPath(page, consentPath(), 'after "Intrekken"');

          const rows = await consentRows(page);
          assert.equal(rows.length, 1, `the withdrawn consent stays listed; rows: ${JSON.stringify(rows)}`);
          assert.equal(rows[0][7], 'Ingetrokken', 'the consent is withdrawn (and has no withdraw form)');
          const open = (await page.locator('#ontbreekt li').allInnerTexts()).map(squash);
          assert.ok(
            open.some((text) => text.includes(SAVE_STEP) && text.includes(SAVE_ORGANISATION) && text.includes(thomas.name)),
            `"Nog te vragen" must list ${SAVE_STEP} for ${SAVE_ORGANISATION} (${thomas.name}); it lists ${JSON.stringify(open)}`,
          );
          await expectNoAxeViolations(page);
        });

        await step('Thomas reloads the family page and gets the 403 page saying why and whom to ask', async () => {
          await expectPath(thomasPage, familyPath, 'Thomas before the reload');
          const response = await thomasPage.reload({ waitUntil: 'load' });
          await expectPath(thomasPage, familyPath, 'Thomas after the reload');
          const text = await expectWhyPage(thomasPage, response, 'Thomas: reload after the withdrawal');
          // The page names the consent step for SAVE's kind of organisation: the
          // step SAVE joined under, and the one the regisseur's page lists as still to ask.
          assert.equal(
            await whyDetail(thomasPage, 'Nodige stap:'),
            SAVE_STEP,
            `the 403 page must name "${SAVE_STEP}" under "Nodige stap:"; page text: ${text.slice(0, 800)}`,
          );
          assert.equal(
            await whyDetail(thomasPage, 'Gegevens:'),
            'Gezinssamenstelling, adres en betrokkenen',
            'the family page needs the category identity',
          );
          assert.ok(
            text.includes(sanne.name) && text.includes(sanne.email),
            `the 403 page must name the regisseur ${sanne.name} <${sanne.email}> to ask; page text: ${text.slice(0, 800)}`,
          );
          await expectNoAxeViolations(thomasPage);
        });
      } finally {
        await thomasContext.close().catch(() => {});
        await sanneContext.close().catch(() => {});
      }
    },
  );
});
