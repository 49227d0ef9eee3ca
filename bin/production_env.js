/*
 * The environment of the compiled portal when it runs from a checkout
 * (`npm start`, `npm run ace`): the checkout's `.env` under the real
 * environment, with production semantics and the data kept outside build/
 * (a new build empties build/). See README, "Run it for a small city".
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('../', import.meta.url))

/** `KEY=value` lines of a .env file; comments and blank lines skipped, quotes removed. */
export function parseEnvFile(text) {
  const values = {}
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line)
    if (!match) continue
    let value = match[2].trim()
    const quoted = /^(['"])(.*)\1$/.exec(value)
    if (quoted) value = quoted[2]
    else value = value.replace(/\s+#.*$/, '')
    values[match[1]] = value
  }
  return values
}

/**
 * The real environment wins over the file. NODE_ENV is production unless the
 * real environment says otherwise: the file's `NODE_ENV=development` is for
 * `npm run dev`. DATA_DIR (default `data/` in the checkout) holds the SQLite
 * file, the uploaded files and the backups unless their own variables say
 * otherwise; relative paths are the checkout's.
 */
export function productionEnvironment(environment = process.env) {
  const envFile = join(root, '.env')
  const fromFile = existsSync(envFile) ? parseEnvFile(readFileSync(envFile, 'utf8')) : {}
  const env = { ...fromFile, ...environment }
  env.NODE_ENV = environment.NODE_ENV || 'production'
  const dataDir = resolve(root, env.DATA_DIR || 'data')
  env.DATA_DIR = dataDir
  env.SQLITE_PATH = resolve(root, env.SQLITE_PATH || join(dataDir, 'parvis.sqlite3'))
  env.DRIVE_ROOT = resolve(root, env.DRIVE_ROOT || join(dataDir, 'files'))
  env.BACKUP_DIR = resolve(root, env.BACKUP_DIR || join(dataDir, 'backups'))
  env.PARVIS_DEMO = env.PARVIS_DEMO || 'false'
  mkdirSync(dataDir, { recursive: true })
  return env
}
