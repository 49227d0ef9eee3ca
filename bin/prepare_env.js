/*
 * Runs before `npm start` and `npm test` on a fresh checkout: writes a local
 * `.env` from `.env.example` with a freshly generated APP_KEY, so the two
 * README commands work on a machine that has only Node and npm.
 * It never touches an existing `.env` and does nothing in production.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { randomBytes } from 'node:crypto'

if (process.env.NODE_ENV !== 'production') {
  const root = new URL('../', import.meta.url)
  const target = new URL('.env', root)
  mkdirSync(new URL('tmp/', root), { recursive: true })
  if (!existsSync(target)) {
    const template = readFileSync(new URL('.env.example', root), 'utf8')
    const key = randomBytes(32).toString('base64url')
    writeFileSync(target, template.replace(/^APP_KEY=.*$/m, `APP_KEY=${key}`))
    console.log('Created .env with a new APP_KEY (local development settings).')
  }
}
