// A Veilig Thuis report from intake to the EVU: a report about a
// child of a family in an EVU neighbourhood is assessed "Inbrengen in het
// EVU", and the EVU coordinator staffs it with a combination of professionals
// from different organisations in one go.
//
//   Sanne (local team) opens a new file for a family in De Gagel (an EVU
//   neighbourhood) → Ayşe (Veilig Thuis Utrecht, own browser context) records
//   a police report about the same child; the contact page's "Radar" names
//   Sanne's file → Ayşe assesses it "Inbrengen in het EVU" → Karin (EVU
//   coordinator, own browser context) finds the new referral on her start
//   page and on /evu, opens it ("Nieuw: nog te bemensen", source Veilig
//   Thuis) → assigning Sanne alone is refused (422, "Kies minstens twee
//   professionals uit minstens twee organisaties." at the field, nothing
//   assigned) → assigning Sanne and Ayşe works ("Combinatie toegewezen") →
//   Sanne sees the referral and the combination on the family's EVU page,
//   and Ayşe among those involved on the family page.
//
// One server for the file; three browser contexts (Sanne, Ayşe, Karin) shared
// by the steps, which are subtests: a failed step skips the rest. The family
// and child names carry a random suffix so none of the demo's 300 families
// match. axe-core runs on every page the walk visits, including the 422 page.

import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { describe, test } from 'node:test';

import { expectNoAxeViolations } from '../lib/browser.js';
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
const AYSE = 'ayse.yilmaz@vtu.example';
const KARIN = 'karin.brouwer@lokalis.example';
/** How the EVU's combination form labels the two professionals: "Name (Organisation)". */
const SANNE_LABEL = 'Sanne de Vries (Lokalis (buurtteams Jeugd & Gezin))';
const AYSE_LABEL = 'Ayşe Yılmaz (Veilig Thuis Utrecht)';

const EVU_AREA = 'De Gagel (Utrecht)';
const TWO_ORGANISATIONS = 'Kies minstens twee professionals uit minstens twee organisaties.';
const STATE_NEW = 'Nieuw: nog te bemensen';
const STATE_ASSIGNED = 'Combinatie toegewezen';
const SOURCE_VT = 'Veilig Thuis (Veilig Thuis Utrecht)';

const TODAY = todayInAmsterdam();
/** Seven or eight years old today. */
const CHILD_BIRTH = `${Number(TODAY.slice(0, 4)) - 8}-04-09`;

/** Six random letters, capitalised: no demo family is called this. */
const SUFFIX = (() => {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const s = Array.from({ length: 6 }, () => letters[randomInt(letters.length)]).join('');
  return s[0].toUpperCase() + s.slice(1);
})();

const FAMILY = {
  label: `Gezin Verhoef-${SUFFIX}`,
  street: 'Gagelsteede',
  house_number: '41',
  postcode: '3562 JW',
  city: 'Utrecht',
  child_name: `Mila Verhoef-${SUFFIX}`,
  child_birth: CHILD_BIRTH,
};
const CONCERN = 'Politie na huiselijk geweld; kinderen waren thuis';

/** Text of the field error for `id` (rendered as #<id>-error), or '' if there is none. */
async function fieldError(page, id) {
  const error = page.locator(`#${id}-error`);
  return (await error.count()) > 0 ? squash(await error.innerText()) : '';
}

/** The <dd> after the <dt> `term` in <main>, squashed, or '' if absent. */
async function detail(page, term) {
  const dd = page.locator('main dl dt').filter({ hasText: term }).locator('xpath=following-sibling::dd[1]');
  return (await dd.count()) > 0 ? squash(await dd.first().innerText()) : '';
}

/**
 * The part of <main> under the <h2> whose text starts with `heading`, up to
 * the next <h2>: `{ text, links: [{ text, href }] }`, or null without such a heading.
 */
async function sectionUnder(page, heading) {
  return page.evaluate((prefix) => {
    const squashText = (t) => t.replace(/\s+/g, ' ').trim();
    const h2 = [...document.querySelectorAll('main h2')].find((h) => squashText(h.innerText).startsWith(prefix));
    if (!h2) return null;
    const texts = [];
    const links = [];
    for (let el = h2.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling) {
      texts.push(el.innerText);
      const anchors = el.tagName === 'A' ? [el] : [...el.querySelectorAll('a')];
      for (const a of anchors) links.push({ text: squashText(a.innerText), href: a.getAttribute('href') });
    }
    return { text: squashText(texts.join(' ')), links };
  }, heading);
}

