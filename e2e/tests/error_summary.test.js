// Issue 14 §4, "one error-summary pattern on every form": every form a demo account can
// reach is sent empty (its hidden fields, the CSRF token among them, kept; every field
// a person fills in left blank), once as is and once per named submit button. Whenever
// the answer is a page that marks a field invalid, it must open with the one error
// summary (`id="error-summary"`), and each of the summary's links must point at an
// element id on that page.
//
// No browser: plain HTTP with a cookie jar, so it runs in seconds. The forms come from
// following the pages' own links as each account, starting at the GET page routes of
// the route table (`eenplan routes --json`), so a new form is sent without anyone
// adding it to a list. The sign-in forms are sent by a visitor who is not signed in.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Visitor, decode, postForms, routeRegExp, signedIn } from '../lib/http.js';
import { pageRoutes } from '../lib/scan.js';
import { startServer } from '../lib/server.js';
import { totp } from '../lib/totp.js';

/** Pages one account opens while looking for forms. */
const PAGES_PER_ACCOUNT = 120;
/** Pages of one route pattern one account opens (several files, several meetings). */
const PAGES_PER_ROUTE = 3;

/**
 * Forms the test does not send, each with why: [action RegExp, reason].
 */
const EXEMPT = [
  [/^\/afmelden$/, 'signing out has no field and would end the session the walk runs in'],
];

const ACCOUNTS = [
  'sanne.devries@lokalis.example',
  'joyce.bakker@lokalis.example',
  'peter.smits@lokalis.example',
  'ellen.meijer@lokalis.example',
  'maria.kok@lokalis.example',
  'karin.brouwer@lokalis.example',
  'ayse.yilmaz@vtu.example',
  'lotte.vermeulen@save.example',
  'thomas.vandijk@save.example',
  'eva.mulder@save.example',
  'lisa.degraaf@rvdk.example',
];

/** What is wrong with a refused page's error summary (empty when it is right). */
function summaryProblems(html) {
  const invalid = /--invalid\b|aria-invalid="true"/.test(html);
  if (!invalid) return null;
  const m = /<div\b[^>]*\bid="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html);
  if (!m) return ['a field is marked invalid but the page has no id="error-summary"'];
  const problems = [];
  const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((x) => decode(x[1])));
  const links = [...m[1].matchAll(/href="#([^"]*)"/g)].map((x) => decode(x[1]));
  if (links.length === 0) problems.push('the summary has no link to a field');
  for (const target of links) if (!ids.has(target)) problems.push(`the summary links to #${target}, which is no element id on the page`);
  return problems;
}

/** A path with its ids (uuid-like or numeric segments) made anonymous: one key per kind of form. */
const shape = (path) => path.replace(/\/[0-9a-f]{8}-[0-9a-f-]{27,}(?=\/|$)/gi, '/{id}').replace(/\/\d+(?=\/|$)/g, '/{n}');

describe('every refused form opens with the one error summary', () => {
  let server;
  let routes;

  before(
    async () => {
      routes = pageRoutes()
        .map((r) => ({ ...r, re: routeRegExp(r.path), params: (r.path.match(/\{/g) ?? []).length }))
        .sort((a, b) => a.params - b.params);
      server = await startServer();
    },
    { timeout: 180_000 },
  );

  after(async () => {
    await server?.stop();
  });

  test('sending each reachable form empty', { timeout: 20 * 60_000 }, async () => {
    const sent = new Set();
    const failures = [];
    const refusedWithFields = new Set();

    async function send(visitor, form, where) {
      if (EXEMPT.some(([re]) => re.test(form.action))) return;
      if (form.visible.length === 0) return; // nothing typed, so no field can be refused
      const variants = [null, ...form.buttons];
      for (const button of variants) {
        const key = `${shape(form.action)} ${form.visible.join(',')} ${button ? button.join('=') : ''}`;
        if (sent.has(key)) continue;
        sent.add(key);
        const fields = [...form.hidden];
        for (const name of form.visible) fields.push([name, '']);
        if (button) fields.push(button);
        const r = await visitor.request('POST', form.action, fields);
        assert.ok(r.status < 500, `POST ${form.action} (from ${where}) answered ${r.status}`);
        if (!r.type.startsWith('text/html')) continue;
        const problems = summaryProblems(r.body);
        if (problems === null) continue;
        refusedWithFields.add(shape(form.action));
        for (const p of problems) failures.push(`POST ${form.action}${button ? ` [${button.join('=')}]` : ''} (form on ${where}): ${p}`);
      }
    }

    // The sign-in forms, as a visitor who is not signed in.
    const stranger = new Visitor(server.baseUrl);
    const signIn = await stranger.get('/aanmelden');
    for (const form of postForms(signIn.body)) await send(stranger, form, '/aanmelden');

    for (const email of ACCOUNTS) {
      const account = server.accounts.find((a) => a.email === email);
      if (!account) continue;
      const v = new Visitor(server.baseUrl);
      const page = await v.get('/aanmelden');
      const csrf = postForms(page.body)[0].hidden.find(([n]) => n === 'csrf')[1];
      let r = await v.request('POST', '/aanmelden', [['csrf', csrf], ['email', email], ['password', server.password]]);
      const codePage = await v.get(new URL(r.location, server.baseUrl).pathname);
      // The code form, sent empty before the real code.
      for (const form of postForms(codePage.body)) await send(v, form, '/aanmelden/code');
      const codeCsrf = postForms((await v.get('/aanmelden/code')).body)[0].hidden.find(([n]) => n === 'csrf')[1];
      r = await v.request('POST', '/aanmelden/code', [['csrf', codeCsrf], ['code', totp(account.secret)]]);
      assert.equal(r.location, '/start', `${email} signs in`);

      const queue = ['/start', ...routes.filter((x) => x.params === 0).map((x) => x.path)];
      const seen = new Set();
      const perRoute = new Map();
      let opened = 0;
      while (queue.length && opened < PAGES_PER_ACCOUNT) {
        const path = queue.shift();
        if (seen.has(path)) continue;
        seen.add(path);
        const route = routes.find((x) => x.re.test(path));
        if (!route || route.path.endsWith('/afdrukken')) continue;
        const n = perRoute.get(route.path) ?? 0;
        if (n >= PAGES_PER_ROUTE) continue;
        perRoute.set(route.path, n + 1);
        const got = await v.get(path);
        opened++;
        if (got.status !== 200 || !got.type.startsWith('text/html')) continue;
        for (const m of got.body.matchAll(/<a\b[^>]*\shref="(\/[^"#?]*)/g)) {
          const link = decode(m[1]);
          if (!seen.has(link) && !link.startsWith('/static/') && !link.startsWith('/api/') && link !== '/afmelden') queue.push(link);
        }
        for (const form of postForms(got.body)) await send(v, form, path);
        // A form sent may have changed the page's forms (a new CSRF token is not one of them).
      }
    }

    process.stdout.write(`# forms sent: ${sent.size}; refused with a field error: ${refusedWithFields.size}\n`);
    for (const a of [...refusedWithFields].sort()) process.stdout.write(`#   ${a}\n`);
    assert.ok(refusedWithFields.size >= 10, `the walk reached the refusable forms: ${[...refusedWithFields].join(', ')}`);
    assert.deepEqual(failures, [], `every refused form opens with the one error summary:\n${failures.join('\n')}`);
  });
});
