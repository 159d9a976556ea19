// The TypeScript types (wasm/*.d.ts), found through package.json's "exports" as a user's project finds
// them, in strict mode: usage.ts for a browser project (DOM types), usage-node.ts for a Node project
// without the DOM's types. Their @ts-expect-error lines fail the check if the types get loose or wrong.
//
//   node --test tests/package/types.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const TSC = fileURLToPath(new URL('../../node_modules/.bin/tsc', import.meta.url));

function typeCheck(config) {
  const project = fileURLToPath(new URL(config, import.meta.url));
  const { status, stdout, stderr } = spawnSync(TSC, ['-p', project], { encoding: 'utf8' });
  assert.equal(status, 0, `tsc -p ${config} failed:\n${stdout}${stderr}`);
}

test('types check in a strict browser project', () => typeCheck('tsconfig.json'));

test('types check in a strict Node project without DOM types', () => typeCheck('tsconfig.node.json'));