/** The h2 texts of <main>, for failure messages. */
async function headings(page) {
  return (await page.locator('main h2').allInnerTexts()).map(squash);
}

/** The EVU referral's form "Combinatie toewijzen" (the one with the user_ids checkboxes). */
function combinationForm(page) {
  return page.locator('main form').filter({ has: page.locator('input[name="user_ids"]') });
}

/**
 * Checks exactly the user_ids checkboxes whose label is one of `labels`
 * (unchecks the rest) and returns all labels offered.
 */
async function tickProfessionals(page, labels) {
  const form = combinationForm(page);
  assert.equal(await form.count(), 1, 'the referral page must have one form with user_ids checkboxes');
  const boxes = form.locator('input[type="checkbox"][name="user_ids"]');
  const offered = [];
  for (let i = 0; i < (await boxes.count()); i += 1) {
    const box = boxes.nth(i);
    const id = await box.getAttribute('id');
    const label = squash(await form.locator(`label[for="${id}"]`).innerText());
    offered.push(label);
    await box.setChecked(labels.includes(label));
  }
  for (const label of labels) {
    assert.ok(offered.includes(label), `"Combinatie toewijzen" must offer "${label}"; it offers ${JSON.stringify(offered)}`);
  }
  return offered;
}

describe('a Veilig Thuis report brought into the EVU and staffed with a combination', () => {
  const env = serverAndBrowser();

  test(
    'Ayşe (Veilig Thuis) brings a report into the EVU; Karin assigns Sanne and Ayşe, who then show on the family file',
    { timeout: WALK_TIMEOUT_MS },
    async (t) => {
      const { server } = env;
      const sanne = accountByEmail(server, SANNE);
      const ayse = accountByEmail(server, AYSE);
      const karin = accountByEmail(server, KARIN);

      const sanneContext = await env.browser.newContext();
      const ayseContext = await env.browser.newContext();
      const karinContext = await env.browser.newContext();
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
        const sannePage = await sanneContext.newPage();
        const aysePage = await ayseContext.newPage();
        const karinPage = await karinContext.newPage();
        let familyPath = null;
        let referralPath = null;

        await step('Sanne signs in', async () => {
          await signIn(sannePage, server, sanne, { axe: true });
          await expectNoAxeViolations(sannePage);
        });

        await step(`Sanne opens a new file "${FAMILY.label}" in ${EVU_AREA}`, async () => {
          const page = sannePage;
          const response = await page.goto(`${server.baseUrl}/gezinnen/nieuw`, { waitUntil: 'load' });
          await expectStatus(page, response, 200, 'GET /gezinnen/nieuw');
          await expectNoAxeViolations(page);

          for (const [name, value] of Object.entries(FAMILY)) {
            await page.locator(`main form [name="${name}"]`).fill(value);
          }
          await page.locator('main form select[name="area_id"]').selectOption({ label: EVU_AREA });
          let opened = await submitAndWait(page, page.getByRole('button', { name: 'Dossier openen' }));

          // A possible-duplicates step may come first: confirm it is a new family.
          const confirm = page.locator('main form input[name="confirm"]');
          if ((await confirm.count()) > 0) {
            await expectNoAxeViolations(page);
            await confirm.first().check();
            const form = page.locator('main form').filter({ has: page.locator('input[name="confirm"]') });
            opened = await submitAndWait(page, form.locator('button[type="submit"]').first());
          }
          await expectStatus(page, opened, 200, 'opening the file');
          const path = new URL(page.url()).pathname;
          const m = /^\/gezinnen\/([^/?#]+)$/.exec(path);
          if (!m || m[1] === 'nieuw') await expectPath(page, '/gezinnen/<id>', 'after "Dossier openen"');
          familyPath = path;
          assert.equal(await h1Text(page), FAMILY.label, 'the family page <h1> is the file name');
          await expectNoAxeViolations(page);
        });

        await step('Ayşe (Veilig Thuis) signs in and records a police report about the child', async () => {
          const page = aysePage;
          await signIn(page, server, ayse, { axe: true });
          await expectNoAxeViolations(page);

          await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Veilig Thuis', exact: true }).click();
          await page.waitForURL(exactUrl(server, '/veilig-thuis'), { waitUntil: 'load' });
          await expectNoAxeViolations(page);

          const form = page.locator('main form').filter({ has: page.locator('textarea[name="concern"]') });
          assert.equal(await form.count(), 1, '/veilig-thuis must have one intake form (with the concern textarea)');
          await form.locator('select[name="kind"]').selectOption('report');
          await form.locator('select[name="reporter"]').selectOption('police');
          await form.locator('input[name="child_name"]').fill(FAMILY.child_name);
          await form.locator('input[name="child_birth"]').fill(FAMILY.child_birth);
          await form.locator('textarea[name="concern"]').fill(CONCERN);
          const response = await submitAndWait(page, form.locator('button[type="submit"].utrecht-button--primary-action'));
          await expectStatus(page, response, 200, 'recording the report');
          const path = pathOf(page);
          if (!/^\/veilig-thuis\/[^/?#]+$/.test(path)) {
            await expectPath(page, '/veilig-thuis/<contact id>', 'after recording the report');
          }
          const text = await mainText(page);
          assert.ok(text.includes(FAMILY.child_name), `the contact page must name the child; page text: ${text.slice(0, 800)}`);

          const radar = await sectionUnder(page, 'Radar');
          assert.ok(radar, `the contact page must have a "Radar" section; its headings: ${JSON.stringify(await headings(page))}`);
          assert.ok(
            radar.text.includes(FAMILY.label),
            `the Radar must name the linked file "${FAMILY.label}"; it says: "${radar.text}"`,
          );
          await expectNoAxeViolations(page);
        });

        await step('Ayşe assesses the report: "Inbrengen in het EVU"', async () => {
          const page = aysePage;
          const outcome = page.locator('main select[name="outcome"]');
          assert.equal(await outcome.count(), 1, 'the contact page must have one select "outcome"');
          const label = squash(await outcome.locator('option[value="bring_into_evu"]').innerText());
          assert.equal(label, 'Inbrengen in het EVU', 'the outcome bring_into_evu is labelled');
          await outcome.selectOption('bring_into_evu');
          const form = page.locator('main form').filter({ has: page.locator('select[name="outcome"]') });
          await form.locator('textarea[name="findings"]').fill('Gesprekken met moeder, school en de wijkagent.');
          await form.locator('textarea[name="reasoning"]').fill('Meerdere partners nodig; het EVU stelt een combinatie samen.');
          const response = await submitAndWait(page, form.locator('button[type="submit"].utrecht-button--primary-action'));
          await expectStatus(page, response, 200, 'the assessment');
          await expectPath(page, '/veilig-thuis', 'after the assessment');
          await expectNoAxeViolations(page);
        });

        await step('Karin (EVU coordinator) finds the new referral on her start page and on /evu', async () => {
          const page = karinPage;
          await signIn(page, server, karin, { axe: true });
          await expectNoAxeViolations(page);

          const fresh = await sectionUnder(page, 'EVU: nieuwe aanmeldingen om te bemensen');
          assert.ok(
            fresh,
            `Karin's start page must have "EVU: nieuwe aanmeldingen om te bemensen"; its headings: ${JSON.stringify(await headings(page))}`,
          );
          const link = fresh.links.find((l) => l.text === FAMILY.label);
          assert.ok(link, `the start page must list "${FAMILY.label}" as a link; it lists ${JSON.stringify(fresh.links)}`);
          assert.match(link.href, /^\/evu\/[^/?#]+$/, 'the start page links the referral at /evu/{id}');
          referralPath = link.href;

          await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'EVU', exact: true }).click();
          await page.waitForURL(exactUrl(server, '/evu'), { waitUntil: 'load' });
          const rows = page.locator('main table.evu-new tbody tr');
          const rowTexts = (await rows.allInnerTexts()).map(squash);
          const row = rows.filter({ hasText: FAMILY.label });
          assert.equal(await row.count(), 1, `table.evu-new must list "${FAMILY.label}" once; rows: ${JSON.stringify(rowTexts)}`);
          assert.equal(
            await row.getByRole('link', { name: FAMILY.label, exact: true }).getAttribute('href'),
            referralPath,
            'the /evu table links the same referral as the start page',
          );
          await expectNoAxeViolations(page);
        });

        await step(`Karin opens the referral: "${STATE_NEW}", from Veilig Thuis`, async () => {
          const page = karinPage;
          await page.locator('main table.evu-new').getByRole('link', { name: FAMILY.label, exact: true }).click();
          await page.waitForURL(exactUrl(server, referralPath), { waitUntil: 'load' });
          assert.equal(await h1Text(page), FAMILY.label, 'the referral page <h1> is the file name');
          assert.equal(squash(await page.locator('main dd.evu-state').innerText()), STATE_NEW, 'dd.evu-state');
          const text = await mainText(page);
          assert.ok(text.includes(SOURCE_VT), `the referral must name its source "${SOURCE_VT}"; page text: ${text.slice(0, 800)}`);
          assert.equal(await detail(page, 'Aangemeld door'), SOURCE_VT, '"Aangemeld door"');

          const offered = await tickProfessionals(page, []);
          for (const label of [SANNE_LABEL, AYSE_LABEL]) {
            assert.ok(offered.includes(label), `the form must offer "${label}"; it offers ${JSON.stringify(offered)}`);
          }
          assert.equal(
            await combinationForm(page).getByRole('button', { name: 'Combinatie toewijzen' }).count(),
            1,
            'the form has a button "Combinatie toewijzen"',
          );
          await expectNoAxeViolations(page);
        });

        await step('assigning Sanne alone is refused at the field; nothing is assigned', async () => {
          const page = karinPage;
          await tickProfessionals(page, [SANNE_LABEL]);
          const response = await submitAndWait(
            page,
            combinationForm(page).getByRole('button', { name: 'Combinatie toewijzen' }),
          );
          await expectStatus(page, response, 422, 'assigning one professional');
          assert.equal(await h1Text(page), FAMILY.label, 'the referral page comes back with the error');
          assert.equal(await fieldError(page, 'user_ids'), TWO_ORGANISATIONS, 'the error at the professionals field (#user_ids-error)');
          const fieldset = combinationForm(page).locator('fieldset').filter({ has: page.locator('#user_ids-error') });
          assert.equal(await fieldset.count(), 1, 'the error sits in the fieldset with the user_ids checkboxes');
          assert.ok(
            (await fieldset.locator('input[name="user_ids"]').count()) > 0,
            'the fieldset with the error holds the user_ids checkboxes',
          );
          assert.equal(squash(await page.locator('main dd.evu-state').innerText()), STATE_NEW, 'the referral is still new');
          assert.equal(await page.locator('main dd.evu-workers').count(), 0, 'no combination is shown');
          await expectNoAxeViolations(page);
        });

        await step('assigning Sanne and Ayşe works: "Combinatie toegewezen"', async () => {
          const page = karinPage;
          await tickProfessionals(page, [SANNE_LABEL, AYSE_LABEL]);
          const response = await submitAndWait(
            page,
            combinationForm(page).getByRole('button', { name: 'Combinatie toewijzen' }),
          );
          await expectStatus(page, response, 200, 'assigning Sanne and Ayşe');
          await expectPath(page, referralPath, 'after "Combinatie toewijzen"');
          assert.equal(squash(await page.locator('main dd.evu-state').innerText()), STATE_ASSIGNED, 'dd.evu-state');
          const workers = squash(await page.locator('main dd.evu-workers').innerText());
          for (const name of [sanne.name, ayse.name]) {
            assert.ok(workers.includes(name), `dd.evu-workers must name ${name}: "${workers}"`);
          }
          await expectNoAxeViolations(page);
        });

        await step('Sanne sees the combination on the family\'s EVU page and Ayşe on the family page', async () => {
          const page = sannePage;
          const evu = await page.goto(`${server.baseUrl}${familyPath}/evu`, { waitUntil: 'load' });
          await expectStatus(page, evu, 200, `GET ${familyPath}/evu`);
          const text = await mainText(page);
          assert.ok(text.includes(STATE_ASSIGNED), `the family's EVU page must say "${STATE_ASSIGNED}"; page text: ${text.slice(0, 800)}`);
          for (const name of [sanne.name, ayse.name]) {
            assert.ok(text.includes(name), `the family's EVU page must name ${name}; page text: ${text.slice(0, 800)}`);
          }
          await expectNoAxeViolations(page);

          const family = await page.goto(`${server.baseUrl}${familyPath}`, { waitUntil: 'load' });
          await expectStatus(page, family, 200, `GET ${familyPath}`);
          assert.equal(await h1Text(page), FAMILY.label, 'the family page <h1>');
          const petals = (await page.locator('main .flower__petal').allInnerTexts()).map(squash);
          assert.ok(
            petals.some((p) => p.includes(ayse.name)),
            `Ayşe must be among those involved (a petal of the flower); petals: ${JSON.stringify(petals)}`,
          );
          await expectNoAxeViolations(page);
        });
      } finally {
        await karinContext.close().catch(() => {});
        await ayseContext.close().catch(() => {});
        await sanneContext.close().catch(() => {});
      }
    },
  );
});
