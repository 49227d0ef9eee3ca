/*
 * `npm run build`: compiles the portal into build/ (node ace build), unless
 * build/ already holds the compiled output of exactly these sources. The
 * fingerprint covers every file that goes into the build, so a changed view,
 * lang file or migration rebuilds too.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../', import.meta.url))
const SOURCES = [
  'app',
  'bricks',
  'commands',
  'config',
  'database',
  'start',
  'resources',
  'public',
  'bin',
  'tests',
  'adonisrc.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
]
const STAMP = join(root, 'build', '.source-fingerprint')

function files(path) {
  if (!existsSync(path)) return []
  if (statSync(path).isFile()) return [path]
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)))
}

export function sourceFingerprint() {
  const hash = createHash('sha256')
  for (const file of SOURCES.flatMap((source) => files(join(root, source)))) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0')
  }
  return hash.digest('hex')
}

export function buildIsCurrent(fingerprint = sourceFingerprint()) {
  return (
    existsSync(join(root, 'build', 'bin', 'server.js')) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, 'utf8') === fingerprint
  )
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const fingerprint = sourceFingerprint()
  if (!process.argv.includes('--force') && buildIsCurrent(fingerprint)) {
    console.log('build/ is current (same sources): nothing to compile.')
  } else {
    const run = spawnSync(process.execPath, ['ace', 'build'], { cwd: root, stdio: 'inherit' })
    if (run.status !== 0) process.exit(run.status ?? 1)
    writeFileSync(STAMP, fingerprint)
  }
}
