import { startServer } from './lib/server.js';
import { launch } from './lib/browser.js';
import { signIn, accountByEmail } from './lib/flow.js';
const server = await startServer({});
const browser = await launch();
const acc = accountByEmail(server, 'sanne.devries@lokalis.example');
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await ctx.newPage();
await signIn(page, server, acc);
const link = await page.locator('main a[href^="/gezinnen/"]').first().getAttribute('href').catch(() => null);
for (const [w, h, tag] of [[1280, 900, 'wide'], [360, 780, 'phone']]) {
  await page.setViewportSize({ width: w, height: h });
  for (const [p, name] of [['/start', 'start'], ['/berichten', 'berichten'], ['/berichten/e-mail', 'mail']]) {
    await page.goto(server.baseUrl + p);
    await page.screenshot({ path: `/tmp/shots/${name}-${tag}.png`, fullPage: true });
  }
  if (link) {
    const fam = link.split('/').slice(0, 3).join('/');
    await page.goto(server.baseUrl + fam + '/documenten');
    await page.screenshot({ path: `/tmp/shots/docs-${tag}.png`, fullPage: true });
  }
}
await browser.close();
await server.stop();
