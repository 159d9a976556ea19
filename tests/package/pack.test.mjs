// The npm package as its users get it: `npm pack`, installed from the tarball into a fresh project, then
// used from Node, from a page without a bundler (import map, main thread and module Worker) and from an
// esbuild bundle in Chromium. Every check reads MNIST test digits and compares the text with their labels.
//
//   node --test tests/package/pack.test.mjs
//
// Needs no network: npm installs the tarball offline (the package has no dependencies). Needs Chromium
// at /usr/bin/chromium and the repository's devDependencies (playwright-core, esbuild, typescript).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createReadStream, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../scripts/chromium.mjs';
import { mnistRowCanvas, readMnistTest } from '../wasm/mnist-canvas.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'node_modules/.bin');
const SHIPPED = ['README.md', 'dist/digits.wasm', 'package.json', 'wasm/digits-worker.d.ts', 'wasm/digits-worker.js',
  'wasm/digits.d.ts', 'wasm/digits.js', 'wasm/worker.js'];
// "Tiny": what a page downloads from the package, its JavaScript and its wasm (weights inside), gzip -9, at
// most 100 KB (issue 4; counted as 100,000 bytes to be safe either way). Raise it knowingly, not by accident.
const CODE_BUDGET = 100_000;

let work; // temp dir: the tarball and the user's project
let app; // the user's project, with the package installed
let packed; // npm pack --json's report
let server;
let origin;
let browser;

