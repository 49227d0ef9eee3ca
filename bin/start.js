#!/usr/bin/env node
/*
 * `npm start`: the production portal on the embedded database, as a small
 * city runs it. Compiles into build/ when build/ does not hold these sources
 * yet (bin/build.js), migrates, seeds the demo city on the first run when
 * PARVIS_DEMO=true (the local .env says so), then runs the compiled server in
 * this process with NODE_ENV=production: the portal's own error pages,
 * templates compiled once, and the jobs worker inside on SQLite.
 *
 * package.json runs it with V8's heap sized for a small server
 * (--max-semi-space-size=8 --max-old-space-size=256): by default V8 lets the
 * heap reach ~130 MB of garbage before compacting (RSS ~290 MB after 10,000
 * requests, ~50 MB of it live); with these, 160–200 MB (bench start). The
 * young generation of 8 MB is not free: logged-in pages cost about 10 % more
 * CPU than with 16 MB (bench pages, both settings taking turns in one run),
 * which would take this process over the 200 MB a small server is sized for.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { productionEnvironment, root } from './production_env.js'

const buildDir = join(root, 'build')

const build = spawnSync(process.execPath, [join(root, 'bin', 'build.js')], {
  cwd: root,
  stdio: 'inherit',
})
if (build.status !== 0) process.exit(build.status ?? 1)

const env = productionEnvironment()
const setup = spawnSync(process.execPath, ['ace', 'parvis:setup'], {
  cwd: buildDir,
  env,
  stdio: 'inherit',
})
if (setup.status !== 0) process.exit(setup.status ?? 1)

for (const [key, value] of Object.entries(env)) process.env[key] = value
process.chdir(buildDir)
process.setSourceMapsEnabled(true)
await import(pathToFileURL(join(buildDir, 'bin', 'server.js')).href)
