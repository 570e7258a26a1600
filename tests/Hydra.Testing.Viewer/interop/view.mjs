// Opens the OHIF viewer (its own prebuilt app, served by ViewerHost) in headless Chromium, as a reader would:
// the study list, then the study in the Basic Viewer, until the viewport canvas shows an image. Prints one JSON
// summary line on stdout; the C# test asserts on it. Every request to a host other than 127.0.0.1 is aborted.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const options = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const started = Date.now();
const elapsed = () => Date.now() - started;
const summary = { studyRows: 0, studyListMs: 0, renderedMs: 0, canvas: null, blocked: [], dicomWeb: [], errors: [], screenshot: options.screenshot };

const browser = await chromium.launch({
  executablePath: options.chromium,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    extraHTTPHeaders: options.token ? { Authorization: `Bearer ${options.token}` } : {},
  });
  await context.route('**/*', route => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') {
      return route.continue();
    }
    summary.blocked.push(url.origin);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('response', response => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/dicom-web')) {
      summary.dicomWeb.push({ method: response.request().method(), path: url.pathname + url.search, status: response.status() });
    }
  });
  page.on('pageerror', error => summary.errors.push(String(error.message).slice(0, 300)));

  await page.goto(options.url, { timeout: options.timeoutMs });
  await dismissOverlays(page);
  const rows = page.locator('tbody tr[aria-selected]');
  await rows.first().waitFor({ timeout: options.timeoutMs });
  summary.studyRows = await rows.count();
  summary.studyListMs = elapsed();

  // Opens the study as a user does: select its row, then the Basic Viewer mode.
  const row = options.studyText ? rows.filter({ hasText: options.studyText }).first() : rows.first();
  await row.click();
  await page.getByRole('button', { name: 'Basic Viewer' }).first().click({ timeout: options.timeoutMs });
  await dismissOverlays(page);
  summary.canvas = await waitForImage(page, options.timeoutMs);
  summary.renderedMs = elapsed();
  summary.viewerUrl = page.url();
  await dismissOverlays(page);
  await page.screenshot({ path: options.screenshot });
} catch (error) {
  summary.failure = String(error.message).split('\n')[0];
  try {
    await browser.contexts()[0]?.pages()[0]?.screenshot({ path: options.screenshot });
  } catch {
    // The failure above is what the test reports.
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(summary) + '\n');

// The first-run tour and the investigational-use banner cover the viewport until dismissed.
async function dismissOverlays(page) {
  for (const name of ['Skip all', 'Confirm and hide']) {
    const button = page.getByRole('button', { name });
    if (await button.count() > 0 && await button.first().isVisible()) {
      await button.first().click();
    }
  }
}

// Cornerstone renders off screen and copies each frame into the viewport's 2D canvas: wait until one has
// non-uniform pixels (an image, not the black background), and return what was seen.
async function waitForImage(page, timeoutMs) {
  const handle = await page.waitForFunction(() => {
    for (const canvas of document.querySelectorAll('[data-cy="viewport-pane"] canvas.cornerstone-canvas')) {
      if (canvas.width === 0 || canvas.height === 0) continue;
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      const values = new Set();
      let lit = 0;
      for (let i = 0; i < data.length; i += 4) {
        const grey = data[i] + data[i + 1] + data[i + 2];
        if (grey > 0) lit++;
        if (values.size < 4096) values.add(grey);
      }
      if (values.size > 16) {
        return { width: canvas.width, height: canvas.height, distinctValues: values.size, litFraction: lit / (data.length / 4) };
      }
    }
    return null;
  }, null, { timeout: timeoutMs, polling: 250 });
  return handle.jsonValue();
}