function run(command, args, cwd) {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Two rows of MNIST test digits, each read as one number: the text to expect is their labels. */
function fixtures() {
  const { images, labels } = readMnistTest();
  return [[0, 4], [20, 3]].map(([first, count]) => {
    const { width, height, data } = mnistRowCanvas(images, first, count);
    const expected = Array.from(labels.subarray(first, first + count)).join('');
    return { expected, width, height, data: Buffer.from(data.buffer).toString('base64') };
  });
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };

/** Serves the files under `root` (no listings); what a user's own static hosting does. */
function serve(root) {
  const http = createServer((request, response) => {
    const path = join(root, decodeURIComponent(new URL(request.url, 'http://x').pathname));
    const file = path.endsWith(sep) ? join(path, 'index.html') : path;
    if (!file.startsWith(root) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      response.writeHead(404).end('Not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => http.listen(0, 'localhost', () => resolve(http)));
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'digits-pack-'));
  [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], ROOT));
  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const tarball = join(work, packed.filename);
  try {
    run('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], app);
  } catch {
    run('npm', ['install', '--no-audit', '--no-fund', tarball], app); // only reads the tarball: no dependencies
  }
  writeFileSync(join(app, 'fixtures.json'), JSON.stringify(fixtures()));
  server = await serve(app + sep);
  origin = `http://localhost:${server.address().port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Opens a page of the user's project; checks afterwards that it only talked to its own server. */
async function withPage(path, body) {
  const page = await browser.newPage();
  const requests = [];
  const problems = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  try {
    await page.goto(origin + path);
    await page.waitForFunction(() => window.ready === true, null, { timeout: 10_000 }).catch((error) => {
      throw new Error(`the page did not load the package: ${problems.join('; ') || error.message}`);
    });
    await body(page);
  } finally {
    await page.close();
  }
  assert.deepEqual(requests.filter((url) => new URL(url).origin !== origin), [], 'requests to other hosts');
  // 404s asked for on purpose (missing.wasm) are logged by Chromium as console errors.
  assert.deepEqual(problems.filter((text) => !text.includes('404')), [], 'errors on the page');
  return requests.map((url) => new URL(url).pathname);
}

// Runs in the page: reads each fixture on the main thread and in the Worker, plus the error checks.
async function readEverything({ createRecognizer, createWorkerRecognizer, wasm }) {
  const fixtures = await (await fetch('/fixtures.json')).json();
  const image = ({ width, height, data }) =>
    new ImageData(Uint8ClampedArray.from(atob(data), (c) => c.charCodeAt(0)), width, height);
  const text = (reading) => reading.numbers.map((number) => number.text).join(' ');
  const failure = async (action) => {
    try {
      await action();
      return 'no error';
    } catch (error) {
      return `${error.name}: ${error.message}`;
    }
  };

  const main = await createRecognizer({ wasm });
  const worker = await createWorkerRecognizer({ wasm });
  const out = { main: fixtures.map((f) => text(main.recognize(image(f)))) };
  // Several calls in flight at once must come back to the right callers.
  const images = [...fixtures, ...fixtures].map(image);
  out.worker = (await Promise.all(images.map((i) => worker.recognize(i)))).map(text);
  out.transferred = images.map((i) => i.data.length); // ImageData's buffer goes to the worker: empty here
  // A view on part of a bigger buffer is copied: transferring would take the caller's other bytes too.
  const pixels = image(fixtures[0]).data;
  const bigger = new Uint8ClampedArray(pixels.length + 16);
  bigger.set(pixels, 16);
  const part = { data: bigger.subarray(16), width: fixtures[0].width, height: fixtures[0].height };
  out.partial = text(await worker.recognize(part));
  out.kept = part.data.length === pixels.length;

  const bad = [
    () => null,
    () => ({ data: [0, 0, 0, 0], width: 1, height: 1 }),
    () => ({ data: new Uint8ClampedArray(16), width: 0, height: 2 }),
    () => ({ data: new Uint8ClampedArray(8), width: 2, height: 2.5 }),
    () => ({ data: new Uint8ClampedArray(8), width: 2, height: 2 }), // short buffer: the core says so
  ];
  out.errors = [];
  for (const make of bad) {
    out.errors.push([await failure(() => main.recognize(make())), await failure(() => worker.recognize(make()))]);
  }
  out.stillWorks = text(await worker.recognize(image(fixtures[1])));
  const pending = worker.recognize(image(fixtures[0]));
  worker.dispose();
  main.dispose();
  out.disposed = [
    await failure(() => main.recognize(image(fixtures[0]))),
    await failure(() => pending),
    await failure(() => worker.recognize(image(fixtures[0]))),
  ];
  out.missing = [
    await failure(() => createRecognizer({ wasm: 'missing.wasm' })),
    await failure(() => createWorkerRecognizer({ wasm: 'missing.wasm' })),
  ];
  return out;
}

function checkReadings(out, expected) {
  assert.deepEqual(out.main, expected, 'main thread');
  assert.deepEqual(out.worker, [...expected, ...expected], 'worker');
  assert.deepEqual(out.transferred, [0, 0, 0, 0], 'ImageData pixels were copied, not transferred');
  assert.equal(out.partial, expected[0]);
  assert.equal(out.kept, true, 'a view on part of a buffer was transferred');
  assert.equal(out.stillWorks, expected[1], 'the worker recognizer broke after bad input');
  for (const [mainError, workerError] of out.errors) {
    assert.match(mainError, /^(TypeError|RangeError|Error): recognize: /);
    assert.equal(workerError, mainError);
  }
  assert.deepEqual(out.disposed, Array(3).fill('Error: recognize: this recognizer was disposed'));
  assert.match(out.missing[0], /^Error: createRecognizer: cannot load http:\/\/localhost:\d+\/.*missing\.wasm \(HTTP 404\)$/);
  assert.equal(out.missing[1], out.missing[0]);
}

test('the tarball holds only what users need, and no install scripts', (t) => {
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(files, SHIPPED);
  const installedDir = join(app, 'node_modules/handwritten-digits');
  const code = files.filter((path) => /\.(js|wasm)$/.test(path));
  const codeGzip = code.reduce((sum, path) => sum + gzipSync(readFileSync(join(installedDir, path)), { level: 9 }).length, 0);
  t.diagnostic(`packed ${packed.size} bytes, unpacked ${packed.unpackedSize} bytes, ${files.length} files; ` +
    `JS and wasm ${codeGzip} bytes gzip`);
  assert.ok(codeGzip <= CODE_BUDGET, `the package's JS and wasm are ${codeGzip} bytes gzip`);
  const installed = JSON.parse(readFileSync(join(installedDir, 'package.json'), 'utf8'));
  const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare'];
  assert.deepEqual(lifecycle.filter((name) => installed.scripts?.[name]), []);
  assert.deepEqual(Object.keys(installed.dependencies ?? {}), []);
});

test('Node: the installed package reads MNIST digits', () => {
  writeFileSync(join(app, 'read.mjs'), `
    import { readFileSync } from 'node:fs';
    import { createRecognizer } from 'handwritten-digits';
    const recognizer = await createRecognizer(); // the package's own dist/digits.wasm, read from disk
    const fixtures = JSON.parse(readFileSync('fixtures.json', 'utf8'));
    const texts = fixtures.map(({ width, height, data }) =>
      recognizer.recognize({ width, height, data: Buffer.from(data, 'base64') }).numbers.map((n) => n.text).join(' '));
    console.log(JSON.stringify(texts));
  `);
  const expected = JSON.parse(readFileSync(join(app, 'fixtures.json'), 'utf8')).map((f) => f.expected);
  assert.deepEqual(JSON.parse(run(process.execPath, ['read.mjs'], app)), expected);
});

test('TypeScript: the installed types check in strict mode', () => {
  cpSync(new URL('usage.ts', import.meta.url), join(app, 'usage.ts'));
  const config = JSON.parse(readFileSync(new URL('tsconfig.json', import.meta.url), 'utf8'));
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(config));
  try {
    run(join(BIN, 'tsc'), ['-p', join(app, 'tsconfig.json')], app);
  } catch (error) {
    assert.fail(`tsc failed:\n${error.stdout}${error.stderr}`);
  }
});

