// The evaluation (/evaluatie) walked by a team lead: Joyce Bakker (Lokalis, team
// lead) opens it from the menu, filters on a pilot area (Vechtzoom, where the EVU
// started in February 2022) and the EVU pilot, reads the lead-time chart and its
// table (an accessible image with a title, a table with a caption and a row per month
// in Dutch), and downloads the CSV (UTF-8 BOM, ';' between fields, Dutch dates).
// axe finds nothing, on a laptop and at 320 px wide, where nothing scrolls sideways
// but a table inside its own scroll box. The demo's figures say they are synthetic.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';

import { expectNoAxeViolations } from '../lib/browser.js';
import { accountByEmail, exactUrl, h1Text, mainText, pathOf, serverAndBrowser, signIn, squash } from '../lib/flow.js';

const WALK_TIMEOUT_MS = 240_000;
const STEP_TIMEOUT_MS = 60_000;

const JOYCE = 'joyce.bakker@lokalis.example';
const PILOT_AREA = 'Vechtzoom';
const PILOT = 'Eenheid Veiligheid Utrecht (EVU)';
const REFLOW = { width: 320, height: 640 };

/** The <figure> whose caption starts with `title`. */
function figure(page, title) {
  return page.locator('main figure').filter({ has: page.locator('figcaption', { hasText: title }) });
}

describe('a team lead reads the evaluation of a pilot area and downloads it', () => {
  const env = serverAndBrowser();

  test('the walk', { timeout: WALK_TIMEOUT_MS }, async (t) => {
    const { server } = env;
    const context = await env.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    try {
      await t.test('Joyce signs in and opens Evaluatie from the menu', { timeout: STEP_TIMEOUT_MS }, async () => {
        await signIn(page, server, accountByEmail(server, JOYCE));
        const link = page.locator('nav.site-nav--wide a', { hasText: 'Evaluatie' });
        assert.equal(await link.count(), 1, 'the menu links Evaluatie for a team lead');
        await Promise.all([page.waitForURL(exactUrl(server, '/evaluatie')), link.click()]);
        assert.equal(await h1Text(page), 'Evaluatie');
        const text = await mainText(page);
        assert.match(text, /Synthetische gegevens/, 'a demo says its figures are synthetic');
        await expectNoAxeViolations(page);
      });

      await t.test('she filters on a pilot area and the pilot', { timeout: STEP_TIMEOUT_MS }, async () => {
        await page.locator('#gebied').selectOption({ label: PILOT_AREA });
        await page.locator('#pilot').selectOption({ label: PILOT });
        await Promise.all([
          page.waitForURL((url) => url.pathname === '/evaluatie' && url.search.includes('gebied=')),
          page.getByRole('button', { name: 'Toon cijfers' }).click(),
        ]);
        assert.match(pathOf(page), /pilot=evu/);
        assert.equal(
          squash(await page.locator('#gebied option:checked').innerText()),
          PILOT_AREA,
          'the filter stays chosen',
        );
        const text = await mainText(page);
        assert.match(text, /Periode: 1 jan \d{4} tot en met 31 dec \d{4}\./);
        assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/, 'never an ISO date');
        await expectNoAxeViolations(page);
      });

      await t.test('she reads the lead-time chart and its table', { timeout: STEP_TIMEOUT_MS }, async () => {
        const lead = figure(page, 'Doorlooptijden per maand');
        assert.equal(await lead.count(), 1, 'the lead-time chart is there');
        const svg = lead.locator('svg[role="img"]');
        assert.equal(await svg.count(), 1);
        assert.match(await svg.locator('title').textContent(), /Doorlooptijden per maand/);
        assert.match(await svg.locator('desc').textContent(), /Lijndiagram/);
        const table = lead.locator('table');
        assert.match(squash(await table.locator('caption').innerText()), /Doorlooptijden per maand/);
        const months = (await table.locator('tbody th[scope="row"]').allInnerTexts()).map(squash);
        assert.equal(months.length, 12, `a row per month: ${months}`);
        assert.match(months[0], /^jan \d{4}$/);
        const cells = (await table.locator('tbody td').allInnerTexts()).map(squash);
        for (const cell of cells) assert.match(cell, /^(\d[\d.]*|<5|geen)$/, `a figure, "<5" or "geen": ${cell}`);
        const pilot = figure(page, 'Eenheid Veiligheid Utrecht (EVU)');
        assert.equal(await pilot.count(), 1, 'the chosen pilot is compared');
        assert.match(squash(await pilot.locator('figcaption').innerText()), /Vechtzoom februari 2022/);
      });

      await t.test('she downloads the CSV for Excel', { timeout: STEP_TIMEOUT_MS }, async () => {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: 'Download als CSV (voor Excel)' }).click(),
        ]);
        assert.equal(download.suggestedFilename(), 'evaluatie.csv');
        const bytes = await readFile(await download.path());
        assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM first');
        const lines = bytes.toString('utf8').slice(1).split('\r\n');
        assert.match(lines[0], /^Synthetische gegevens;/);
        assert.match(lines[1], /^Periode;01-01-\d{4};31-12-\d{4}$/);
        assert.ok(lines.includes('Doorlooptijden per maand (mediaan in dagen)'), lines.slice(0, 20).join('\n'));
      });

      await t.test('at 320 px the page reflows and axe finds nothing', { timeout: STEP_TIMEOUT_MS }, async () => {
        await page.setViewportSize(REFLOW);
        await page.reload({ waitUntil: 'load' });
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(wide <= REFLOW.width, `nothing scrolls sideways at 320 px: ${wide}px wide`);
        const box = await figure(page, 'Doorlooptijden per maand').locator('svg').boundingBox();
        assert.ok(box && box.width <= REFLOW.width, `the chart fits: ${JSON.stringify(box)}`);
        await expectNoAxeViolations(page);
      });
    } finally {
      await context.close().catch(() => {});
    }
  });
});
