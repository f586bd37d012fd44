// A complaint walked through (issue 17 §4): a parent files one on the public form
// without signing in (a mistake is said at the field, nothing typed is lost) and keeps
// the reference and the code; the demo's complaints officer of Lokalis (Yasmina
// Bouali) finds it, confirms receipt and records the outcome "gegrond" with a measure;
// the parent, back on the status page with reference and code, reads the outcome and
// the measure in words. axe finds nothing on any page, on a laptop and at 320 px.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { expectNoAxeViolations } from '../lib/browser.js';
import { accountByEmail, exactUrl, h1Text, mainText, pathOf, serverAndBrowser, signIn, submitAndWait } from '../lib/flow.js';
import { everyCode, scanner } from '../lib/scan.js';

const WALK_TIMEOUT_MS = 240_000;
const STEP_TIMEOUT_MS = 60_000;

const YASMINA = 'yasmina.bouali@lokalis.example';
const WHAT = 'Ik werd drie weken lang niet teruggebeld over de afspraak voor mijn dochter.';
const MEASURE = 'Terugbellen binnen twee werkdagen';
const REFLOW = { width: 320, height: 640 };
const SIZES = [
  { width: 1280, height: 800 },
  REFLOW,
];

/** axe at a laptop's width and at 320 px, where nothing may scroll sideways. */
async function axeAtBothSizes(page) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= size.width, `nothing scrolls sideways at ${size.width} px on ${pathOf(page)}: ${wide}px wide`);
    await expectNoAxeViolations(page);
  }
  await page.setViewportSize(SIZES[0]);
}

/** Chooses the option of select `#id` whose text contains `part`. */
async function chooseContaining(page, id, part) {
  const labels = await page.locator(`#${id} option`).allInnerTexts();
  const label = labels.find((l) => l.includes(part));
  assert.ok(label, `an option with "${part}" in #${id}: ${labels.join(' | ')}`);
  await page.locator(`#${id}`).selectOption({ label });
}

describe('a complaint from the public form is handled to an outcome', () => {
  const env = serverAndBrowser();

  test('the walk', { timeout: WALK_TIMEOUT_MS }, async (t) => {
    const { server } = env;
    const scan = scanner(await everyCode());
    const parentContext = await env.browser.newContext();
    const officerContext = await env.browser.newContext();
    const parent = await parentContext.newPage();
    const officer = await officerContext.newPage();
    let reference = '';
    let code = '';
    try {
      await t.test('a parent files a complaint without signing in', { timeout: STEP_TIMEOUT_MS }, async () => {
        await parent.goto(`${server.baseUrl}/klacht`, { waitUntil: 'load' });
        assert.equal(await h1Text(parent), 'Een klacht indienen');
        await axeAtBothSizes(parent);

        // Forgotten: the organisation and a way to reach her.
        await parent.locator('#wat').fill(WHAT);
        await parent.locator('#name').fill('Fatima el Idrissi');
        const bad = await submitAndWait(parent, parent.getByRole('button', { name: 'Klacht versturen' }));
        assert.equal(bad.status(), 422);
        assert.match(await parent.locator('#email-error').innerText(), /e-mailadres of een telefoonnummer/);
        assert.equal(await parent.locator('#wat').inputValue(), WHAT, 'what was typed is kept');
        await axeAtBothSizes(parent);

        await chooseContaining(parent, 'organisatie', 'Lokalis');
        await parent.locator('#email').fill('fatima@thuis.example');
        const filed = await submitAndWait(parent, parent.getByRole('button', { name: 'Klacht versturen' }));
        assert.equal(filed.status(), 200);
        assert.equal(await h1Text(parent), 'Je klacht is ontvangen');
        reference = (await parent.locator('#complaint-reference').innerText()).trim();
        code = (await parent.locator('#complaint-code').innerText()).trim();
        assert.match(reference, /^KL-/);
        assert.ok(code.length >= 16, code);
        assert.deepEqual(scan(await mainText(parent)), []);
        await axeAtBothSizes(parent);
      });

      await t.test('the complaints officer confirms receipt and records the outcome', { timeout: STEP_TIMEOUT_MS }, async () => {
        await signIn(officer, server, accountByEmail(server, YASMINA));
        await officer.goto(`${server.baseUrl}/klachten`, { waitUntil: 'load' });
        await axeAtBothSizes(officer);
        const link = officer.locator('main a', { hasText: reference });
        assert.equal(await link.count(), 1, `the list links ${reference}`);
        await Promise.all([officer.waitForURL(/\/klachten\/[^/]+$/), link.click()]);
        assert.match(await mainText(officer), new RegExp(WHAT.slice(0, 30)));
        await axeAtBothSizes(officer);

        const confirmed = await submitAndWait(officer, officer.getByRole('button', { name: 'Ontvangst bevestigen' }));
        assert.equal(confirmed.status(), 200);
        assert.match(await mainText(officer), /bevestigd/);

        await officer.locator('#uitkomst').selectOption({ label: 'Gegrond' });
        await officer.locator('#thema').selectOption({ label: 'Bereikbaarheid' });
        await officer.locator('#maatregelen').fill(MEASURE);
        const decided = await submitAndWait(officer, officer.getByRole('button', { name: 'Vastleggen' }));
        assert.equal(decided.status(), 200);
        const text = await mainText(officer);
        assert.match(text, /De uitkomst: gegrond\./);
        assert.match(text, new RegExp(MEASURE));
        assert.deepEqual(scan(text), []);
        await axeAtBothSizes(officer);
      });

      await t.test('the parent reads the outcome with reference and code', { timeout: STEP_TIMEOUT_MS }, async () => {
        await parent.goto(`${server.baseUrl}/klacht/status`, { waitUntil: 'load' });
        assert.equal(pathOf(parent), '/klacht/status');
        await axeAtBothSizes(parent);
        await parent.locator('#kenmerk').fill(reference.toLowerCase());
        await parent.locator('#code').fill(code);
        const shown = await submitAndWait(parent, parent.getByRole('button', { name: 'Bekijken' }));
        assert.equal(shown.status(), 200);
        const text = await mainText(parent);
        assert.match(text, /Je klacht over Lokalis/);
        assert.match(text, /De uitkomst: gegrond\./);
        assert.match(text, new RegExp(MEASURE));
        assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/, 'never an ISO date');
        assert.deepEqual(scan(text), []);
        await axeAtBothSizes(parent);
      });
    } finally {
      await parentContext.close().catch(() => {});
      await officerContext.close().catch(() => {});
    }
  });
});
