// Driven by tools/browser-test (which sets NODE_PATH, CHROMIUM, JAR and OUT).
'use strict';
const { spawn } = require('child_process');
const net = require('net');
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');

const JAR = process.env.JAR;
const OUT = process.env.OUT;
let passed = 0;
let failed = 0;

function check(name, ok, detail) {
  if (ok) { passed++; console.log('ok   ' + name); } else { failed++; console.log('FAIL ' + name + (detail ? '\n     ' + detail : '')); }
}

function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

async function until(what, fn, ms = 10000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) { return v; }
    if (Date.now() > deadline) { throw new Error('timed out waiting for ' + what); }
    await sleep(50);
  }
}

/** --NAME-port off for every protocol of tools/protocols (written from app/Protocols) but `kept`. */
function othersOff(...kept) {
  const table = fs.readFileSync(path.join(__dirname, 'protocols'), 'utf8');
  const names = table.split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split(/\s+/)[0]);
  return names.filter((n) => !kept.includes(n)).flatMap((n) => [`--${n}-port`, 'off']);
}

/** Starts the daemon (chat and web only); resolves with its ports once both listen. */
function startDaemon(chatPort, webPort) {
  const args = ['-jar', JAR, 'serve', ...othersOff('chat', 'web'), '--chat-port', String(chatPort), '--web-port', String(webPort), '--drain-timeout', '1'];
  const proc = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const ports = {};
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('daemon did not start: ' + stderr)), 30000);
    proc.stdout.on('data', (d) => {
      out += d;
      for (const m of out.matchAll(/^listening (\S+) \S+:(\d+)\n/gm)) { ports[m[1]] = Number(m[2]); }
      if (ports.chat && ports.web) { clearTimeout(timer); resolve({ proc, ports }); }
    });
    proc.on('exit', (code) => reject(new Error('daemon exited ' + code + ': ' + stderr)));
  });
}

function stopDaemon(d) {
  return new Promise((resolve) => { d.proc.removeAllListeners('exit'); d.proc.on('exit', resolve); d.proc.kill('SIGTERM'); });
}

/** A plain TCP chat client, as nc would be: lines in, lines out. */
function tcpClient(port) {
  const sock = net.createConnection(port, '127.0.0.1');
  const lines = [];
  let buf = '';
  sock.setEncoding('utf8');
  sock.on('data', (d) => { buf += d; let i; while ((i = buf.indexOf('\n')) >= 0) { lines.push(buf.slice(0, i)); buf = buf.slice(i + 1); } });
  sock.on('error', () => {});
  return {
    lines,
    send: (line) => sock.write(line + '\n'),
    waitFor: (re, ms) => until('nc line ' + re, () => lines.find((l) => re.test(l)), ms),
    close: () => sock.destroy(),
  };
}

async function pageLines(page) {
  return page.$$eval('#lines li', (els) => els.map((e) => ({ text: e.textContent, cls: e.className })));
}

async function waitForLine(page, re, ms) {
  return until('page line ' + re, async () => (await pageLines(page)).find((l) => re.test(l.text)), ms);
}

