// The regisseur's consent page (/gezinnen/{id}/toestemming): filling in the
// form "Toestemming vastleggen" and reading the table of recorded consents.

import assert from 'node:assert/strict';

import { squash } from './flow.js';

/** The form "Toestemming vastleggen" on the consent page. */
export function consentForm(page) {
  return page.locator('main form').filter({ has: page.locator('#step') });
}

/**
 * Fills in "Toestemming vastleggen" (does not submit):
 * `step` (option value, e.g. 'save_guidance'), `organisation` (option label,
 * e.g. 'SAVE Jeugdbescherming'), `purpose`, `categories` (codes: identity,
 * network, plan, notes), `children` and `givenBy` (label prefixes of the
 * member checkboxes, e.g. 'Jip Zwanenburg'), `form` ('spoken' or 'written'),
 * `givenOn` and optional `endsOn` (yyyy-mm-dd). Checkboxes not named are
 * left unchecked.
 */
export async function fillConsent(page, { step, organisation, purpose, categories, children, givenBy, form = 'spoken', givenOn, endsOn }) {
  const f = consentForm(page);
  assert.equal(await f.count(), 1, 'the consent page must have exactly one form "Toestemming vastleggen" (with #step)');

  await f.locator('#step').selectOption(step);
  await f.locator('#organisation').selectOption({ label: organisation });
  await f.locator('#purpose').fill(purpose);

  const allCategories = await f.locator('input[name="categories"]').evaluateAll((els) => els.map((e) => e.value));
  for (const code of allCategories) {
    await f.locator(`#categories-${code}`).setChecked(categories.includes(code));
  }
  for (const code of categories) {
    assert.ok(allCategories.includes(code), `the form must offer category ${code}; it offers ${JSON.stringify(allCategories)}`);
  }

  await checkPeople(f.getByRole('group', { name: 'Voor welke kinderen' }), children, 'Voor welke kinderen');
  await checkPeople(f.getByRole('group', { name: 'Gegeven door' }), givenBy, 'Gegeven door');

  await f.locator('#form').selectOption(form);
  await f.locator('#given_on').fill(givenOn);
  await f.locator('#ends_on').fill(endsOn ?? '');
}

/** Checks exactly the checkboxes in `group` whose label starts with one of `names`. */
async function checkPeople(group, names, what) {
  assert.equal(await group.count(), 1, `the consent form must have one fieldset "${what}"`);
  const boxes = group.getByRole('checkbox');
  const labels = [];
  for (let i = 0; i < (await boxes.count()); i += 1) {
    const box = boxes.nth(i);
    const id = await box.getAttribute('id');
    const label = squash(await group.locator(`label[for="${id}"]`).innerText());
    labels.push(label);
    await box.setChecked(names.some((name) => label.startsWith(name)));
  }
  for (const name of names) {
    assert.ok(
      labels.some((label) => label.startsWith(name)),
      `"${what}" must offer ${name}; it offers ${JSON.stringify(labels)}`,
    );
  }
}

/** The rows of the table "Vastgelegde toestemmingen", each as an array of squashed cell texts. */
export async function consentRows(page) {
  const rows = page.locator('main table.consents tbody tr');
  const out = [];
  for (let i = 0; i < (await rows.count()); i += 1) {
    out.push((await rows.nth(i).locator('td').allInnerTexts()).map(squash));
  }
  return out;
}