test('Chromium without a bundler: main thread and module Worker through an import map', async () => {
  const pkg = './node_modules/handwritten-digits';
  writeFileSync(join(app, 'index.html'), `<!doctype html>
    <meta charset="utf-8"><title>consumer</title><link rel="icon" href="data:,">
    <script type="importmap">{"imports": {
      "handwritten-digits": "${pkg}/wasm/digits.js",
      "handwritten-digits/worker": "${pkg}/wasm/digits-worker.js"}}</script>
    <script type="module">
      import { createRecognizer } from 'handwritten-digits';
      import { createWorkerRecognizer } from 'handwritten-digits/worker';
      window.api = { createRecognizer, createWorkerRecognizer };
      window.ready = true;
    </script>`);
  const expected = JSON.parse(readFileSync(join(app, 'fixtures.json'), 'utf8')).map((f) => f.expected);
  const paths = await withPage('/', async (page) => {
    const out = await page.evaluate(`(${readEverything})(window.api)`);
    checkReadings(out, expected);
  });
  // The defaults: the worker script next to the client, the wasm from the package's dist/.
  for (const path of ['/node_modules/handwritten-digits/wasm/worker.js', '/node_modules/handwritten-digits/dist/digits.wasm']) {
    assert.ok(paths.includes(path), `${path} was not requested`);
  }
});

// esbuild leaves `new URL(..., import.meta.url)` alone, so the app does what an esbuild user does:
// imports the wasm through the package's "./digits.wasm" export with the file loader (copied into the
// output folder, hashed) and passes its URL; the worker script is a second entry point named worker.js,
// next to the bundle, where the client looks for it.
test('Chromium with an esbuild bundle: main thread and Worker', async () => {
  mkdirSync(join(app, 'src'));
  writeFileSync(join(app, 'src/app.js'), `
    import { createRecognizer } from 'handwritten-digits';
    import { createWorkerRecognizer } from 'handwritten-digits/worker';
    import wasmFile from 'handwritten-digits/digits.wasm';
    window.api = { createRecognizer, createWorkerRecognizer, wasm: new URL(wasmFile, import.meta.url).href };
    window.ready = true;
  `);
  run(join(BIN, 'esbuild'), ['src/app.js', 'worker=node_modules/handwritten-digits/wasm/worker.js', '--bundle',
    '--format=esm', '--platform=browser', '--outdir=public', '--loader:.wasm=file', '--log-level=warning'], app);
  const output = readdirSync(join(app, 'public')).sort();
  assert.equal(output.length, 3, `esbuild wrote ${output}`);
  assert.deepEqual([output[0], output[2]], ['app.js', 'worker.js']);
  assert.match(output[1], /^digits-\w+\.wasm$/);
  for (const bundle of ['app.js', 'worker.js']) {
    const code = readFileSync(join(app, 'public', bundle), 'utf8');
    assert.doesNotMatch(code, /from\s*["']node:|require\(["']node:/, `${bundle} imports a Node module`);
  }
  writeFileSync(join(app, 'public/index.html'), `<!doctype html>
    <meta charset="utf-8"><title>bundled</title><link rel="icon" href="data:,">
    <script type="module" src="app.js"></script>`);

  const expected = JSON.parse(readFileSync(join(app, 'fixtures.json'), 'utf8')).map((f) => f.expected);
  const paths = await withPage('/public/', async (page) => {
    const out = await page.evaluate(`(${readEverything})(window.api)`);
    checkReadings(out, expected);
  });
  assert.ok(paths.includes(`/public/${output[1]}`), 'the bundled wasm was not loaded');
  assert.ok(paths.includes('/public/worker.js'), 'the bundled worker was not loaded');
  assert.ok(!paths.some((path) => path.includes('node_modules')), 'the bundle reached into node_modules');
});
