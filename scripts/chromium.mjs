// Debian's Chromium, headless, driven by playwright-core: for the browser tests and the benchmark. The
// flags keep it from reaching for the network (none is there) and from needing a sandbox or a GPU.
import { chromium } from 'playwright-core';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
}
