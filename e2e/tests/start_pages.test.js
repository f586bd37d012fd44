// Each role's start page: what a person sees first after signing in, on a laptop
// and on a phone. The team lead, the behavioural scientist, the privacy officer and
// the Raad and the policy officer each find their own blocks (a heading, a count or a sentence that says
// what "nothing" means), and every page has zero axe violations at 1280 and 360 px.
//
// One server (the demo); each account signs in once, in its own browser context.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { expectNoAxeViolations } from '../lib/browser.js';
import { accountByEmail, mainText, serverAndBrowser, signIn, squash } from '../lib/flow.js';

const STEP_TIMEOUT_MS = 60_000;

const ROLES = [
  {
    who: 'team lead',
    email: 'joyce.bakker@lokalis.example',
    headings: ['Caseload van je team', 'Over tijd in de dossiers van je team', 'Overdrachten in'],
  },
  {
    who: 'behavioural scientist',
    email: 'ruud.jansen@lokalis.example',
    headings: ['Gezamenlijke beoordelingen die eraan komen', 'Plannen met een evaluatie aan de beurt'],
  },
  {
    who: 'privacy officer',
    email: 'maria.kok@lokalis.example',
    headings: ['Noodtoegang te beoordelen', 'Geweigerde pogingen, laatste 30 dagen'],
  },
  {
    who: 'policy officer',
    email: 'fatima.ouali@utrecht.example',
    headings: ['Cijfers van jullie gebieden'],
  },
  {
    who: 'Raad',
    email: 'lisa.degraaf@rvdk.example',
    headings: ['Verzoeken om op te pakken'],
  },
];

describe('start page per role', () => {
  const env = serverAndBrowser();

  for (const role of ROLES) {
    test(`the ${role.who}'s start page shows its blocks, axe-clean at 1280 and 360 px`, { timeout: STEP_TIMEOUT_MS }, () =>
      env.withPage(async (page) => {
        await page.setViewportSize({ width: 1280, height: 900 });
        await signIn(page, env.server, accountByEmail(env.server, role.email));
        const h2s = (await page.locator('h2').allInnerTexts()).map(squash);
        for (const heading of role.headings) {
          assert.ok(
            h2s.some((h) => h.startsWith(heading)),
            `"${heading}" is a heading of the ${role.who}'s start page; headings: ${h2s.join(' | ')}`,
          );
        }
        const text = await mainText(page);
        assert.doesNotMatch(text, /\b\d{4}-\d{2}-\d{2}\b/, 'no ISO date on the start page');
        await expectNoAxeViolations(page);
        await page.setViewportSize({ width: 360, height: 800 });
        await expectNoAxeViolations(page);
      }),
    );
  }
});
