// Opens advlab reports in Debian's headless chromium at desktop and phone
// widths and checks what a reader would notice: a page wider than the
// screen, an image that does not decode, a link to an anchor or file that
// is not there, text cut off by its figure's edge, a console error.
//
// usage: node check_reports.mjs [--screenshots DIR] REPORT.html [REPORT.html ...]
// Exit status: 0 when every page passes, 1 when any check fails, 2 on bad use.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const kWidths = [1400, 420];
const kChromium = process.env.CHROMIUM || '/usr/bin/chromium';

function parseArgs(argv) {
  const pages = [];
  let screenshots = null;
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--screenshots') {
      screenshots = argv[++i];
      if (!screenshots) usage('--screenshots needs a directory');
    } else {
      pages.push(argv[i]);
    }
  }
  if (pages.length === 0) usage('give at least one REPORT.html');
  for (const page of pages) {
    if (!fs.existsSync(page)) usage(`${page}: not found`);
  }
  return { pages, screenshots };
}

function usage(message) {
  console.error(`check_reports: ${message}\n` +
                'usage: node check_reports.mjs [--screenshots DIR] REPORT.html ...');
  process.exit(2);
}

// Runs inside the page; returns a list of problems as strings.
function inspectPage() {
  const problems = [];
  const doc = document.documentElement;
  // The page itself never scrolls sideways; wide tables scroll in their box.
  if (doc.scrollWidth > window.innerWidth + 1) {
    problems.push(`page is ${doc.scrollWidth} px wide in a ${window.innerWidth} px window`);
  }
  // A figure that gnuplot could not render, or a file the report lost.
  for (const note of document.querySelectorAll('.missing')) {
    problems.push(`missing: ${note.textContent.slice(0, 80)}`);
  }
  if (document.body.textContent.includes('could not be rendered')) {
    problems.push('figures could not be rendered');
  }
  for (const img of document.images) {
    if (!img.complete || img.naturalWidth === 0) {
      problems.push(`image does not decode: ${img.alt || img.src.slice(0, 60)}`);
    }
    const box = img.getBoundingClientRect();
    if (box.right > window.innerWidth + 1) {
      problems.push(`image runs past the window: ${img.alt}`);
    }
  }
  for (const a of document.querySelectorAll('a[href^="#"]')) {
    const id = decodeURIComponent(a.getAttribute('href').slice(1));
    if (!document.getElementById(id)) problems.push(`anchor ${a.getAttribute('href')} has no target`);
  }
  // Every SVG text (titles, tick and axis labels, legends) lies inside its
  // figure's box: gnuplot cuts off what falls outside the viewport.
  for (const [index, svg] of [...document.querySelectorAll('svg')].entries()) {
    const frame = svg.getBoundingClientRect();
    if (frame.width === 0) continue;
    for (const text of svg.querySelectorAll('text')) {
      if (!text.textContent.trim()) continue;
      const box = text.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const slack = 1.5;
      if (box.left < frame.left - slack || box.right > frame.right + slack ||
          box.top < frame.top - slack || box.bottom > frame.bottom + slack) {
        const figure = svg.closest('figure');
        const caption = figure && figure.querySelector('figcaption');
        problems.push(`figure ${index} (${caption ? caption.textContent.slice(0, 50) : 'no caption'}): ` +
                      `text "${text.textContent.trim().slice(0, 40)}" is clipped by the figure's edge`);
      }
    }
  }
  const links = [...document.querySelectorAll('a[href]')]
                    .map((a) => a.getAttribute('href'))
                    .filter((href) => !href.startsWith('#') && !/^[a-z]+:/i.test(href));
  return { problems, links };
}

async function checkPage(browser, file, width, screenshots, index) {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    errors.push(`request failed: ${request.url().slice(0, 80)}`);
  });
  await page.setViewport({ width, height: 900 });
  const url = pathToFileURL(path.resolve(file)).href;
  await page.goto(url, { waitUntil: 'load', timeout: 120000 });
  // Images decode asynchronously; wait for every one before judging it.
  await page.evaluate(async () => {
    await Promise.all([...document.images].map((img) => img.decode().catch(() => {})));
  });
  const { problems, links } = await page.evaluate(inspectPage);
  for (const link of links) {
    const target = path.resolve(path.dirname(file), decodeURIComponent(link.split('#')[0]));
    if (!fs.existsSync(target)) problems.push(`link to a missing file: ${link}`);
  }
  if (screenshots) {
    fs.mkdirSync(screenshots, { recursive: true });
    const name = path.resolve(file).split(path.sep).slice(-2).join('_').replace(/\.html$/, '');
    const shot = path.join(screenshots, `${String(index).padStart(2, '0')}_${name}_${width}.png`);
    await page.screenshot({ path: shot, fullPage: true });
  }
  await page.close();
  return problems.concat(errors);
}

async function main() {
  const { pages, screenshots } = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(kChromium)) {
    console.error(`check_reports: ${kChromium} not found; run tools/install-deps.sh (package chromium)`);
    process.exit(2);
  }
  const browser = await puppeteer.launch({
    executablePath: kChromium,
    headless: true,
    // Containers and CI run as root without a user namespace sandbox.
    args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files',
           // Containers often give /dev/shm 64 MB: tall screenshots need more.
           '--disable-dev-shm-usage'],
    // A loaded 2-core machine starts chromium slowly.
    timeout: 120000,
    protocolTimeout: 300000,
  });
  let failures = 0;
  try {
    for (const [index, file] of pages.entries()) {
      for (const width of kWidths) {
        const problems = await checkPage(browser, file, width, screenshots, index);
        const label = `${file} at ${width} px`;
        if (problems.length === 0) {
          console.log(`ok    ${label}`);
        } else {
          failures += 1;
          console.log(`FAIL  ${label}`);
          for (const problem of problems) console.log(`      ${problem}`);
        }
      }
    }
  } finally {
    await browser.close();
  }
  process.exit(failures ? 1 : 0);
}

main().catch((error) => {
  console.error(`check_reports: ${error.stack || error}`);
  process.exit(1);
});
