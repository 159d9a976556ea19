// Speed comparison: our recognizer vs ONNX Runtime Web vs TensorFlow.js (wasm backend), in Node and in
// Chromium, on the same inputs, single-threaded.
//
//   node scripts/bench-speed.mjs        # or: import { benchSpeed } from './scripts/bench-speed.mjs'
//
// - ours: recognize() on RGBA canvases with 1, 6 and 10 MNIST digits: the whole stroke end (find the marks,
//   normalize each to 28x28, run the network, JSON out);
// - ORT (weights/model.onnx, from training/export_onnx.py) and tfjs (the same network built with tf ops from
//   weights/model.hwdw): the network alone, on 1, 6 and 10 ready 28x28 images (weights/golden.bin's) as one
//   batch. So the ratios flatter them: they skip everything ours does before and after inference.
// - cold start: from the import to the first result, in a fresh process (Node) or a fresh browser context
//   (Chromium, so nothing is cached) whose page has been idle SETTLE_MS (also reported: right after that page
//   loaded), median of COLD_SAMPLES; it includes reading the model file (ORT, tfjs; ours embeds its model).
//   Also by phase: loading the code, getting ready to infer, the first result.
// - steady state: the timings follow a warm-up that is the same for every runtime (bench/runtimes.mjs).
// - wasm memory: the byteLength of every WebAssembly.Memory the runtime's instances export or import, after
//   the runs (bench/runtimes.mjs records them by wrapping WebAssembly.instantiate*).
// Chromium runs bench/index.html from this script's own localhost server, cross-origin isolated so that
// performance.now() has 5 us rather than 100 us resolution (the runtimes are still told to use one thread).
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { launchChromium } from './chromium.mjs';
import { benchRuntime, decodeGolden, decodeInputs, encodeInputs, percentile, SIZES, WARMUP_MS } from '../bench/runtimes.mjs';
import { blankCanvas, mnistRowCanvas, mnistTestCanvas, readMnistTest } from '../tests/wasm/mnist-canvas.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNTIMES = ['ours', 'ort', 'tfjs'];
const LABELS = { ours: 'ours', ort: 'ORT Web', tfjs: 'tfjs wasm' };
const COLD_SAMPLES = 5;
// Chromium's cold start is timed once the fresh page has been idle this long. Right after a new context's
// first page loads, the browser is still busy setting that context up (processes, network, playwright's
// instrumentation) on this 2-core machine, which added 20 to 40 ms of noise to every runtime's cold start,
// and more to whichever ran its requests first. The report gives the at-load figures as well.
const SETTLE_MS = 1000;
// BENCH_RUNS=20 for a quick try while developing.
const TIMING = { runs: Number(process.env.BENCH_RUNS ?? 200), warmup: 20 };

const file = (path) => join(ROOT, path);

// ---------------------------------------------------------------------------------------------------------
// Node side

const nodeLoad = {
  ours: () => import('../wasm/digits.js'),
  async ort() {
    const ort = await import('onnxruntime-web');
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.proxy = false;
    return ort;
  },
  onnx: async () => readFileSync(file('weights/model.onnx')),
  async tfjs() {
    const tf = await import('@tensorflow/tfjs-core');
    await import('@tensorflow/tfjs-backend-wasm');
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (!(await tf.setBackend('wasm'))) throw new Error('tfjs: the wasm backend did not start');
    await tf.ready();
    return tf;
  },
  hwdw: async () => readFileSync(file('weights/model.hwdw')),
};

/** What one child process measures: `node bench-speed.mjs --child <runtime> <cold|full> <inputs file>`. */
async function child(name, mode, inputsPath) {
  const inputs = decodeInputs(readFileSync(inputsPath));
  const golden = mode === 'full' ? decodeGolden(readFileSync(file('weights/golden.bin'))) : null;
  const result = await benchRuntime(name, nodeLoad, inputs, { ...TIMING, coldOnly: mode !== 'full', golden });
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);  // ORT and tfjs may keep handles open
}

// This machine's two vCPUs differ in speed by up to half, and each Node child lands on either: the children
// that time steady-state runs are all pinned to the same one (taskset, part of Debian's util-linux), so that
// every runtime is timed on the same core. Cold starts are not pinned: V8 compiles on background threads.
const PINNED_CPU = process.env.BENCH_CPU ?? '0';

