// Issue 15 §3 in the browser: a partner (a professional of another organisation in the
// circle, whose consent covers a kind of document) adds a document on the file's
// documents page; the regisseur finds it there and downloads it, as an attachment the
// browser never renders (Content-Disposition: attachment, nosniff, a sandbox).
//
//   Plain HTTP finds a demo file that Sanne leads and on which a partner may add a
//   document (both sign in there; the browser takes over their sessions, as a TOTP
//   code works once) → the partner opens the documents page, sends the form empty
//   (the error summary and the message at the field) and then with a PDF → the list
//   shows it → Sanne signs in, opens the page, downloads the document → the
//   partner opens the removal form of their own document.
//
// axe-core runs on every page the walk visits, including the 422 page.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';

import { expectNoAxeViolations } from '../lib/browser.js';
import { accountByEmail, expectPath, mainText, serverAndBrowser, squash, submitAndWait } from '../lib/flow.js';
import { signedIn } from '../lib/http.js';

const WALK_TIMEOUT_MS = 240_000;
const STEP_TIMEOUT_MS = 60_000;

const SANNE = 'sanne.devries@lokalis.example';
/** Demo professionals of other organisations that join files as partners. */
const PARTNERS = ['thomas.vandijk@save.example', 'lotte.vermeulen@save.example', 'eva.mulder@save.example'];
const TITLE = 'Verslag huisbezoek SAVE';

/** A one-page PDF, as a scanner would send it. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

/** The family ids a visitor's overview links to. */
async function filesOf(v) {
  const ids = new Set();
  for (const m of (await v.get('/gezinnen')).body.matchAll(/href="\/gezinnen\/([0-9a-f-]{36})"/g)) ids.add(m[1]);
  return ids;
}

/**
 * Hands the session of the plain-HTTP visitor `v` to the browser page: a TOTP code
 * works once, and the walk already signed both people in to find the file.
 */
async function sessionOf(page, v, baseUrl) {
  await page.context().addCookies([...v.cookies].map(([name, value]) => ({ name, value, url: baseUrl })));
}

/** The kinds of document the upload form of `body` offers. */
function offeredCategories(body) {
  const select = /<select[^>]*name="category"[^>]*>([\s\S]*?)<\/select>/.exec(body);
  return select ? [...select[1].matchAll(/<option value="([a-z_]+)"/g)].map((m) => m[1]) : [];
}

describe('documents: a partner adds one, the regisseur downloads it', () => {
  const env = serverAndBrowser();
  const ctx = {};

  test('the walk', { timeout: WALK_TIMEOUT_MS }, async (t) => {
    await t.test('a demo file Sanne leads, with a partner who may add a document', { timeout: STEP_TIMEOUT_MS }, async () => {
      const sanne = await signedIn(env.server, accountByEmail(env.server, SANNE));
      ctx.sanne = sanne;
      const led = new Set();
      for (const id of await filesOf(sanne)) {
        // Only the lead opens the file's consent page.
        if ((await sanne.get(`/gezinnen/${id}/toestemming`)).status === 200) led.add(id);
      }
      assert.ok(led.size > 0, 'Sanne leads demo files');
      for (const email of PARTNERS) {
        const account = env.server.accounts.find((a) => a.email === email);
        if (!account) continue;
        const v = await signedIn(env.server, account);
        for (const id of await filesOf(v)) {
          if (!led.has(id)) continue;
          const page = await v.get(`/gezinnen/${id}/documenten`);
          const kinds = offeredCategories(page.body);
          if (page.status === 200 && kinds.length > 0) {
            Object.assign(ctx, { partner: account, visitor: v, family: id, category: kinds[0] });
            break;
          }
        }
        if (ctx.family) break;
      }
      assert.ok(ctx.family, `a file Sanne leads on which one of ${PARTNERS.join(', ')} may add a document`);
    });

    await t.test('the partner adds a document on the page', { timeout: STEP_TIMEOUT_MS }, async () => {
      await env.withPage(async (page) => {
        await sessionOf(page, ctx.visitor, env.server.baseUrl);
        const list = `/gezinnen/${ctx.family}/documenten`;
        await page.goto(env.server.baseUrl + list, { waitUntil: 'load' });
        await expectPath(page, list, 'the documents page');
        await expectNoAxeViolations(page);

        // Sent without a title or a file: the summary and the messages at the fields.
        await page.locator('#category').selectOption(ctx.category);
        const refused = await submitAndWait(page, page.getByRole('button', { name: 'Document toevoegen' }));
        assert.equal(refused.status(), 422, 'a form without a file comes back');
        assert.equal(await page.locator('#error-summary').count(), 1, 'one error summary');
        assert.ok(
          (await page.locator('#file-error').count()) + (await page.locator('#title-error').count()) > 0,
          'a message next to the field',
        );
        assert.equal(await page.locator('#category').inputValue(), ctx.category, 'the chosen kind is kept');
        await expectNoAxeViolations(page);

        await page.locator('#title').fill(TITLE);
        await page.locator('#file').setInputFiles({ name: 'huisbezoek.pdf', mimeType: 'application/pdf', buffer: PDF });
        await submitAndWait(page, page.getByRole('button', { name: 'Document toevoegen' }));
        await expectPath(page, list, 'back on the list after the upload');
        const row = page.locator('tbody tr').filter({ hasText: TITLE });
        assert.equal(await row.count(), 1, `the list shows the new document: ${(await mainText(page)).slice(0, 600)}`);
        ctx.href = await row.getByRole('link', { name: TITLE, exact: true }).getAttribute('href');
        assert.match(ctx.href, new RegExp(`^${list}/[^/]+$`));
        await expectNoAxeViolations(page);

        // Their own document offers its removal: one form, asking only the reason.
        await row.getByRole('link', { name: `Verwijderen: ${TITLE}` }).click();
        await page.waitForLoadState('load');
        await expectPath(page, `${ctx.href}/verwijderen`, 'the removal form');
        assert.equal(await page.locator('main form textarea#reason').count(), 1);
        // It belongs to the documents part of the file.
        assert.equal(
          await page.locator('nav.family-nav a[aria-current="page"]').getAttribute('href'),
          list,
          'the sub-navigation marks the documents',
        );
        await expectNoAxeViolations(page);
      });
    });

    await t.test('the regisseur downloads it as an attachment', { timeout: STEP_TIMEOUT_MS }, async () => {
      await env.withPage(async (page) => {
        await sessionOf(page, ctx.sanne, env.server.baseUrl);
        const list = `/gezinnen/${ctx.family}/documenten`;
        await page.goto(env.server.baseUrl + list, { waitUntil: 'load' });
        await expectNoAxeViolations(page);
        const row = page.locator('tbody tr').filter({ hasText: TITLE });
        assert.equal(await row.count(), 1, 'the regisseur sees the partner\'s document');
        assert.ok(squash(await row.innerText()).includes(ctx.partner.name), 'with who added it');

        const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: TITLE, exact: true }).click()]);
        assert.match(download.suggestedFilename(), /\.pdf$/);
        assert.deepEqual(await readFile(await download.path()), PDF, 'the bytes as sent');

        // The answer's headers, with the page's own session.
        const r = await page.context().request.get(env.server.baseUrl + ctx.href);
        assert.equal(r.status(), 200);
        const h = r.headers();
        assert.match(h['content-disposition'] ?? '', /^attachment; filename="[^"]+\.pdf"$/);
        assert.equal(h['x-content-type-options'], 'nosniff');
        assert.equal(h['content-type'], 'application/pdf');
        assert.match(h['content-security-policy'] ?? '', /^sandbox;/);
      });
    });
  });
});