async function main() {
  let daemon = await startDaemon(0, 0);
  const { chat, web } = daemon.ports;
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM,
    headless: true,
    userDataDir: fs.mkdtempSync(path.join(OUT, 'profile-')),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  const nc = tcpClient(chat);
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') { errors.push(m.text()); } });
    await page.setViewport({ width: 1000, height: 700 });
    console.log('# daemon ports: chat ' + chat + ', web ' + web);
    await page.goto('http://127.0.0.1:' + web + '/', { waitUntil: 'load' });
    for (const label of ['message', 'name', 'room', 'members']) {
      check('the page has aria-label ' + label, (await page.$('[aria-label="' + label + '"]')) !== null);
    }
    const welcome = await waitForLine(page, /^\* welcome \S+$/);
    const guest = welcome.text.split(' ')[2];
    check('the page joins the chat and is welcomed', !!guest, welcome.text);
    await nc.waitFor(/^\* welcome /);
    const ncName = (await nc.waitFor(/^\* welcome /)).split(' ')[2];

    await page.type('[aria-label="message"]', 'hello from chromium');
    await page.keyboard.press('Enter');
    const seen = await nc.waitFor(/hello from chromium$/).catch(() => null);
    check('a line typed in the page reaches the TCP client', seen === '<' + guest + '> hello from chromium', seen);
    const own = await waitForLine(page, /^hello from chromium$/).catch(() => null);
    check('the page marks its own line', own && /own/.test(own.cls), JSON.stringify(own));

    nc.send('hello from nc <b>not bold</b><img src=x onerror=alert(1)>');
    const got = await waitForLine(page, /hello from nc/).catch(() => null);
    check('a TCP client\'s line reaches the page', got && got.text === '<' + ncName + '> hello from nc <b>not bold</b><img src=x onerror=alert(1)>',
      JSON.stringify(got));
    check('markup in a line is shown as text, never parsed', (await page.$('#lines img, #lines b')) === null);

    const members = await until('members list', async () => {
      const names = await page.$$eval('[aria-label="members"] li', (els) => els.map((e) => e.textContent));
      return names.includes(guest) && names.includes(ncName) ? names : null;
    }).catch(() => null);
    check('the members list shows who is in the room', !!members, JSON.stringify(members));

    await page.type('[aria-label="name"]', 'chromium');
    await page.keyboard.press('Enter');
    check('the name picker renames', !!(await waitForLine(page, /^\* you are now chromium$/).catch(() => null)));
    check('others see the rename', !!(await nc.waitFor(/^\* \S+ is now chromium$/).catch(() => null)));
    const renamed = await until('members list after the rename', async () => {
      const names = await page.$$eval('[aria-label="members"] li', (els) => els.map((e) => e.textContent));
      return names.includes('chromium') ? names : null;
    }).catch(() => null);
    check('the members list follows the rename', !!renamed, JSON.stringify(renamed));

    nc.send('/msg chromium psst');
    const pm = await waitForLine(page, /psst/, 3000).catch(() => null);
    if (pm && /^\*\S+\* psst$/.test(pm.text)) {
      check('a private message is marked', /pm/.test(pm.cls), JSON.stringify(pm));
    } else {
      console.log('skip private message marking: this chat has no /msg yet (' + (pm ? pm.text : 'no reply') + ')');
    }

    await page.type('[aria-label="room"]', 'dev');
    await page.keyboard.press('Enter');
    const joined = await waitForLine(page, /^(\* you are in #dev|! .*)$/, 3000).catch(() => null);
    if (joined && joined.text === '* you are in #dev') {
      check('the room picker joins the room', true);
      const alone = await until('members of #dev', async () => {
        const names = await page.$$eval('[aria-label="members"] li', (els) => els.map((e) => e.textContent));
        return names.length === 1 && names[0] === 'chromium' ? names : null;
      }).catch(() => null);
      check('the members list shows the new room', !!alone);
      await page.type('[aria-label="room"]', '#lobby');
      await page.keyboard.press('Enter');
      check('and back to #lobby', !!(await until('back in #lobby', async () =>
        (await pageLines(page)).filter((l) => l.text === '* you are in #lobby').length > 0).catch(() => null)));
    } else {
      console.log('skip room picker: this chat has no rooms yet (' + (joined ? joined.text : 'no reply') + ')');
    }

    await page.screenshot({ path: path.join(OUT, 'chat.png') });
    await page.setViewport({ width: 390, height: 740, isMobile: true, hasTouch: true });
    await sleep(200);
    const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    check('the page fits a phone-sized window without sideways scrolling', fits);
    await page.screenshot({ path: path.join(OUT, 'chat-phone.png') });
    await page.setViewport({ width: 1000, height: 700 });

    // The daemon restarts on the same ports: the page must reconnect and ask for its name again.
    nc.close();
    await stopDaemon(daemon);
    await until('page notices the daemon is gone', async () => /reconnecting/.test(await page.$eval('#status', (e) => e.textContent)));
    check('the page says it lost the connection', true);
    daemon = await startDaemon(chat, web);
    const status = await until('reconnect', async () => {
      const s = await page.$eval('#status', (e) => e.textContent);
      return s === 'connected' ? s : null;
    }, 20000).catch(() => null);
    check('the page reconnects by itself after a daemon restart', status === 'connected');
    const again = await until('name after reconnect', async () => {
      const ls = (await pageLines(page)).map((l) => l.text);
      const welcome = ls.map((t) => /^\* welcome /.test(t)).lastIndexOf(true);
      return welcome >= 0 && ls.indexOf('* you are now chromium', welcome) > welcome;
    }).catch(() => false);
    check('after reconnecting the page takes its chosen name again', again);
    const nc2 = tcpClient(chat);
    await nc2.waitFor(/^\* welcome /);
    await page.type('[aria-label="message"]', 'back again');
    await page.keyboard.press('Enter');
    const back = await nc2.waitFor(/back again$/).catch(() => null);
    check('lines flow again after the restart', back === '<chromium> back again', back);
    nc2.close();
    await page.screenshot({ path: path.join(OUT, 'chat-after-restart.png') });
    check('no script errors in the page', errors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED|net::/.test(e)).length === 0,
      errors.join(' | '));
  } catch (e) {
    check('browser test ran to the end', false, e.stack);
  } finally {
    await browser.close();
    await stopDaemon(daemon);
  }
  console.log('screenshots: ' + path.join(OUT, 'chat.png') + ', chat-phone.png, chat-after-restart.png');
  console.log(passed + ' passed, ' + failed + ' failed');
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.log('FAIL ' + e.stack); console.log(passed + ' passed, ' + (failed + 1) + ' failed'); process.exit(1); });
