// Lists at scale: with a demo of 3,000 families a local-team team lead pages
// through ALL of her team's files on /gezinnen, and the count the page states is the
// number of files she pages through (each once), in both sort orders. axe-core
// runs on the first and the last page. (A team lead: since the demo spreads its files
// over a realistic staff, one professional leads a few dozen, too few to page.)

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { expectNoAxeViolations } from '../lib/browser.js';
import { accountByEmail, serverAndBrowser, signIn } from '../lib/flow.js';

const FAMILIES = 3000;
const JOYCE = 'joyce.bakker@lokalis.example';
const WALK_TIMEOUT_MS = 300_000;

/** The files on the current page (their hrefs) and the stated total. */
async function onPage(page) {
  const hrefs = await page.$$eval('#families tbody a', (as) => as.map((a) => a.getAttribute('href')));
  const total = Number((await page.textContent('#families-total')).replace(/\D/g, ''));
  return { hrefs, total };
}

/** Follows rel=next from `start` to the end; every file seen, in order. */
async function pageThrough(page, server, start) {
  await page.goto(server.baseUrl + start, { waitUntil: 'load' });
  const seen = [];
  let total = null;
  let pages = 0;
  for (;;) {
    const now = await onPage(page);
    total ??= now.total;
    assert.equal(now.total, total, 'the total stays the same on every page');
    seen.push(...now.hrefs);
    pages += 1;
    if (pages === 1) await expectNoAxeViolations(page);
    const next = await page.$('a[rel="next"]');
    if (!next) break;
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), next.click()]);
  }
  await expectNoAxeViolations(page);
  return { seen, total, pages };
}

describe(`paging through a demo of ${FAMILIES} families`, () => {
  const env = serverAndBrowser({ families: FAMILIES });

  test('the team lead pages through all of her team\'s files and the count is right', { timeout: WALK_TIMEOUT_MS }, async () => {
    await env.withPage(async (page) => {
      await signIn(page, env.server, accountByEmail(env.server, JOYCE));
      const byName = await pageThrough(page, env.server, '/gezinnen');
      assert.ok(byName.total > 100, `more files than the old silent cut of 100: ${byName.total}`);
      assert.ok(byName.pages >= 3, `several pages: ${byName.pages}`);
      assert.equal(byName.seen.length, byName.total, 'as many rows as the total says');
      assert.equal(new Set(byName.seen).size, byName.total, 'each file once');

      const byDate = await pageThrough(page, env.server, '/gezinnen?sortering=datum');
      assert.equal(byDate.total, byName.total);
      assert.deepEqual([...byDate.seen].sort(), [...byName.seen].sort(), 'the same files by date');

      // And back: from the last page by "Vorige pagina" to the first.
      let back = 0;
      for (;;) {
        const { hrefs } = await onPage(page);
        back += hrefs.length;
        const prev = await page.$('a[rel="prev"]');
        if (!prev) break;
        await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), prev.click()]);
      }
      assert.equal(back, byDate.total, 'paging back passes every file once more');
    });
  });
});
