// Starts and stops the eenplan server binary for a test file.
//
//   eenplan demo  --database sqlite://<tmp>/demo.sqlite --no-serve   (creates demo data, exits 0)
//   eenplan serve --database sqlite://<tmp>/demo.sqlite --listen 127.0.0.1:<port> --insecure-cookies
//                 [--session-idle-seconds N]
//
// The demo's stdout lists the demo accounts (e-mail, name, organisation, TOTP
// secret, and a role on some lines) and their shared password; startServer()
// returns them parsed.
//
// Every wait here is bounded; failures carry the server's stderr.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '..', '..');

/** The server binary: $EENPLAN_BIN, else target/debug/eenplan in the repo. */
export const EENPLAN_BIN = process.env.EENPLAN_BIN
  ? path.resolve(process.env.EENPLAN_BIN)
  : path.join(REPO_ROOT, 'target', 'debug', 'eenplan');

const DEMO_TIMEOUT_MS = 60_000;
const HEALTHY_TIMEOUT_MS = 30_000;
const HEALTH_POLL_INTERVAL_MS = 100;
const HEALTH_REQUEST_TIMEOUT_MS = 2_000;
const TERM_GRACE_MS = 10_000;
const KILL_WAIT_MS = 5_000;
const MAX_LOG_CHARS = 64 * 1024;
const VERBOSE = Boolean(process.env.EENPLAN_E2E_VERBOSE);
const KEEP_TMP = Boolean(process.env.EENPLAN_E2E_KEEP_TMP);

/** Children still running, killed if this process goes away without stopping them. */
const live = new Set();
process.on('exit', () => {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Keeps the last MAX_LOG_CHARS characters of a stream. */
function collect(stream, label) {
  const log = { text: '' };
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    if (VERBOSE) process.stderr.write(`[${label}] ${chunk}`);
    log.text += chunk;
    if (log.text.length > MAX_LOG_CHARS) log.text = log.text.slice(-MAX_LOG_CHARS);
  });
  return log;
}

function indent(text) {
  const t = text.trim();
  return t ? t.replace(/^/gm, '    ') : '    (empty)';
}

/** Runs `child` to completion; resolves with { code, signal } or rejects on timeout/spawn error. */
function spawnChild(args, label) {
  const child = spawn(EENPLAN_BIN, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  live.add(child);
  const stdout = collect(child.stdout, `${label} stdout`);
  const stderr = collect(child.stderr, `${label} stderr`);
  const exited = new Promise((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
    child.once('exit', (code, signal) => resolve({ code, signal, error: null }));
  });
  exited.then(() => live.delete(child));
  return { child, stdout, stderr, exited };
}

/** Waits for `promise` at most `ms`; resolves with its value or `fallback`. */
async function within(promise, ms, fallback) {
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close((err) => (err ? reject(err) : resolve(port)));
    });
  });
}

/** How long the demo may take: longer for a bigger data set. */
export function demoTimeoutMs(families) {
  return DEMO_TIMEOUT_MS + (families ?? 0) * 60;
}

async function runDemo(databaseUrl, families) {
  const args = ['demo', '--database', databaseUrl, '--no-serve'];
  if (families !== undefined) args.push('--families', String(families));
  const { child, stdout, stderr, exited } = spawnChild(args, 'demo');
  const TIMED_OUT = Symbol('timeout');
  const result = await within(exited, demoTimeoutMs(families), TIMED_OUT);
  if (result === TIMED_OUT) {
    child.kill('SIGKILL');
    await within(exited, KILL_WAIT_MS);
    throw new Error(
      `\`eenplan ${args.join(' ')}\` did not finish within ${demoTimeoutMs(families) / 1000} s\n  stderr:\n${indent(stderr.text)}`,
    );
  }
  if (result.error || result.code !== 0) {
    const why = result.error ? `failed to start: ${result.error.message}` : `exited with code ${result.code} signal ${result.signal}`;
    throw new Error(
      `\`eenplan ${args.join(' ')}\` ${why}\n  stdout:\n${indent(stdout.text)}\n  stderr:\n${indent(stderr.text)}`,
    );
  }
  return stdout.text;
}

// One account line of the demo's table:
//   [role]  e-mail  name (may contain single spaces)  organisation  BASE32SECRET
const ACCOUNT_LINE =
  /^\s*(?:(?<role>[a-z][a-z0-9_]*)\s+)?(?<email>[^\s@]+@[^\s@]+\.[^\s@]+)\s+(?<name>\S.*?)\s{2,}(?<organisation>\S+)\s+(?<secret>[A-Z2-7]{16,}=*)\s*$/;
const PASSWORD_LINE = /password[^:\n]*:\s*(\S+)/i;

/**
 * Parses the demo's stdout into `{ accounts, password }`, where each account is
 * `{ email, role, name, organisation, secret }` (`role` is null when the line
 * has no role column). Throws with the output if nothing usable was found.
 */
export function parseDemoOutput(text) {
  const accounts = [];
  for (const line of text.split(/\r?\n/)) {
    const m = ACCOUNT_LINE.exec(line);
    if (!m) continue;
    const { role, email, name, organisation, secret } = m.groups;
    accounts.push({ email, role: role ?? null, name, organisation, secret });
  }
  const password = PASSWORD_LINE.exec(text)?.[1] ?? null;
  if (accounts.length === 0 || !password) {
    throw new Error(
      `could not parse the demo accounts (${accounts.length} found) and password (${password ? 'found' : 'missing'}) from \`eenplan demo\` stdout:\n${indent(text)}`,
    );
  }
  return { accounts, password };
}

