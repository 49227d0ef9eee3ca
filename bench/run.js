#!/usr/bin/env node
/*
 * `npm run bench -- NAME`: runs bench/NAME.ts with the app booted (see
 * bench/support/app.ts). Benchmarks print ratios against a baseline measured
 * in the same run, as the machine is shared and noisy.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'

const name = process.argv[2]
const available = readdirSync(new URL('.', import.meta.url))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -3))
if (!name || !available.includes(name)) {
  console.error(`Usage: npm run bench -- <name>\nAvailable: ${available.join(', ')}`)
  process.exit(name ? 1 : 0)
}
const script = new URL(`./${name}.ts`, import.meta.url)
if (!existsSync(script)) process.exit(1)
const result = spawnSync(
  process.execPath,
  [
    '--import=ts-node-maintained/register/esm',
    '--enable-source-maps',
    '--expose-gc',
    script.pathname,
    ...process.argv.slice(3),
  ],
  {
    stdio: 'inherit',
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', TZ: 'UTC' },
  }
)
process.exit(result.status ?? 1)