function runChild(name, mode, inputsPath) {
  const command = [process.execPath, fileURLToPath(import.meta.url), '--child', name, mode, inputsPath];
  if (mode === 'full' && process.platform === 'linux') command.unshift('taskset', '--cpu-list', PINNED_CPU);
  const out = execFileSync(command[0], command.slice(1), {
    encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (!line) throw new Error(`bench child ${name} ${mode} printed no result:\n${out}`);
  return JSON.parse(line.slice('BENCH_RESULT '.length));
}

// ---------------------------------------------------------------------------------------------------------
// Chromium side: a static server for bench/, our package, the other runtimes' dist files and the models.

const ROUTES = [
  ['/bench/', 'bench/'],
  ['/wasm/', 'wasm/'],
  ['/dist/', 'dist/'],
  ['/weights/', 'weights/'],
  ['/ort/', 'node_modules/onnxruntime-web/dist/'],
  ['/tfjs/', 'node_modules/@tensorflow/tfjs-core/dist/'],
  ['/tfjs-wasm/', 'node_modules/@tensorflow/tfjs-backend-wasm/dist/'],
];
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
};

function routeFile(pathname) {
  for (const [prefix, folder] of ROUTES) {
    if (!pathname.startsWith(prefix)) continue;
    const base = file(folder);
    const path = resolve(base, decodeURIComponent(pathname.slice(prefix.length)) || 'index.html');
    return path.startsWith(base.endsWith(sep) ? base : base + sep) ? path : null;
  }
  return null;
}

function startBenchServer(inputs) {
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url, 'http://localhost');
    const headers = {
      'Cache-Control': 'no-store',
      // Cross-origin isolation: 5 us timers in Chromium. Everything is same-origin, so nothing else changes.
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    };
    if (pathname === '/inputs.bin') {
      response.writeHead(200, { ...headers, 'Content-Type': 'application/octet-stream' });
      return response.end(inputs);
    }
    const path = routeFile(pathname);
    let info = null;
    try { info = path && statSync(path); } catch { /* missing */ }
    if (!info?.isFile()) {
      response.writeHead(404, headers);
      return response.end('Not found\n');
    }
    response.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Content-Length': info.size });
    createReadStream(path).on('error', () => response.destroy()).pipe(response);
  });
  return new Promise((done) => server.listen(0, 'localhost', () => done({ server, origin: `http://localhost:${server.address().port}` })));
}