/** Polls GET /healthz until 200, the process exits, or the deadline passes. */
async function waitHealthy(baseUrl, server) {
  const deadline = Date.now() + HEALTHY_TIMEOUT_MS;
  let exit = null;
  server.exited.then((e) => {
    exit = e;
  });
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (exit) return { ok: false, exit, lastProblem };
    try {
      const res = await fetch(`${baseUrl}/healthz`, {
        signal: AbortSignal.timeout(HEALTH_REQUEST_TIMEOUT_MS),
      });
      await res.arrayBuffer().catch(() => {});
      if (res.status === 200) return { ok: true };
      lastProblem = `GET /healthz answered ${res.status}`;
    } catch (err) {
      lastProblem = `GET /healthz failed: ${err.cause?.code ?? err.name}: ${err.cause?.message ?? err.message}`;
    }
    await sleep(HEALTH_POLL_INTERVAL_MS);
  }
  return { ok: false, exit, lastProblem, timedOut: true };
}

/** Sends SIGTERM, waits up to TERM_GRACE_MS, then SIGKILL. Resolves with how it ended. */
async function terminate(server) {
  const { child, exited } = server;
  if (child.exitCode !== null || child.signalCode !== null) return { ...(await exited), killed: false };
  child.kill('SIGTERM');
  const NOT_YET = Symbol('not yet');
  let result = await within(exited, TERM_GRACE_MS, NOT_YET);
  if (result !== NOT_YET) return { ...result, killed: false };
  child.kill('SIGKILL');
  result = await within(exited, KILL_WAIT_MS, NOT_YET);
  if (result === NOT_YET) return { code: null, signal: null, killed: true, stuck: true };
  return { ...result, killed: true };
}

/**
 * Creates a temp dir with a demo database, starts `eenplan serve
 * --insecure-cookies` (plain HTTP on loopback) on a free port and waits until
 * /healthz answers 200. `idleSeconds` shortens the session idle timeout
 * (`--session-idle-seconds`; the server caps it at 900). `families` sets the
 * demo's number of synthetic families (`--families`; the demo's default otherwise).
 *
 * Returns `{ baseUrl, port, tmpDir, databaseUrl, accounts, password, account(), stderr(), stop() }`.
 * `accounts` are `{ email, role, name, organisation, secret }` from the demo's
 * output; `account(role)` returns the first account with that role (throws if none).
 * `stop()` is idempotent and resolves with `{ code, signal, killed }`.
 */
export async function startServer({ idleSeconds, families } = {}) {
  if (idleSeconds !== undefined && !(Number.isInteger(idleSeconds) && idleSeconds > 0)) {
    throw new Error(`idleSeconds must be a positive integer, got ${idleSeconds}`);
  }
  if (!existsSync(EENPLAN_BIN)) {
    throw new Error(`server binary not found at ${EENPLAN_BIN}; run \`cargo build\` first or set EENPLAN_BIN`);
  }
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'eenplan-e2e-'));
  const cleanup = () => (KEEP_TMP ? Promise.resolve() : rm(tmpDir, { recursive: true, force: true }));
  const databaseUrl = `sqlite://${path.join(tmpDir, 'demo.sqlite')}`;
  try {
    const { accounts, password } = parseDemoOutput(await runDemo(databaseUrl, families));
    const account = (role) => {
      const found = accounts.find((a) => a.role === role);
      if (!found) throw new Error(`no demo account with role ${role}; roles: ${accounts.map((a) => a.role).filter(Boolean).join(', ')}`);
      return found;
    };

    // The port may be taken between freePort() and the bind; retry a few times
    // if the server dies before it ever became healthy.
    let failure = '';
    for (let attempt = 1; attempt <= 3; attempt++) {
      const port = await freePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      const args = ['serve', '--database', databaseUrl, '--listen', `127.0.0.1:${port}`, '--insecure-cookies'];
      if (idleSeconds !== undefined) args.push('--session-idle-seconds', String(idleSeconds));
      const server = spawnChild(args, 'serve');
      const health = await waitHealthy(baseUrl, server);
      if (health.ok) {
        let stopped;
        return {
          baseUrl,
          port,
          tmpDir,
          databaseUrl,
          accounts,
          password,
          account,
          stderr: () => server.stderr.text,
          stop() {
            stopped ??= terminate(server).then(async (result) => {
              if (result.killed) {
                process.stderr.write(
                  `warning: eenplan serve did not exit within ${TERM_GRACE_MS / 1000} s of SIGTERM; killed it\n`,
                );
              }
              await cleanup();
              return result;
            });
            return stopped;
          },
        };
      }
      const end = await terminate(server);
      const how = health.timedOut
        ? `did not answer 200 on /healthz within ${HEALTHY_TIMEOUT_MS / 1000} s (last: ${health.lastProblem})`
        : health.exit.error
          ? `failed to start: ${health.exit.error.message}`
          : `exited early with code ${end.code} signal ${end.signal}`;
      failure = `\`eenplan ${args.join(' ')}\` ${how}\n  stderr:\n${indent(server.stderr.text)}`;
      const portClash = !health.timedOut && /address (already )?in use|EADDRINUSE/i.test(server.stderr.text);
      if (!portClash) break;
    }
    throw new Error(failure);
  } catch (err) {
    await cleanup().catch(() => {});
    throw err;
  }
}
