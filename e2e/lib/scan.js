// What a person must never read on a page (issue 14 §4): ISO dates and times, route
// patterns and API paths, and codes from the domain's closed lists. The codes come
// from the binary (`eenplan codes --json`), the pages from its route table
// (`eenplan routes --json`), so neither list is typed into a test.

import { execFileSync } from 'node:child_process';

import { EENPLAN_BIN } from './server.js';

/** Runs a hidden `eenplan` subcommand that prints JSON and parses its output. */
function eenplanJson(...args) {
  const out = execFileSync(EENPLAN_BIN, [...args, '--json'], { encoding: 'utf8', timeout: 30_000 });
  return JSON.parse(out);
}

/** Every GET page route of the route table: `{ path, policy, family }`. */
export function pageRoutes() {
  return eenplanJson('routes');
}

/** Every value of every closed list: `{ list, code, label_nl, label_en }`. */
export function everyCode() {
  return eenplanJson('codes');
}

const WORD_CHAR = '[\\p{L}\\p{N}_]';

/**
 * The codes the scanner looks for. A code that a person may read as a word is left out:
 * one that equals a label of any list in either language (`school`), or that is a word
 * of a Dutch label (`plan` in "Het plan"): it cannot be told apart from the text. So is
 * a code of one or two letters, which matches too much ordinary text to mean anything.
 */
export function codesToFind(codes) {
  const words = new Set();
  for (const c of codes) {
    words.add(c.label_nl.toLowerCase());
    words.add(c.label_en.toLowerCase());
    for (const w of c.label_nl.toLowerCase().split(/[^\p{L}\p{N}_]+/u)) if (w) words.add(w);
  }
  const found = new Map();
  for (const c of codes) {
    if (c.code.length < 3 || words.has(c.code.toLowerCase())) continue;
    if (!found.has(c.code)) found.set(c.code, c);
  }
  return [...found.values()];
}

/** `{ rule, match }` rules for what is not a code. */
const PATTERNS = [
  // 2026-12-05, also inside a timestamp.
  { rule: 'iso-date', re: /(?<![\p{N}])\d{4}-\d{2}-\d{2}(?![\p{N}])/gu },
  // T14:30, 14:30:05.123456, 14:30:05Z, 14:30:05+01:00: what only a machine writes.
  { rule: 'iso-time', re: /T\d{2}:\d{2}|\b\d{2}:\d{2}:\d{2}(?:[.,]\d+|Z|[+-]\d{2}:?\d{2})/gu },
  // /gezinnen/{family}, {*path}
  { rule: 'route-pattern', re: /\{\*?[a-z_]+\}/g },
  { rule: 'api-path', re: /\/api\/v\d/g },
];

/**
 * The scanner. `scan(text)` returns the findings in `text`, each
 * `{ rule, match, context }` (`rule` is `code:<list>` for a code), or `[]`.
 */
export function scanner(codes) {
  const byCode = new Map(codesToFind(codes).map((c) => [c.code, c]));
  const escaped = [...byCode.keys()]
    .sort((a, b) => b.length - a.length)
    .map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // A code as a whole token: not inside a longer word, a snake_case name or a path.
  const codeRe = new RegExp(`(?<!${WORD_CHAR}|[-/.@])(?:${escaped.join('|')})(?!${WORD_CHAR}|-${WORD_CHAR})`, 'gu');
  return function scan(text) {
    const findings = [];
    const context = (index, length) =>
      text
        .slice(Math.max(0, index - 40), index + length + 40)
        .replace(/\s+/g, ' ')
        .trim();
    for (const { rule, re } of PATTERNS) {
      for (const m of text.matchAll(re)) findings.push({ rule, match: m[0], context: context(m.index, m[0].length) });
    }
    for (const m of text.matchAll(codeRe)) {
      findings.push({ rule: `code:${byCode.get(m[0]).list}`, match: m[0], context: context(m.index, m[0].length) });
    }
    return findings;
  };
}

/** The visible text of the page: what `innerText` gives (no hidden elements, no closed `<details>`). */
export function visibleText(page) {
  return page.evaluate(() => document.body.innerText);
}

/** Formats findings as lines for a failure message. */
export function formatFindings(findings) {
  return findings.map((f) => `      - ${f.rule} "${f.match}" in "…${f.context}…"`).join('\n');
}