async function chromiumRuns(inputs) {
  const { server, origin } = await startBenchServer(inputs);
  const browser = await launchChromium();
  try {
    const results = {};
    for (const name of RUNTIMES) {
      const colds = [], coldPhases = [], coldsAtLoad = [];
      // The settled samples first (the first of them also times the steady state), then the at-load ones.
      for (let sample = 0; sample < 2 * COLD_SAMPLES; sample++) {
        const settled = sample < COLD_SAMPLES;
        const context = await browser.newContext();  // fresh: no HTTP or code cache from earlier samples
        const page = await context.newPage();
        const requests = [];
        const errors = [];
        page.on('request', (request) => requests.push(request.url()));
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(`${origin}/bench/index.html`);
        await page.waitForFunction(() => window.benchReady === true);
        if (settled) await page.waitForTimeout(SETTLE_MS);
        let result;
        try {
          result = await page.evaluate(([n, options]) => window.runBench(n, options), [name, { ...TIMING, coldOnly: sample > 0 }]);
        } catch (error) {
          throw new Error(`Chromium ${name}: ${error.message}${errors.length ? `\npage errors: ${errors.join('\n')}` : ''}`);
        }
        await context.close();
        if (requests.some((url) => !url.startsWith(origin + '/'))) throw new Error(`Chromium ${name}: requests outside localhost`);
        if (sample === 0) results[name] = { ...result, requests: requests.map((url) => new URL(url).pathname) };
        if (!settled) {
          coldsAtLoad.push(result.cold);
          continue;
        }
        colds.push(result.cold);
        coldPhases.push(result.phases);
      }
      results[name].coldsAtLoad = coldsAtLoad;
      results[name].colds = colds;
      results[name].coldPhases = coldPhases;
    }
    return { results, version: browser.version() };
  } finally {
    await browser.close();
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Inputs, sizes, report

function buildInputs() {
  const { images, labels } = readMnistTest();
  const golden = decodeGolden(readFileSync(file('weights/golden.bin')));
  const most = SIZES[SIZES.length - 1];
  if (golden.count < most) throw new Error(`golden.bin holds ${golden.count} images, the bench needs ${most}`);
  const canvases = { 1: mnistTestCanvas(images[0], 4) };  // the canvas scripts/bench.mjs times
  for (const n of SIZES.slice(1)) canvases[n] = mnistRowCanvas(images, 0, n);
  canvases.blank = blankCanvas(canvases[1].width, canvases[1].height);
  canvases.blankWide = blankCanvas(canvases[most].width, canvases[most].height);
  const expected = { 1: String(labels[0]) };
  for (const n of SIZES.slice(1)) expected[n] = Array.from(labels.subarray(0, n)).join('');
  return {
    bytes: encodeInputs({ canvases, side: golden.side, expected, images: golden.images.slice(0, most * golden.side * golden.side) }),
    canvases,
  };
}

function fileSizes(paths) {
  let raw = 0, gzip = 0;
  for (const path of paths) {
    const bytes = readFileSync(path);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip, files: paths.map((p) => p.slice(ROOT.length)) };
}

/** What the page loaded for a runtime (from Chromium's requests): code (JS + wasm) and model, separately. */
function pageLoad(requests) {
  const paths = [...new Set(requests)]
    .filter((p) => !p.startsWith('/bench/') && p !== '/inputs.bin' && p !== '/weights/golden.bin')
    .map(routeFile).filter(Boolean);
  return {
    code: fileSizes(paths.filter((p) => !p.includes(`${sep}weights${sep}`))),
    model: fileSizes(paths.filter((p) => p.includes(`${sep}weights${sep}`))),
  };
}

const version = (pkg) => JSON.parse(readFileSync(file(`node_modules/${pkg}/package.json`), 'utf8')).version;
const median = (values) => percentile([...values].sort((a, b) => a - b), 0.5);
const ms = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`;

function ratio(ours, other) {
  const r = other / ours;
  return r >= 1 ? `${r.toFixed(1)}x faster` : `${(1 / r).toFixed(1)}x SLOWER`;
}

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => String(row[c]).length)));
  return rows.map((row) => row.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ')).join('\n');
}

function report({ node, chromium, chromiumVersion, wide }) {
  const envs = [['Node', node], ['Chromium', chromium]];
  const lines = [];
  const cpu = os.cpus();
  lines.push(`machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores (${os.availableParallelism?.() ?? cpu.length} available), ${os.platform()} ${os.release()}`);
  lines.push(`Node ${process.version}; Chromium ${chromiumVersion}; onnxruntime-web ${version('onnxruntime-web')}; ` +
    `@tensorflow/tfjs ${version('@tensorflow/tfjs')} (tfjs-core ${version('@tensorflow/tfjs-core')}, ` +
    `tfjs-backend-wasm ${version('@tensorflow/tfjs-backend-wasm')})`);
  lines.push(`all single-threaded; ORT wasm EP with SIMD; tfjs wasm backend (SIMD: ${chromium.tfjs.tfjsSimd}); ` +
    `Chromium page cross-origin isolated: ${chromium.ours.crossOriginIsolated}; ${TIMING.runs} timed runs after a warm-up of ` +
    `${TIMING.warmup} runs and ${WARMUP_MS / 1000} s, the same for all (bench/runtimes.mjs says why); ` +
    `cold start = median of ${COLD_SAMPLES} fresh processes (Node) or fresh contexts whose page has been idle ` +
    `${SETTLE_MS / 1000} s (Chromium); Node's steady-state runs all on CPU ${PINNED_CPU}`);
  lines.push('ours = recognize() on the whole RGBA canvas; ORT/tfjs = the network alone on ready 28x28 inputs (batch of n)');
  lines.push('');

  const header = ['', ...envs.flatMap(([env]) => RUNTIMES.map((r) => `${env} ${LABELS[r]}`))];
  const rows = [header];
  const each = (f) => envs.flatMap(([, results]) => RUNTIMES.map((r) => f(results[r], r)));
  rows.push(['cold start, ms', ...each((r) => ms(median(r.colds)))]);
  for (const n of SIZES) {
    rows.push([`${n} digit${n > 1 ? 's' : ''}: median ms`, ...each((r) => ms(r.times[n].median))]);
    rows.push([`${n} digit${n > 1 ? 's' : ''}: p95 ms`, ...each((r) => ms(r.times[n].p95))]);
  }
  const most = SIZES[SIZES.length - 1];
  rows.push([`digits/s (${most}-digit case)`, ...each((r) => Math.round(most / (r.times[most].median / 1000)))]);
  rows.push(['wasm memory after runs', ...each((r) => mb(r.memory))]);
  lines.push(table(rows));
  lines.push(`Chromium cold start right after the fresh page's own load (median of ${COLD_SAMPLES}): ` +
    RUNTIMES.map((r) => `${LABELS[r]} ${ms(median(chromium[r].coldsAtLoad))} ms`).join(', '));
  lines.push('');

  for (const [env, results] of envs) {
    const o = results.ours;
    lines.push(`${env}:`);
    for (const other of ['ort', 'tfjs']) {
      const t = results[other];
      lines.push(`  ours 1-digit stroke end vs ${LABELS[other]} one 28x28 inference: ${ratio(o.times[1].median, t.times[1].median)} ` +
        `(median ${ms(o.times[1].median)} vs ${ms(t.times[1].median)} ms; p95 ${ms(o.times[1].p95)} vs ${ms(t.times[1].p95)} ms)`);
      for (const n of SIZES.slice(1)) {
        lines.push(`  ours ${n}-digit stroke end vs ${LABELS[other]} batch of ${n}: ${ratio(o.times[n].median, t.times[n].median)} ` +
          `(${ms(o.times[n].median)} vs ${ms(t.times[n].median)} ms)`);
      }
      lines.push(`  cold start, ours vs ${LABELS[other]}: ${ratio(median(o.colds), median(t.colds))} ` +
        `(${ms(median(o.colds))} vs ${ms(median(t.colds))} ms)`);
    }
  }
  lines.push('');

  lines.push('cold start by phase, median of each over the samples (import: the runtime\'s code; ready: its wasm ' +
    'fetched, compiled, instantiated and model loaded; first: the first result, mostly unoptimized code):');
  for (const [env, results] of envs) {
    for (const name of RUNTIMES) {
      const samples = results[name].coldPhases;
      const phase = (key) => ms(median(samples.map((p) => p[key])));
      const fetch = samples[0].wasmFetch === undefined ? '' : `, of which .wasm download ${phase('wasmFetch')}`;
      lines.push(`  ${env.padEnd(8)} ${LABELS[name].padEnd(9)} import ${phase('import')}, ready ${phase('ready')}${fetch}, ` +
        `first ${phase('first')} ms`);
    }
  }
  lines.push('');

  lines.push('what a page loads (Chromium requests; gzip -9 for transfer):');
  for (const name of RUNTIMES) {
    const { code, model } = pageLoad(chromium[name].requests);
    lines.push(`  ${LABELS[name].padEnd(9)} code ${kb(code.raw)} raw / ${kb(code.gzip)} gzip: ${code.files.join(', ')}`);
    if (model.files.length) lines.push(`  ${''.padEnd(9)} model ${kb(model.raw)} raw / ${kb(model.gzip)} gzip: ${model.files.join(', ')}`);
  }
  const full = fileSizes([file('node_modules/@tensorflow/tfjs/dist/tf.min.js')]);
  lines.push(`  (the whole @tensorflow/tfjs bundle, tf.min.js, needed for tf.layers, is ${kb(full.raw)} / ${kb(full.gzip)} gzip instead of tf-core.min.js)`);
  lines.push('');

  lines.push('checks:');
  for (const [env, results] of envs) {
    const c = results.ours.check;
    lines.push(`  ${env} ours read ${SIZES.map((n) => `"${c[n].read}"${c[n].read === c[n].expected ? '' : ` (expected "${c[n].expected}")`}`).join(', ')}; ` +
      `ORT vs golden logits ${results.ort.check.maxDifference.toExponential(1)}, tfjs ${results.tfjs.check.maxDifference.toExponential(1)}`);
  }
  lines.push('');

  lines.push('where our stroke end goes (blank canvas = preprocessing with no digit found, no network):');
  for (const [env, results] of envs) {
    const t = results.ours.times;
    const net1 = t[1].median - t.blank.median;
    const netMost = t[most].median - t.blankWide.median;
    lines.push(`  ${env}: blank 280x280 ${ms(t.blank.median)} ms, 1 digit ${ms(t[1].median)} ms -> ${ms(net1)} ms for the digit ` +
      `(${(100 * t.blank.median / t[1].median).toFixed(0)}% of the time is the empty-canvas scan); ` +
      `blank ${wide} ${ms(t.blankWide.median)} ms, ${most} digits ${ms(t[most].median)} ms -> ${ms(netMost / most)} ms per digit ` +
      `(${LABELS.ort} ${ms(results.ort.times[1].median)} ms per single image, ${ms(results.ort.times[most].median / most)} ms per image in a batch of ${most})`);
  }
  return lines.join('\n');
}

/** Runs the whole comparison (about 1-2 minutes), prints the report and returns the measurements. */
export async function benchSpeed() {
  const started = performance.now();
  const { bytes, canvases } = buildInputs();
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-speed-'));
  const inputsPath = join(dir, 'inputs.bin');
  writeFileSync(inputsPath, bytes);
  try {
    const node = {};
    for (const name of RUNTIMES) {
      node[name] = runChild(name, 'full', inputsPath);
      node[name].colds = [node[name].cold];
      node[name].coldPhases = [node[name].phases];
      for (let s = 1; s < COLD_SAMPLES; s++) {
        const { cold, phases } = runChild(name, 'cold', inputsPath);
        node[name].colds.push(cold);
        node[name].coldPhases.push(phases);
      }
      console.error(`Node ${name}: done`);
    }
    const { results: chromium, version: chromiumVersion } = await chromiumRuns(bytes);
    console.error(`Chromium: done (${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
    const wide = `${canvases.blankWide.width}x${canvases.blankWide.height}`;
    const measurements = { node, chromium, chromiumVersion, wide };
    console.log(report(measurements));
    return measurements;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5]);
  else await benchSpeed();
}
