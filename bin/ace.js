#!/usr/bin/env node
/*
 * `npm run ace -- <command>`: an ace command of the compiled portal, on the
 * same database and files as `npm start` (e.g. `npm run ace -- parvis:admin
 * you@your-city.fr`, `npm run ace -- parvis:doctor`, `npm run ace -- parvis:backup`).
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { productionEnvironment, root } from './production_env.js'

const build = spawnSync(process.execPath, [join(root, 'bin', 'build.js')], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
})
if (build.status !== 0) process.exit(build.status ?? 1)
const run = spawnSync(process.execPath, ['ace', ...process.argv.slice(2)], {
  cwd: join(root, 'build'),
  env: productionEnvironment(),
  stdio: 'inherit',
})
process.exit(run.status ?? 1)
