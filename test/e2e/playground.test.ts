/**
 * The playground in a real browser (Debian's Chromium via playwright-core): a person types the
 * check command with the keyboard, sees FAIL, opens the remediation modal, changes the world,
 * clicks Recheck and sees PASS in the same message, then sends a bad (and hostile) command and sees
 * the usage answer as text. Without /usr/bin/chromium the test is skipped outside CI and fails in CI.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../src/sandbox/demo/start-demo.js';
import { startPlayground, type Playground } from '../../src/sandbox/playground/index.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const inCi = process.env['CI'] === 'true';
const skip = !hasChromium && !inCi;
if (skip) {
  console.warn(`playground browser test skipped: ${CHROMIUM} is missing (install it: apt-get install -y chromium). With CI=true this test fails instead.`);
}

const JOB = 'vision-resnet-open-ssh';
const WAIT = { timeout: 15_000 };

let demo: Demo;
let playground: Playground;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  demo = await startDemo({ env: { SAGEMAKER_MAX_RPS: '100' } });
  playground = await startPlayground({ demo, port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // CSP violations and script errors show up here: the page must have none.
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
});

afterAll(async () => {
  await browser?.close();
  await playground?.close();
  await demo?.close();
});

describe('the playground in Chromium', () => {
  it.skipIf(skip)('check → FAIL → remediation modal → change the world → Recheck → PASS → usage answer', async () => {
    // In CI a missing browser is a failure of this test, not a silent skip.
    if (!hasChromium) throw new Error(`CI=true but ${CHROMIUM} is missing: install it with apt-get install -y chromium (.ci/run does)`);
    await page.goto(`http://127.0.0.1:${playground.port}/`);
    await page.getByText('Live: bot in HTTP mode').waitFor(WAIT);
    const input = page.getByRole('textbox', { name: 'Message #general' });
    await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('composer-input');

    // Keyboard only: Tab completes the command and the job name, Enter sends.
    await page.keyboard.type('/sag');
    await page.keyboard.press('Tab');
    await page.keyboard.type('check vision-resnet-o');
    await page.keyboard.press('Tab');
    expect(await input.inputValue()).toBe(`/sagemaker-vpc check ${JOB}`);
    await page.keyboard.press('Enter');

    const report = page.locator('.msg', { has: page.locator('h3', { hasText: `FAIL — ${JOB}` }) });
    await report.waitFor(WAIT);
    const ts = await report.getAttribute('data-ts');
    await expect.poll(() => input.inputValue()).toBe('');
    await page.keyboard.press('ArrowUp');
    expect(await input.inputValue()).toBe(`/sagemaker-vpc check ${JOB}`);
    await input.fill('');

    await report.getByRole('button', { name: 'Show remediation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remediation' });
    await dialog.locator('pre', { hasText: 'revoke-security-group-ingress' }).first().waitFor(WAIT);
    expect(await dialog.locator('pre', { hasText: 'describe-network-interfaces' }).count()).toBeGreaterThan(0);
    expect(await dialog.getByRole('button', { name: 'Copy code' }).count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', ...WAIT });
    await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Show remediation');

    await page.getByRole('button', { name: 'Revoke the open SSH rule' }).click();
    await page.getByRole('button', { name: 'Restore the open SSH rule' }).waitFor(WAIT);
    await report.getByRole('button', { name: 'Recheck' }).click();

    const same = page.locator(`.msg[data-ts="${ts}"]`);
    await same.getByText('was FAIL, now PASS').waitFor(WAIT);
    expect(await same.locator('h3').textContent()).toContain(`PASS — ${JOB}`);
    expect(await page.locator('.msg h3', { hasText: JOB }).count()).toBe(1);
    // The README's picture: PLAYGROUND_DOCS_SCREENSHOT=docs/playground.png npx vitest run test/e2e/playground.test.ts
    const docsShot = process.env['PLAYGROUND_DOCS_SCREENSHOT'];
    if (docsShot) await page.screenshot({ path: docsShot });

    await input.fill('/sagemaker-vpc chekc <img src=x onerror=alert(1)>');
    await input.press('Enter');
    const usage = page.locator('.msg.ephemeral', { hasText: 'unknown command "chekc"' });
    await usage.getByText('Usage').waitFor(WAIT);
    expect(await usage.getByText('Only visible to you').count()).toBe(1);
    expect(await usage.textContent()).toContain('/sagemaker-vpc chekc <img src=x onerror=alert(1)>');
    expect(await page.locator('img').count()).toBe(0);

    await mkdir('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/playground.png' });
    expect(problems).toEqual([]);
  }, 60_000);
});
