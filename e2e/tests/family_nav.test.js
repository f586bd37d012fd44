// Issue 14 §2: every page of a family file shows the same sub-navigation, with the
// part the page belongs to marked (`aria-current="page"`). The pages are the GET page
// routes under /gezinnen/{family} of the route table (`eenplan routes --json`), opened
// as the demo regisseur (who may open every part) with a demo file's id, and with a
// meeting id found on the file's assessment page. Plain HTTP, no browser.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { decode, routeRegExp, signedIn } from '../lib/http.js';
import { pageRoutes } from '../lib/scan.js';
import { startServer } from '../lib/server.js';

/** Family pages without the sub-navigation, each with why. */
const EXEMPT = {
  '/gezinnen/{family}/plan/afdrukken': 'the print view is paper: no navigation on it',
  '/gezinnen/{family}/documenten/{document}': 'a download is the document itself, not a page',
  '/gezinnen/{family}/documenten/{document}/verwijderen':
    "one document's removal form, opened only on a document the visitor may remove: documents.test.js checks its sub-navigation",
  '/gezinnen/{family}/anoniem': "the anonymous summary is shown to a specialist without the family's name, and the sub-navigation names the file",
};

describe('the sub-navigation of a family file', () => {
  let server;

  before(
    async () => {
      server = await startServer();
    },
    { timeout: 180_000 },
  );

  after(async () => {
    await server?.stop();
  });

  test('every GET page route under /gezinnen/{family} shows it, its own part marked', { timeout: 5 * 60_000 }, async () => {
    const sanne = server.accounts.find((a) => a.email === 'sanne.devries@lokalis.example');
    const v = await signedIn(server, sanne);
    // A file sanne leads, from the overview's links, and a meeting of one of her files.
    const families = new Set();
    for (const m of (await v.get('/gezinnen')).body.matchAll(/href="\/gezinnen\/([0-9a-f-]{36})"/g)) families.add(m[1]);
    assert.ok(families.size > 0, 'the regisseur sees demo files');
    let family = null;
    let meeting = null;
    for (const id of families) {
      // Only the lead opens the file's consent page.
      if ((await v.get(`/gezinnen/${id}/toestemming`)).status !== 200) continue;
      // A file with a plan, so its versions can be compared.
      if ((await v.get(`/gezinnen/${id}/plan/vergelijken`)).status !== 200) continue;
      const page = await v.get(`/gezinnen/${id}/beoordeling`);
      const m = new RegExp(`href="/gezinnen/${id}/beoordeling/([^"/]+)"`).exec(page.body);
      if (page.status === 200) {
        family ??= id;
        if (m) {
          family = id;
          meeting = m[1];
          break;
        }
      }
    }
    assert.ok(family, 'a demo file the regisseur leads');

    const routes = pageRoutes().filter((r) => r.path.startsWith('/gezinnen/{family}'));
    assert.ok(routes.length >= 12, `the file's pages are in the route table: ${routes.map((r) => r.path).join(', ')}`);
    const failures = [];
    let checked = 0;
    for (const route of routes) {
      if (EXEMPT[route.path]) continue;
      if (route.path.includes('{meeting}') && !meeting) {
        failures.push(`${route.path}: no demo meeting found to open it with`);
        continue;
      }
      const path = route.path.replace('{family}', family).replace('{meeting}', meeting ?? '');
      const r = await v.get(path);
      if (r.status !== 200) {
        failures.push(`${path}: answered ${r.status}`);
        continue;
      }
      checked++;
      const nav = /<nav class="family-nav"[^>]*>([\s\S]*?)<\/nav>/.exec(r.body);
      if (!nav) {
        failures.push(`${route.path}: no sub-navigation`);
        continue;
      }
      const current = [...nav[1].matchAll(/<a\b[^>]*href="([^"]+)"[^>]*aria-current="page"/g)].map((m) => decode(m[1]));
      // The part a page belongs to: its own path, or the part above it (one meeting
      // belongs to the assessments, comparing versions and marking lines to the plan;
      // closing the file is done from its overview).
      const part = path
        .replace(/\/beoordeling\/[^/]+$/, '/beoordeling')
        .replace(/\/plan\/(vergelijken|markeringen)$/, '/plan')
        .replace(/\/afsluiten$/, '');
      if (current.length !== 1 || current[0] !== part) {
        failures.push(`${route.path}: the marked item is ${JSON.stringify(current)}, not ${part}`);
      }
    }
    assert.deepEqual(failures, [], failures.join('\n'));
    assert.ok(checked >= 10, `pages checked: ${checked}`);
  });
});
