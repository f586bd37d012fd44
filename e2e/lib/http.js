// Plain HTTP for tests that need no browser: a visitor with a cookie jar, the forms
// on a page, and signing a demo account in (password, then its current TOTP code).

import { totp } from './totp.js';

export const decode = (s) =>
  s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The value of `name` in one tag's attribute text, or null. */
function attr(tag, name) {
  const m = new RegExp(`\\s${name}(?:="([^"]*)"|(?=[\\s>/]))`, 'i').exec(tag);
  if (!m) return null;
  return decode(m[1] ?? '');
}

/** A cookie jar and a CSRF token for one visitor. */
export class Visitor {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.cookies = new Map();
  }

  async request(method, path, form) {
    const headers = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    let body;
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(form).toString();
      headers.origin = this.baseUrl;
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return { status: res.status, location: res.headers.get('location'), type: res.headers.get('content-type') ?? '', body: await res.text() };
  }

  async get(path) {
    let r = await this.request('GET', path);
    for (let hops = 0; r.status >= 300 && r.status < 400 && r.location && hops < 5; hops++) {
      r = await this.request('GET', new URL(r.location, this.baseUrl + path).pathname);
    }
    return r;
  }
}

/** Every `<form method="post">` on a page: its action, hidden fields, visible fields and named buttons. */
export function postForms(html) {
  const forms = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    if ((attr(m[1], 'method') ?? '').toLowerCase() !== 'post') continue;
    const action = attr(m[1], 'action');
    if (!action) continue;
    const hidden = [];
    const visible = [];
    const buttons = [];
    for (const t of m[2].matchAll(/<(input|textarea|select|button)\b([^>]*)>/gi)) {
      const kind = t[1].toLowerCase();
      const name = attr(t[2], 'name');
      const type = (attr(t[2], 'type') ?? (kind === 'button' ? 'submit' : 'text')).toLowerCase();
      if (kind === 'button' || type === 'submit') {
        if (name) buttons.push([name, attr(t[2], 'value') ?? '']);
      } else if (type === 'hidden') {
        if (name) hidden.push([name, attr(t[2], 'value') ?? '']);
      } else if (name) {
        visible.push(name);
      }
    }
    forms.push({ action, hidden, visible, buttons });
  }
  return forms;
}

/** A route pattern as a RegExp on a path: `{name}` is one segment. */
export const routeRegExp = (pattern) =>
  new RegExp(
    `^${pattern
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\{\*[a-z_]+\}/g, '.+')
      .replace(/\{[a-z_]+\}/g, '[^/]+')}$`,
  );

/** A visitor signed in as the demo `account` (from `startServer().accounts`). */
export async function signedIn(server, account) {
  const v = new Visitor(server.baseUrl);
  const page = await v.get('/aanmelden');
  const csrf = postForms(page.body)[0].hidden.find(([n]) => n === 'csrf')[1];
  const r = await v.request('POST', '/aanmelden', [['csrf', csrf], ['email', account.email], ['password', server.password]]);
  const codeCsrf = postForms((await v.get(new URL(r.location, server.baseUrl).pathname)).body)[0].hidden.find(([n]) => n === 'csrf')[1];
  const done = await v.request('POST', '/aanmelden/code', [['csrf', codeCsrf], ['code', totp(account.secret)]]);
  if (done.location !== '/start') throw new Error(`${account.email} did not sign in: ${done.status} ${done.location}`);
  return v;
}
