// Browser-test harness: a dev node on a free fixed port (so it can be restarted in place), the
// built page served from dist/ on another free port, and headless Debian Chromium driven by
// playwright-core. Everything it starts it stops; screenshots and console logs go to
// dapp/test-output/ (gitignored).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startNode } from '../../scripts/lib/node.js';
import { serveDist as serveBuilt } from '../serve.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DAPP = path.resolve(HERE, '..');
export const OUTPUT = path.join(DAPP, 'test-output');
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Serves dist/ on a free port; resolves with `{ url, close }`. */
export function serveDist() {
  return serveBuilt(0);
}

/** A dev node with instant sealing on a fixed free port and a kept base path. */
export async function startDevNode() {
  const rpcPort = await freePort();
  const basePath = fs.mkdtempSync(path.join(os.tmpdir(), 'defi-dapp-node-'));
  const node = await startNode({ sealing: 'instant', rpcPort, basePath });
  return { ...node, rpcPort, basePath };
}

/** Restarts a node from `startDevNode` on the same port and base path. */
export async function restartDevNode(node) {
  await node.stop();
  return startNode({ sealing: 'instant', rpcPort: node.rpcPort, basePath: node.basePath });
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-extensions',
    ],
  });
}

/** A page that keeps its console log, for failures. */
export async function openPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 1000 } });
  const page = await context.newPage();
  const consoleLog = [];
  page.on('console', (m) => consoleLog.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => consoleLog.push(`[pageerror] ${e.message}`));
  return { page, consoleLog };
}

/** Saves a screenshot as test-output/<name>.png and, if `failed`, the console log beside it. */
export async function record(page, consoleLog, name, failed) {
  fs.mkdirSync(OUTPUT, { recursive: true });
  const shot = path.join(OUTPUT, `${name}.png`);
  await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
  if (failed) fs.writeFileSync(path.join(OUTPUT, `${name}.console.log`), consoleLog.join('\n'));
  return shot;
}

/** Clicks `button` and waits until the transaction shown in `scope` whose title matches `label`
 * is included; fails with the page's error if the chain rejected it. Resolves with the hash of
 * the block the page says it is in (null if it names none). */
export async function clickAndAwaitTx(page, scope, button, label) {
  await page.click(button);
  const handle = await page.waitForFunction(
    ({ scope, source }) => {
      const el = document.querySelector(`${scope} [data-testid="tx-status"]`);
      if (!el || !new RegExp(source).test(el.querySelector('.tx-title')?.textContent ?? '')) return false;
      return ['inBlock', 'finalized', 'failed'].includes(el.dataset.phase) ? el.dataset.phase : false;
    },
    { scope, source: label.source },
    { timeout: 60_000 },
  );
  if ((await handle.jsonValue()) === 'failed') {
    const error = (await page.$(`${scope} [data-testid="tx-error"]`)) ? 'tx-error' : 'tx-status';
    assert.fail(`transaction failed: ${await page.textContent(`${scope} [data-testid="${error}"]`)}`);
  }
  return page.getAttribute(`${scope} [data-testid="tx-status"]`, 'data-block-hash');
}
