// The family file's overview: Sanne (regisseur) opens one of her demo families and
// finds, at 1280 and at 320 px, the flower, the network drawn with the same people as
// text beside it, and what is due; the page is short, reflows without sideways
// scrolling, has no axe violations, and a form is two clicks away.
//
// Screenshots go to $EENPLAN_E2E_SHOTS (default: the system's temp dir).

import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';

import { expectNoAxeViolations } from '../lib/browser.js';
import { accountByEmail, exactUrl, h1Text, serverAndBrowser, signIn, squash } from '../lib/flow.js';

const TIMEOUT_MS = 180_000;
const SANNE = 'sanne.devries@lokalis.example';
/** Today's wall of forms was 3,800 px; the overview must be far shorter. */
const MAX_HEIGHT_1280 = 2600;
const SHOTS = process.env.EENPLAN_E2E_SHOTS || os.tmpdir();

/** The file paths the family list links to, in its order. */
async function familyPaths(page) {
  const hrefs = await page.locator('main a[href^="/gezinnen/"]').evaluateAll((links) =>
    links.map((a) => a.getAttribute('href')),
  );
  return [...new Set(hrefs.filter((h) => /^\/gezinnen\/[^/?#]+$/.test(h) && h !== '/gezinnen/nieuw'))];
}

/** What the overview shows: the drawn names, the listed lines, the due items, petals. */
async function overviewFacts(page) {
  return {
    // SVG text has no innerText; its textContent is what is drawn.
    drawn: (await page.locator('svg.ecomap__drawing tspan[font-weight="bold"]').allTextContents()).map(squash),
    listed: (await page.locator('.ecomap__list li').allInnerTexts()).map(squash),
    due: (await page.locator('.due-list li').allInnerTexts()).map(squash),
    petals: (await page.locator('.flower__petal').allInnerTexts()).map(squash),
    heart: squash(await page.locator('.flower__heart').innerText()),
  };
}

describe('the family overview', () => {
  const env = serverAndBrowser();

  test('shows the flower, the drawn network and what is due at 1280 and 320 px', { timeout: TIMEOUT_MS }, async () => {
    const { server } = env;
    const sanne = accountByEmail(server, SANNE);
    await env.withPage(async (page) => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await signIn(page, server, sanne);
      await page.goto(`${server.baseUrl}/gezinnen`, { waitUntil: 'load' });
      const paths = await familyPaths(page);
      assert.ok(paths.length > 0, 'Sanne has files in the demo');

      // The first of her files that has partners and something due.
      let file = null;
      for (const p of paths.slice(0, 25)) {
        await page.goto(`${server.baseUrl}${p}`, { waitUntil: 'load' });
        const facts = await overviewFacts(page);
        if (facts.due.length > 0 && facts.petals.some((t) => t.includes('@'))) {
          file = p;
          break;
        }
      }
      assert.ok(file, `none of ${paths.length} files has partners and something due`);

      for (const width of [1280, 320]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${server.baseUrl}${file}`, { waitUntil: 'load' });
        const label = await h1Text(page);
        const facts = await overviewFacts(page);

        assert.ok(facts.heart.includes(sanne.name), `Sanne at the heart of the flower: "${facts.heart}"`);
        assert.ok(
          facts.petals.every((t) => t.includes('@') && /sinds \d{1,2} \w{3} \d{4}/.test(t)),
          `each petal with e-mail and since when (a Dutch date): ${JSON.stringify(facts.petals)}`,
        );

        // The drawing and its list name the same people, each once.
        const drawing = page.locator('svg.ecomap__drawing');
        assert.equal(await drawing.getAttribute('role'), 'img');
        const box = await drawing.boundingBox();
        assert.ok(box && box.width > 200 && box.width <= width, `the drawing fits: ${JSON.stringify(box)}`);
        const people = facts.listed.filter((t) => t.includes(' — '));
        assert.equal(facts.drawn.length, people.length, `drawn ${JSON.stringify(facts.drawn)} listed ${JSON.stringify(people)}`);
        for (const name of facts.drawn) {
          const stem = name.replace(/…$/, '');
          assert.ok(people.some((t) => t.startsWith(stem)), `${name} is drawn and listed`);
        }

        // What is due, each with a Dutch date, none with an ISO one.
        assert.ok(facts.due.length > 0);
        for (const item of facts.due) {
          assert.match(item, /^\d{1,2} \w{3} \d{4} /, `a due item starts with its Dutch date: ${item}`);
        }
        const text = await page.locator('main').innerText();
        assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/, 'no ISO date on the overview');

        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        const mainOverflow = await page.evaluate(() => {
          const main = document.querySelector('main');
          return main.scrollWidth - main.clientWidth;
        });
        assert.ok(mainOverflow <= 0, `at ${width} px the overview scrolls sideways by ${mainOverflow} px`);
        if (width === 1280) {
          assert.ok(height <= MAX_HEIGHT_1280, `the overview of ${label} is ${height} px tall at 1280 px`);
        }
        process.stdout.write(`# overview of ${label} at ${width} px: ${height} px tall\n`);
        await page.screenshot({ path: path.join(SHOTS, `overview-${width}.png`), fullPage: true });
        await expectNoAxeViolations(page);
      }

      // A daily action in two clicks: the shortcut, then the form is open on its sub-page.
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${server.baseUrl}${file}`, { waitUntil: 'load' });
      await page.getByRole('navigation', { name: 'Direct naar' }).getByRole('link', { name: 'Gezinslid toevoegen' }).click();
      await page.waitForURL(exactUrl(server, `${file}/gezin?nieuw=lid#lid`), { waitUntil: 'load' });
      assert.equal(await h1Text(page), 'Gezin en netwerk');
      assert.ok(await page.locator('details#lid').evaluate((d) => d.open), 'the member form is open');
      assert.ok(await page.locator('form[action$="/leden"] #name').isVisible());
      assert.equal(await page.locator('details.family-form[open]').count(), 1, 'only the asked-for form is open');
      await page.screenshot({ path: path.join(SHOTS, 'overview-household.png'), fullPage: true });
      await expectNoAxeViolations(page);
    });
  });
});
