// What travels between partners (issue 15 §1): Veilig Thuis hands a report over
// to the local team and the regisseur hears of it.
//
//   Sanne (local team) opens a new file → Ayşe (Veilig Thuis Utrecht, own
//   browser context) records a report about the same child (the radar links
//   Sanne's file) and assesses it "Overdragen aan lokaal team of bestaande
//   hulp" with a follow-up date → Sanne's start page shows the hand-over with
//   that date, and the bell in the header counts one more unread message →
//   /berichten lists it under the file's label → "Openen" lands in the file,
//   whose overview shows the hand-over → the bell counts one fewer → "Gezien"
//   removes the item from the overview and from the start page.
//
// One server; two browser contexts shared by the steps, which are subtests: a
// failed step skips the rest. axe-core runs on every page the walk visits.

import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { describe, test } from 'node:test';

import { expectNoAxeViolations } from '../lib/browser.js';
import {
  accountByEmail,
  dutchDate,
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

const TODAY = todayInAmsterdam();
const CHILD_BIRTH = `${Number(TODAY.slice(0, 4)) - 8}-04-09`;
/** Three weeks from today: when Veilig Thuis checks back. */
const FOLLOW_UP = (() => {
  const d = new Date(`${TODAY}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 21);
  return d.toISOString().slice(0, 10);
})();

const SUFFIX = (() => {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const s = Array.from({ length: 6 }, () => letters[randomInt(letters.length)]).join('');
  return s[0].toUpperCase() + s.slice(1);
})();

const FAMILY = {
  label: `Gezin Bakker-${SUFFIX}`,
  street: 'Gagelsteede',
  house_number: '43',
  postcode: '3562 JW',
  city: 'Utrecht',
  child_name: `Noor Bakker-${SUFFIX}`,
  child_birth: CHILD_BIRTH,
};
const HANDED_OVER = 'Veilig Thuis draagt een gezin over';

/** The bell in the header: its accessible name and the unread number in it (0 without one). */
async function bell(page) {
  const link = page.locator('header a.bell');
  assert.equal(await link.count(), 1, 'the header must have one bell link');
  assert.equal(await link.getAttribute('href'), '/berichten', 'the bell leads to /berichten');
  const name = await link.getAttribute('aria-label');
  const m = /^Berichten(?:, (\d+) ongelezen)?$/.exec(name ?? '');
  assert.ok(m, `the bell's accessible name must be "Berichten" or "Berichten, N ongelezen"; it is "${name}"`);
  return Number(m[1] ?? 0);
}

/** The hand-over block (".vt-handover") in <main> naming `text`, as a locator. */
function handover(page, text) {
  return page.locator('main .vt-handover').filter({ hasText: text });
}

describe('a Veilig Thuis hand-over reaches the regisseur', () => {
  const env = serverAndBrowser();

  test(
    'Ayşe hands a report over; Sanne sees it on her start page and under the bell, opens it and acknowledges it',
    { timeout: WALK_TIMEOUT_MS },
    async (t) => {
      const { server } = env;
      const sanne = accountByEmail(server, SANNE);
      const ayse = accountByEmail(server, AYSE);
      const sanneContext = await env.browser.newContext();
      const ayseContext = await env.browser.newContext();
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
        const sannePage = await sanneContext.newPage();
        const aysePage = await ayseContext.newPage();
        let familyPath = null;
        let unreadBefore = 0;
        let unreadWith = 0;

        await step('Sanne signs in and opens a new file', async () => {
          const page = sannePage;
          await signIn(page, server, sanne, { axe: true });
          unreadBefore = await bell(page);
          const response = await page.goto(`${server.baseUrl}/gezinnen/nieuw`, { waitUntil: 'load' });
          await expectStatus(page, response, 200, 'GET /gezinnen/nieuw');
          for (const [name, value] of Object.entries(FAMILY)) {
            await page.locator(`main form [name="${name}"]`).fill(value);
          }
          await page.locator('main form select[name="area_id"]').selectOption({ label: 'De Gagel (Utrecht)' });
          let opened = await submitAndWait(page, page.getByRole('button', { name: 'Dossier openen' }));
          const confirm = page.locator('main form input[name="confirm"]');
          if ((await confirm.count()) > 0) {
            await confirm.first().check();
            const form = page.locator('main form').filter({ has: page.locator('input[name="confirm"]') });
            opened = await submitAndWait(page, form.locator('button[type="submit"]').first());
          }
          await expectStatus(page, opened, 200, 'opening the file');
          familyPath = new URL(page.url()).pathname;
          assert.match(familyPath, /^\/gezinnen\/[^/?#]+$/, 'the new file opens at /gezinnen/{id}');
          assert.equal(await h1Text(page), FAMILY.label);
          await expectNoAxeViolations(page);
        });

        await step('Ayşe (Veilig Thuis) records a report and hands it to the local team', async () => {
          const page = aysePage;
          await signIn(page, server, ayse, { axe: true });
          await page.goto(`${server.baseUrl}/veilig-thuis`, { waitUntil: 'load' });
          const form = page.locator('main form').filter({ has: page.locator('textarea[name="concern"]') });
          await form.locator('select[name="kind"]').selectOption('report');
          await form.locator('select[name="reporter"]').selectOption('school');
          await form.locator('input[name="child_name"]').fill(FAMILY.child_name);
          await form.locator('input[name="child_birth"]').fill(FAMILY.child_birth);
          await form.locator('textarea[name="concern"]').fill('School ziet blauwe plekken');
          const recorded = await submitAndWait(page, form.locator('button[type="submit"].utrecht-button--primary-action'));
          await expectStatus(page, recorded, 200, 'recording the report');
          assert.match(pathOf(page), /^\/veilig-thuis\/[^/?#]+$/, 'the contact page opens');
          await expectNoAxeViolations(page);

          const assess = page.locator('main form').filter({ has: page.locator('select[name="outcome"]') });
          await assess.locator('select[name="outcome"]').selectOption('hand_to_local_team');
          await assess.locator('input[name="follow_up_on"]').fill(FOLLOW_UP);
          await assess.locator('textarea[name="findings"]').fill('Gesprek met moeder en de mentor.');
          await assess.locator('textarea[name="reasoning"]').fill('Het buurtteam kan dit oppakken; Veilig Thuis volgt.');
          const assessed = await submitAndWait(page, assess.locator('button[type="submit"].utrecht-button--primary-action'));
          await expectStatus(page, assessed, 200, 'the assessment');
          await expectPath(page, '/veilig-thuis', 'after the assessment');
        });

        await step('Sanne sees the hand-over on her start page, with the follow-up date, and the bell counts it', async () => {
          const page = sannePage;
          const response = await page.goto(`${server.baseUrl}/start`, { waitUntil: 'load' });
          await expectStatus(page, response, 200, 'GET /start');
          const item = handover(page, FAMILY.label);
          assert.equal(await item.count(), 1, `the start page must show the hand-over of "${FAMILY.label}"; main: ${(await mainText(page)).slice(0, 1500)}`);
          const text = squash(await item.innerText());
          assert.ok(text.includes(dutchDate(FOLLOW_UP)), `the item must name the follow-up date ${dutchDate(FOLLOW_UP)}; it says "${text}"`);
          unreadWith = await bell(page);
          assert.equal(unreadWith, unreadBefore + 1, 'the bell counts the new message');
          await expectNoAxeViolations(page);
        });

        await step('Under the bell: the message, under the file\'s label; "Openen" lands in the file', async () => {
          const page = sannePage;
          await page.locator('header a.bell').click();
          await page.waitForURL(exactUrl(server, '/berichten'), { waitUntil: 'load' });
          assert.equal(await h1Text(page), 'Berichten');
          await expectNoAxeViolations(page);
          const heading = page.locator('main h2', { hasText: FAMILY.label });
          assert.equal(await heading.count(), 1, `a heading per file: "${FAMILY.label}"`);
          const list = heading.locator('xpath=following-sibling::ul[1]');
          const item = list.locator('li', { hasText: HANDED_OVER });
          assert.equal(await item.count(), 1, `"${HANDED_OVER}" under "${FAMILY.label}"`);
          await item.getByRole('link', { name: `Openen: ${HANDED_OVER}` }).click();
          await page.waitForURL(exactUrl(server, familyPath), { waitUntil: 'load' });
          assert.equal(await h1Text(page), FAMILY.label);
          assert.equal(await handover(page, 'overgedragen').count(), 1, 'the overview shows the hand-over');
          assert.equal(await bell(page), unreadWith - 1, 'opening read it: the bell counts one fewer');
          await expectNoAxeViolations(page);
        });

        await step('"Gezien": the hand-over leaves the overview and the start page', async () => {
          const page = sannePage;
          const seen = handover(page, 'overgedragen').getByRole('button', { name: `Gezien: overdracht van ${FAMILY.label}` });
          const response = await submitAndWait(page, seen);
          await expectStatus(page, response, 200, 'after "Gezien"');
          await expectPath(page, familyPath, 'back in the file');
          assert.equal(await handover(page, 'overgedragen').count(), 0, 'the overview no longer shows it');
          await expectNoAxeViolations(page);
          await page.goto(`${server.baseUrl}/start`, { waitUntil: 'load' });
          assert.equal(await handover(page, FAMILY.label).count(), 0, 'the start page no longer shows it');
        });
      } finally {
        await ayseContext.close().catch(() => {});
        await sanneContext.close().catch(() => {});
      }
    },
  );
});
