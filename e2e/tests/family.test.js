// A local-team professional opens a family file and works it up to an agreed
// plan: search page → new file → family page (add a parent with gezag) →
// consent page (record the family's consent to SAVE guidance) → family page
// (add a partner from SAVE) → plan (save version 1, record the
// family's agreement) → print page → timeline.
//
// One server for the file and one browser context for the whole walk; the
// steps are subtests that share the page, and a failed step skips the rest.
// axe-core runs on every page the walk visits.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { expectNoAxeViolations } from '../lib/browser.js';
import { consentRows, fillConsent } from '../lib/consent.js';
import {
  accountByEmail,
  exactUrl,
  expectPath,
  expectStatus,
  h1Text,
  mainText,
  pathOf,
  serverAndBrowser,
  signIn,
  squash,
  submitAndWait,
  todayInAmsterdam,
} from '../lib/flow.js';

const WALK_TIMEOUT_MS = 240_000;
const STEP_TIMEOUT_MS = 60_000;

const SANNE = 'sanne.devries@lokalis.example';
const THOMAS = 'thomas.vandijk@save.example';

const FAMILY = {
  label: 'Gezin Jansen',
  street: 'Zamenhofdreef',
  house_number: '12',
  postcode: '3562 JW',
  city: 'Utrecht',
  child_name: 'Jip Zwanenburg',
  child_birth: '2016-04-02',
};
const PARENT = { name: 'Kim Jansen', birth: '1988-09-17' };
const SAVE_ORGANISATION = 'SAVE Jeugdbescherming';

const PLAN = {
  worries: ['Kim heeft schulden en de post blijft ongeopend.', 'Sam komt vaak te laat op school.'],
  working_well: ['Oma haalt Sam twee keer per week van school.'],
  needs_to_happen: ['Kim meldt zich aan bij de schuldhulpverlening.'],
};
/** The first safety scale: one row of the plan form, who (chosen from the family) and the score. */
const SCALE = { who: 'Kim Jansen', score: '4' };

