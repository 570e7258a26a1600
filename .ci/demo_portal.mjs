// The demo's patient portal step (.ci/demo.sh): the hospital OpenID provider's configuration, and the patient's
// browser. Usage:
//   node demo_portal.mjs provider-config OUT.json PATIENT_ID
//     writes the configuration tests/Hydra.Testing.Oidc/interop/provider.mjs reads (as OidcProvider.cs writes it, cut
//     to the portal's public client): patient jane, whose hospital identifier is PATIENT_ID, and sam, who has no images.
//   node demo_portal.mjs browse PORTAL ACCOUNT SCREENSHOTS EXPECT
//     signs ACCOUNT in to the bridge's patient portal in headless Chromium (npm playwright-core from
//     tests/Hydra.Testing.Viewer/interop) and prints, in plain text, what the pages show; a screenshot of each page
//     goes to SCREENSHOTS. EXPECT (JSON) is what the demo promises, { study: { date, images } | null, reader,
//     reads: [{ service, atLeast, label }] } (study null: this patient must see none); a failed check exits 1.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [mode, ...args] = process.argv.slice(2);
if (mode === 'provider-config') {
  const [out, patientId] = args;
  const patient = (id, identifier) => ({ id, groups: [], extraClaims: { patient: identifier, fhirUser: `Patient/${identifier}` } });
  writeFileSync(out, JSON.stringify({
    adminSecret: randomBytes(16).toString('hex'),
    accessTokenTtlSeconds: 300,
    signingAlgorithm: 'RS256',
    defaultResource: 'https://keystore.hydra.test',
    scopes: ['storage.read:/', 'storage.create:/', 'compute.create'],
    accounts: [patient('jane', patientId), patient('sam', 'MRN-SAM-0002')],
    clients: [{
      client_id: 'hydra-portal', application_type: 'web', token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'], response_types: ['code'],
      redirect_uris: ['https://127.0.0.1/signin-oidc'], post_logout_redirect_uris: ['https://127.0.0.1/signout-callback-oidc'],
    }],
    portalScopes: ['fhirUser', 'launch/patient', 'patient/ImagingStudy.rs'],
    // The bridge's portal listens on a port chosen at start: its https loopback redirects match on any port.
    anyLoopbackPortClients: ['hydra-portal'],
  }));
  process.exit(0);
}
if (mode !== 'browse' || args.length !== 4) {
  console.error('usage: node demo_portal.mjs provider-config OUT.json PATIENT_ID | browse PORTAL ACCOUNT SCREENSHOTS EXPECT');
  process.exit(2);
}

const [portalAddress, account, screenshots, expectJson] = args;
// playwright-core is installed beside the tests' portal driver (bash .ci/setup.sh), not beside this script.
const interop = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../tests/Hydra.Testing.Viewer/interop');
const { chromium } = createRequire(path.join(interop, 'package.json'))('playwright-core');
const portal = new URL(portalAddress);
const expect = JSON.parse(expectJson);
const timeoutMs = 60_000;
const browserPath = '/usr/bin/chromium';
if (!existsSync(browserPath)) {
  console.error(`demo: portal: no ${browserPath} (Debian chromium); run bash .ci/setup.sh`);
  process.exit(1);
}
mkdirSync(screenshots, { recursive: true });

class CheckFailed extends Error {}
const check = (condition, message) => {
  if (!condition) throw new CheckFailed(message);
};

async function screenshot(page, name) {
  const file = path.join(screenshots, `${account}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot: ${file}`);
}

// Prints a table as the page shows it: a header line, then one line per row, columns aligned.
function printTable(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)));
  const line = cells => '  ' + cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ').trimEnd();
  console.log(line(headers));
  rows.forEach(r => console.log(line(r)));
}

const table = async page => ({
  headers: await page.locator('thead th').allTextContents().then(t => t.map(s => s.trim())),
  rows: await page.locator('tbody tr').evaluateAll(rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))),
});

