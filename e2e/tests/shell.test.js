// The application shell: start page, health check, 404 page and security headers.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { expectNoAxeViolations, launch } from '../lib/browser.js';
import { startServer } from '../lib/server.js';

const FETCH_TIMEOUT_MS = 10_000;
const TEST_TIMEOUT_MS = 60_000;

/** fetch() relative to the server, bounded in time. */
function get(server, pathname) {
  return fetch(new URL(pathname, server.baseUrl), {
    redirect: 'manual',
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
}

describe('application shell', () => {
  let server;
  let browser;

  before(
    async () => {
      server = await startServer();
      browser = await launch();
    },
    { timeout: 120_000 },
  );

  after(
    async () => {
      await browser?.close().catch((err) => process.stderr.write(`closing browser: ${err}\n`));
      const end = await server?.stop();
      if (end) {
        assert.ok(
          !end.killed && end.code === 0,
          `eenplan serve must exit 0 on SIGTERM (graceful shutdown); got code ${end.code} signal ${end.signal}` +
            `${end.killed ? ', had to be killed' : ''}\nstderr (tail):\n${server.stderr().slice(-4000)}`,
        );
      }
    },
    { timeout: 30_000 },
  );

  /** Opens a fresh page for one test and always closes it. */
  async function withPage(fn) {
    const page = await browser.newPage();
    try {
      return await fn(page);
    } finally {
      await page.close().catch(() => {});
    }
  }

  test('start page / loads, is Dutch, titled, has one h1 and no axe violations', { timeout: TEST_TIMEOUT_MS }, () =>
    withPage(async (page) => {
      const response = await page.goto(`${server.baseUrl}/`, { waitUntil: 'load' });
      assert.ok(response, 'navigation to / produced no response');
      assert.equal(response.status(), 200, `GET / answered ${response.status()}`);

      assert.equal(await page.locator('html').getAttribute('lang'), 'nl', '<html> must have lang="nl"');

      const title = (await page.title()).trim();
      assert.notEqual(title, '', '<title> must not be empty');
      assert.match(title, /eenplan/i, `<title> "${title}" must contain "eenplan"`);

      assert.equal(await page.locator('h1').count(), 1, 'the start page must have exactly one <h1>');

      await expectNoAxeViolations(page);
    }),
  );

  test('/healthz answers 200 with JSON {"status":"ok"}', { timeout: TEST_TIMEOUT_MS }, async () => {
    const res = await get(server, '/healthz');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json\b/i, 'content-type must be JSON');
    const body = await res.json();
    assert.equal(typeof body, 'object');
    assert.equal(body.status, 'ok', `unexpected body: ${JSON.stringify(body)}`);
  });

  test('an unknown page answers 404 with an accessible HTML page', { timeout: TEST_TIMEOUT_MS }, () =>
    withPage(async (page) => {
      const response = await page.goto(`${server.baseUrl}/bestaat-niet`, { waitUntil: 'load' });
      assert.ok(response, 'navigation to /bestaat-niet produced no response');
      assert.equal(response.status(), 404, `GET /bestaat-niet answered ${response.status()}`);
      assert.match(
        (await response.headerValue('content-type')) ?? '',
        /^text\/html\b/i,
        'the 404 page must be HTML',
      );

      const h1 = page.locator('h1');
      assert.ok((await h1.count()) >= 1, 'the 404 page must have an <h1>');
      assert.notEqual((await h1.first().innerText()).trim(), '', 'the <h1> of the 404 page must not be empty');

      await expectNoAxeViolations(page);
    }),
  );

  test('/ sends a strict Content-Security-Policy and nosniff', { timeout: TEST_TIMEOUT_MS }, async () => {
    const res = await get(server, '/');
    await res.arrayBuffer();
    assert.equal(res.status, 200);

    const csp = res.headers.get('content-security-policy');
    assert.ok(csp, 'the content-security-policy header is missing');
    assert.ok(!/unsafe-inline/i.test(csp), `the CSP must not allow 'unsafe-inline': ${csp}`);

    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  });
});