describe('a family file from opening to an agreed plan', () => {
  const env = serverAndBrowser();

  test(
    'Sanne opens a file, adds a parent, records consent, adds a partner, saves and agrees a plan, prints it and reads the timeline',
    { timeout: WALK_TIMEOUT_MS },
    async (t) => {
      const { server } = env;
      const sanne = accountByEmail(server, SANNE);
      const thomas = accountByEmail(server, THOMAS);

      const context = await env.browser.newContext();
      let failed = null;
      /** A subtest on the shared page; skipped once an earlier step failed. */
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
        const page = await context.newPage();
        let familyPath = null;

        await step('Sanne signs in', async () => {
          await signIn(page, server, sanne, { axe: true });
          await expectNoAxeViolations(page);
        });

        await step('the header link "Gezinnen" leads to the search page', async () => {
          await page.getByRole('navigation').getByRole('link', { name: 'Gezinnen', exact: true }).click();
          await page.waitForURL(exactUrl(server, '/gezinnen'), { waitUntil: 'load' });
          assert.equal(await h1Text(page), 'Gezinnen', 'the search page <h1>');
          await expectNoAxeViolations(page);
        });

        await step('a new file "Gezin Jansen" is opened and lands on its family page', async () => {
          await page.getByRole('link', { name: 'Nieuw dossier openen' }).click();
          await page.waitForURL(exactUrl(server, '/gezinnen/nieuw'), { waitUntil: 'load' });
          await expectNoAxeViolations(page);

          for (const [id, value] of Object.entries(FAMILY)) {
            await page.locator(`#${id}`).fill(value);
          }
          await submitAndWait(page, page.getByRole('button', { name: 'Dossier openen' }));
          const path = pathOf(page);
          const m = /^\/gezinnen\/([^/?#]+)$/.exec(path);
          if (!m || m[1] === 'nieuw') {
            await expectPath(page, '/gezinnen/<id>', 'after "Dossier openen"');
          }
          familyPath = path;

          assert.equal(await h1Text(page), FAMILY.label, 'the family page <h1> is the file name');
          const heart = squash(await page.locator('.flower__heart').innerText());
          assert.ok(
            heart.includes(sanne.name),
            `Sanne (local team) opened the file, so she must be the regisseur at the heart of the flower: "${heart}"`,
          );
          await expectNoAxeViolations(page);
        });

        await step('a parent "Kim Jansen" with gezag is added on "Gezin en netwerk"', async () => {
          // The overview's shortcut opens the form on its sub-page.
          await page.getByRole('navigation', { name: 'Direct naar' }).getByRole('link', { name: 'Gezinslid toevoegen' }).click();
          await page.waitForURL(exactUrl(server, `${familyPath}/gezin?nieuw=lid#lid`), { waitUntil: 'load' });
          const form = page.locator('form[action$="/leden"]');
          await form.locator('#kind').selectOption({ label: 'Ouder/opvoeder' });
          await form.locator('#name').fill(PARENT.name);
          await form.locator('#date_of_birth').fill(PARENT.birth);
          await form.getByRole('checkbox', { name: 'Heeft gezag' }).check();
          await submitAndWait(page, form.getByRole('button', { name: 'Gezinslid toevoegen' }));
          await expectPath(page, `${familyPath}/gezin`, 'after "Gezinslid toevoegen"');

          // e.g. "Kim Jansen — ouder/opvoeder, 38 jaar, heeft gezag"
          const items = (await page.locator('main li').allInnerTexts()).map(squash);
          assert.ok(
            items.some((text) => text.includes(PARENT.name) && /ouder/i.test(text) && /heeft gezag/i.test(text)),
            `${PARENT.name} must be listed as parent with gezag on the family page; ` +
              `list items: ${JSON.stringify(items)}`,
          );
          await expectNoAxeViolations(page);
        });

        await step('Kim consents to SAVE guidance for Jip on the page "Toestemming en kader"', async () => {
          await page.getByRole('main').getByRole('link', { name: 'Toestemming en kader', exact: true }).click();
          await page.waitForURL(exactUrl(server, `${familyPath}/toestemming`), { waitUntil: 'load' });
          assert.match(await h1Text(page), /^Toestemming en kader/, 'the consent page <h1>');
          await expectNoAxeViolations(page);

          await fillConsent(page, {
            step: 'save_guidance',
            organisation: SAVE_ORGANISATION,
            purpose: 'SAVE denkt mee over de veiligheid thuis.',
            categories: ['identity', 'network', 'plan'],
            children: [FAMILY.child_name],
            givenBy: [PARENT.name],
            givenOn: todayInAmsterdam(),
          });
          const response = await submitAndWait(page, page.getByRole('button', { name: 'Toestemming vastleggen' }));
          await expectStatus(page, response, 200, 'after "Toestemming vastleggen"');
          await expectPath(page, `${familyPath}/toestemming`, 'after "Toestemming vastleggen"');

          const rows = await consentRows(page);
          assert.ok(
            rows.some(
              (cells) =>
                cells[0] === 'Start SAVE-begeleiding' &&
                cells[1] === SAVE_ORGANISATION &&
                cells[5].startsWith(PARENT.name) &&
                cells[7].startsWith('Geldig'),
            ),
            `the consent table must list SAVE guidance for ${SAVE_ORGANISATION}, given by ${PARENT.name}, in force; ` +
              `rows: ${JSON.stringify(rows)}`,
          );
          await expectNoAxeViolations(page);

          await page.getByRole('main').getByRole('link', { name: FAMILY.label, exact: true }).click();
          await page.waitForURL(exactUrl(server, familyPath), { waitUntil: 'load' });
          assert.equal(await h1Text(page), FAMILY.label, 'the link with the file name leads back to the family page');
        });

        await step('Thomas van Dijk is added as partner (Veiligheid) and appears as a petal', async () => {
          await page.getByRole('navigation', { name: 'Direct naar' }).getByRole('link', { name: 'Betrokkene toevoegen' }).click();
          await page.waitForURL(exactUrl(server, `${familyPath}/betrokkenen?nieuw=betrokkene#betrokkene`), { waitUntil: 'load' });
          const form = page.locator('form[action$="/betrokkenen"]');
          const options = (await form.locator('#user_id option').allInnerTexts()).map(squash);
          const thomasOption = options.find((label) => label.startsWith(thomas.name));
          assert.ok(
            thomasOption,
            `the professional select must offer ${thomas.name}; options: ${JSON.stringify(options)}`,
          );
          await form.locator('#user_id').selectOption({ label: thomasOption });
          await form.locator('#role').selectOption({ label: 'Partner' });
          await form.locator('#expertise').selectOption({ label: 'Veiligheid' });
          await form.locator('#reason').fill('Zorgen over de veiligheid thuis; SAVE denkt mee.');
          const response = await submitAndWait(page, form.getByRole('button', { name: 'Betrokkene toevoegen' }));
          await expectStatus(page, response, 200, 'after "Betrokkene toevoegen"');
          await expectPath(page, `${familyPath}/betrokkenen`, 'after "Betrokkene toevoegen"');

          const petals = (await page.locator('.flower__petal').allInnerTexts()).map(squash);
          assert.ok(
            petals.some((text) => text.includes(thomas.name) && text.includes('Veiligheid')),
            `${thomas.name} must appear as a petal of the flower, with expertise Veiligheid; ` +
              `petals: ${JSON.stringify(petals)}`,
          );
          await expectNoAxeViolations(page);
        });

        await step('the plan is filled in and saved as version 1', async () => {
          await page.getByRole('main').getByRole('link', { name: 'Plan', exact: true }).click();
          await page.waitForURL(exactUrl(server, `${familyPath}/plan`), { waitUntil: 'load' });
          assert.match(await h1Text(page), /^Plan — Versie \d+$/, 'the plan page <h1>');
          await expectNoAxeViolations(page);

          // Each line is a row of its part; a part gets a row more with "Regel toevoegen".
          for (const [part, lines] of Object.entries(PLAN)) {
            for (const [i, line] of lines.entries()) {
              if ((await page.locator(`#${part}-${i + 1}`).count()) === 0) {
                await page.locator(`#part-${part}`).getByRole('button', { name: /^Regel toevoegen/ }).click();
                await page.locator(`#${part}-${i + 1}`).waitFor();
              }
              await page.locator(`#${part}-${i + 1}`).fill(line);
            }
          }
          await page.getByRole('group', { name: 'Schaalvraag 1' }).getByLabel('Wie', { exact: true }).selectOption({ label: SCALE.who });
          await page.getByRole('group', { name: 'Schaalvraag 1' }).getByLabel('Cijfer').fill(SCALE.score);
          await submitAndWait(page, page.getByRole('button', { name: 'Plan opslaan' }));
          await expectPath(page, `${familyPath}/plan`, 'after "Plan opslaan"');
          assert.equal(await h1Text(page), 'Plan — Versie 1', 'the saved plan is version 1');
          for (const [i, line] of PLAN.worries.entries()) {
            const worry = await page.locator(`#worries-${i + 1}`).inputValue();
            assert.equal(worry, line, `the saved worry ${i + 1}`);
          }
          await expectNoAxeViolations(page);
        });

        await step('Kim Jansen agrees to the plan', async () => {
          const form = page.locator('form[action$="/plan/akkoord"]');
          await form.getByRole('checkbox', { name: PARENT.name }).check();
          await submitAndWait(page, form.getByRole('button', { name: 'Akkoord vastleggen' }));
          await expectPath(page, `${familyPath}/plan`, 'after "Akkoord vastleggen"');
          const text = await mainText(page);
          assert.ok(
            text.includes(`Akkoord gegeven door: ${PARENT.name}`),
            `the plan page must say "Akkoord gegeven door: ${PARENT.name}"; page text: ${text.slice(0, 800)}`,
          );
          await expectNoAxeViolations(page);
        });

        await step('the print page shows the worries', async () => {
          await page.getByRole('link', { name: 'Afdrukken' }).click();
          await page.waitForURL(exactUrl(server, `${familyPath}/plan/afdrukken`), { waitUntil: 'load' });
          const text = await mainText(page);
          for (const line of PLAN.worries) {
            assert.ok(
              text.includes(line),
              `the print page must show the worry "${line}"; page text: ${text.slice(0, 800)}`,
            );
          }
          await expectNoAxeViolations(page);
        });

        await step('the timeline tells that Thomas was added as partner', async () => {
          const response = await page.goto(`${server.baseUrl}${familyPath}`, { waitUntil: 'load' });
          assert.equal(response?.status(), 200, `GET ${familyPath} answered ${response?.status()}`);
          await page.getByRole('main').getByRole('link', { name: 'Tijdlijn', exact: true }).click();
          await page.waitForURL(exactUrl(server, `${familyPath}/tijdlijn`), { waitUntil: 'load' });
          assert.equal(await h1Text(page), 'Tijdlijn', 'the timeline <h1>');

          const lines = (await page.locator('main ol > li').allInnerTexts()).map(squash);
          const expected = [
            `${FAMILY.child_name} toegevoegd als kind`,
            `${thomas.name} (SAVE Jeugdbescherming) toegevoegd als partner, expertise veiligheid`,
            'sloeg het plan op (versie 1)',
          ];
          for (const sentence of expected) {
            assert.ok(
              lines.some((line) => line.includes(sentence)),
              `the timeline must contain "${sentence}"; it has: ${JSON.stringify(lines, null, 2)}`,
            );
          }
          await expectNoAxeViolations(page);
        });
      } finally {
        await context.close().catch(() => {});
      }
    },
  );
});