const browser = await chromium.launch({
  executablePath: browserPath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
let page;
let status = 0;
try {
  // The bridge's certificate chains to the dev grid CA, which this browser does not trust.
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1000, height: 800 } });
  // Loopback only: the provider's pages ask for web fonts, which are not needed.
  await context.route('**/*', route => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
  page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);

  await page.goto(portal.href);
  await page.getByRole('link', { name: /sign in/i }).click();
  // The provider's login and consent pages (its development login takes any password), until it sends the browser back.
  for (let step = 0; step < 6 && new URL(page.url()).origin !== portal.origin; step++) {
    await page.waitForLoadState();
    if (await page.locator('input[name="login"]').count() > 0) {
      await page.fill('input[name="login"]', account);
      await page.fill('input[name="password"]', 'demo');
    }
    const before = page.url();
    await Promise.all([page.waitForURL(url => url.href !== before), page.locator('button[type="submit"]').first().click()]);
  }
  await page.waitForURL(url => url.origin === portal.origin && url.pathname === '/');
  check(await page.getByRole('button', { name: /sign out/i }).count() > 0, `${account} is not signed in after the provider's pages`);
  console.log(`${account} signed in at the hospital's provider; the portal shows:`);

  const studies = await table(page);
  if (expect.study === null) {
    const text = (await page.locator('main p').first().textContent())?.trim();
    console.log(`  ${text}`);
    await screenshot(page, 'studies');
    check(studies.rows.length === 0, `${account} sees ${studies.rows.length} studies, and should see none`);
  } else {
    printTable(studies.headers, studies.rows);
    await screenshot(page, 'studies');
    check(studies.rows.length === 1, `${account} sees ${studies.rows.length} studies, not their one study`);
    const [date, , , images] = studies.rows[0];
    check(date === expect.study.date, `the study's date is '${date}', not its real date '${expect.study.date}'`);
    check(images === String(expect.study.images), `the study lists ${images} images, not ${expect.study.images}`);

    await page.locator('tbody tr a').first().click();
    await page.waitForFunction(() => [...document.images].every(img => img.complete));
    const shown = await page.locator('main img').evaluateAll(imgs => imgs.map(img => ({ src: img.getAttribute('src'), alt: img.alt, width: img.naturalWidth, height: img.naturalHeight })));
    check(shown.length > 0, 'the study page shows no image');
    for (const image of shown) {
      // The same request the page made, with its session cookie, to show what the server sent.
      const response = await page.request.get(new URL(image.src, portal).href);
      const body = await response.body();
      console.log(`  image "${image.alt}": ${response.headers()['content-type']} ${body.length} bytes, rendered ${image.width}x${image.height}`);
      check(response.ok() && body.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), `${image.src} is not a PNG (HTTP ${response.status()})`);
      check(image.width > 0 && image.height > 0, `the browser could not decode ${image.src}`);
    }
    await screenshot(page, 'study');

    await page.goto(new URL('/access', portal).href);
    const caption = (await page.locator('caption').first().textContent().catch(() => null))?.trim();
    const access = await table(page);
    console.log(`"Who opened my images": ${caption ?? (await page.locator('main p').first().textContent())?.trim()}`);
    printTable(access.headers, access.rows);
    await screenshot(page, 'access');
    check(access.rows.length > 0, 'the access page lists nobody, not even the reader of steps 6 and 7');
    const column = name => access.headers.indexOf(name);
    const [who, through, result] = [column('Who'), column('Through'), column('Result')];
    check(who >= 0 && through >= 0 && result >= 0, `the access table has no Who, Through or Result column: ${access.headers.join(', ')}`);
    // Each expected read: a service ("directly" for a reader's own client) and how many events at least.
    for (const read of expect.reads) {
      const rows = access.rows.filter(r => r[who] === expect.reader && r[through] === read.service && r[result] === 'Opened');
      check(rows.length >= read.atLeast, `the access table shows ${rows.length} reads by ${expect.reader} ${read.label}, not at least ${read.atLeast}`);
      console.log(`-> ${rows.length} reads by ${expect.reader} ${read.label} listed (through: ${read.service})`);
    }
  }
} catch (error) {
  console.error(`demo: portal: ${error instanceof CheckFailed ? '' : 'the browser failed: '}${String(error.message).split('\n')[0]}`);
  if (page) await screenshot(page, 'failure').catch(() => {});
  status = 1;
} finally {
  await browser.close();
}
process.exit(status);
