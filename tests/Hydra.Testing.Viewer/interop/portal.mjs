// Drives the bridge's patient portal in headless Chromium as a patient would: sign in at the hospital's OpenID provider
// (its login and consent pages), read the studies, open a study and its images, download the zip, read "who opened my
// images", try forged addresses, sign out, then replay the old session cookie in a fresh browser. Prints one JSON
// summary line on stdout; the C# test asserts on it. Every request to a host other than 127.0.0.1 is aborted (and
// reported when a portal page made it).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const options = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const summary = {
  signedIn: false, studies: [], images: [], zip: null, accessRows: [], accessCaption: null, forged: [],
  signedOut: false, replaySignedIn: null, blocked: [], screenshots: [], failure: null,
};
const portal = new URL(options.portal);
let shot = 0;

const browser = await chromium.launch({
  executablePath: options.chromium,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});

async function newContext() {
  // The bridge's dev certificate chains to the dev grid CA, which this browser does not trust.
  const context = await browser.newContext({ ignoreHTTPSErrors: true, acceptDownloads: true, viewport: { width: 390, height: 844 } });
  await context.route('**/*', route => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    // The provider's own pages load web fonts (aborted, harmless); the portal's pages must ask for nothing outside.
    if (new URL(route.request().frame().url()).origin === portal.origin) summary.blocked.push(url.origin);
    return route.abort();
  });
  return context;
}

async function screenshot(page, name) {
  const file = path.join(options.screenshots, `${options.prefix}-${String(++shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  summary.screenshots.push(file);
}

// Clicks a form's button and waits until the browser has left the page's address.
async function submitAndLeave(page, button) {
  const before = page.url();
  await Promise.all([page.waitForURL(url => url.href !== before), button.click()]);
}

const onPortal = page => new URL(page.url()).origin === portal.origin;

try {
  const context = await newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(options.timeoutMs);
  await page.goto(portal.href);
  await screenshot(page, 'start');
  await page.getByRole('link', { name: /sign in/i }).click();

  // The provider's pages: login, then consent, until it sends the browser back to the portal.
  for (let step = 0; step < 6 && !onPortal(page); step++) {
    await page.waitForLoadState();
    if (await page.locator('input[name="login"]').count() > 0) {
      await page.fill('input[name="login"]', options.account);
      await page.fill('input[name="password"]', 'any');
    }
    await submitAndLeave(page, page.locator('button[type="submit"]').first());
  }
  await page.waitForURL(url => url.origin === portal.origin && url.pathname === '/');
  summary.signedIn = await page.getByRole('button', { name: /sign out/i }).count() > 0;
  summary.studies = await page.locator('tbody tr a').evaluateAll(links => links.map(a => ({ text: a.textContent.trim(), href: a.getAttribute('href') })));
  await screenshot(page, 'studies');

  if (summary.studies.length > 0) {
    await page.goto(new URL(summary.studies[0].href, portal).href);
    await page.waitForFunction(() => [...document.images].every(img => img.complete));
    summary.images = await page.locator('img').evaluateAll(images => images.map(img => ({ src: img.getAttribute('src'), alt: img.alt, naturalWidth: img.naturalWidth })));
    await screenshot(page, 'study');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /download/i }).click()]);
    summary.zip = path.join(options.screenshots, `${options.prefix}-study.zip`);
    await download.saveAs(summary.zip);
  }

  await page.goto(new URL('/access', portal).href);
  summary.accessCaption = await page.locator('caption').first().textContent().catch(() => null);
  summary.accessRows = await page.locator('tbody tr').evaluateAll(rows => rows.map(r => [...r.cells].map(c => c.textContent.trim())));
  await screenshot(page, 'access');

  for (const forged of options.forged ?? []) {
    const response = await page.goto(new URL(forged, portal).href);
    summary.forged.push({ path: forged, status: response.status() });
  }
  if ((options.forged ?? []).length > 0) await screenshot(page, 'forged');

  await page.goto(portal.href);
  const cookies = await context.cookies(portal.href);
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: /sign out/i }).click()]);

  // The provider asks whether to end its session too; say yes, and it returns the browser to the portal.
  for (let step = 0; step < 4 && !onPortal(page); step++) {
    await page.waitForLoadState();
    const confirm = page.locator('button[name="logout"], button[type="submit"]').first();
    if (await confirm.count() === 0) break;
    await submitAndLeave(page, confirm);
  }
  await page.waitForURL(url => url.origin === portal.origin);
  summary.signedOut = await page.getByRole('link', { name: /sign in/i }).count() > 0;
  await screenshot(page, 'signed-out');

  // A thief's browser with the cookies copied before logout: the session must be over.
  const replay = await newContext();
  await replay.addCookies(cookies.filter(c => c.name.startsWith('__Host-hydra-session')));
  const replayPage = await replay.newPage();
  await replayPage.goto(portal.href);
  summary.replaySignedIn = await replayPage.getByRole('button', { name: /sign out/i }).count() > 0;
  await screenshot(replayPage, 'replayed-cookie');
} catch (error) {
  summary.failure = String(error.message).split('\n')[0];
  try {
    const pages = browser.contexts().flatMap(c => c.pages());
    if (pages.length > 0) await screenshot(pages[pages.length - 1], 'failure');
  } catch {
    // The failure above is what the test reports.
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(summary) + '\n');
