// The server a browser test runs against, in order of preference:
//   1. SENDQA_BASE_URL: a server someone already runs (`make run`);
//   2. SENDQA_BIN: the sendqa binary, started here on a free port over a
//      fresh database (created through SENDQA_ADMIN_DATABASE_URL, migrated,
//      loaded with the demo data, and dropped afterwards), as
//      `make test-e2e` does;
//   3. otherwise dist/ served by static-server.mjs: the SPA alone, no API.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { baseUrlFromEnv } from './lib.mjs';
import { serveDist } from './static-server.mjs';

const run = promisify(execFile);

/** True when the tests reach a real API, not dist/ alone. */
export const hasRealServer = Boolean(process.env.SENDQA_BASE_URL || process.env.SENDQA_BIN);

async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));

  return port;
}

async function waitUntilReady(url, child, log) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`sendqa serve exited with ${child.exitCode}:\n${log.join('')}`);
    }
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`sendqa was not ready within a minute:\n${log.join('')}`);
}

async function startBinary(bin, extraEnv = {}) {
  const admin = new URL(
    process.env.SENDQA_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  );
  const name = `sendqa_e2e_${process.pid}_${randomBytes(3).toString('hex')}`;
  const database = new URL(admin);
  database.pathname = `/${name}`;
  await run('psql', [admin.href, '-qc', `create database ${name}`]);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Evidence the tests upload goes in a folder of this run's own, removed with its database.
  const evidence = mkdtempSync(join(tmpdir(), 'sendqa-e2e-evidence-'));
  const env = {
    ...process.env,
    DATABASE_URL: database.href,
    SENDQA_HTTP_ADDR: `127.0.0.1:${port}`,
    SENDQA_PUBLIC_URL: url,
    SENDQA_ENV: 'test',
    SENDQA_LOG_LEVEL: 'warn',
    SENDQA_EVIDENCE_URL: `file://${evidence}`,
    ...extraEnv,
  };
  const dropDatabase = async () => {
    rmSync(evidence, { recursive: true, force: true });
    await run('psql', [admin.href, '-qc', `drop database if exists ${name} with (force)`]);
  };

  try {
    await run(bin, ['migrate'], { env });
    await run(bin, ['seed-demo'], { env });
  } catch (error) {
    await dropDatabase();
    throw error;
  }

  const log = [];
  const child = spawn(bin, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk) => log.push(String(chunk)));
  child.stderr.on('data', (chunk) => log.push(String(chunk)));
  try {
    await waitUntilReady(url, child, log);
  } catch (error) {
    child.kill('SIGTERM');
    await dropDatabase();
    throw error;
  }

  return {
    url,
    // For tests that read what the server wrote, such as outbound_mail.
    databaseUrl: database.href,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await dropDatabase();
    },
  };
}

/**
 * Starts (or names) the server under test; `stop` undoes what it started.
 * `env` adds to the environment of a server started here, such as the
 * address of a test's own mail server.
 */
export async function startTarget({ env } = {}) {
  const baseUrl = baseUrlFromEnv();
  if (baseUrl) return { url: baseUrl, stop: async () => {} };

  const bin = process.env.SENDQA_BIN;
  if (bin) return startBinary(bin, env);

  return serveDist();
}
