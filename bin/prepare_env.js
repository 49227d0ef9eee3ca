/*
 * Runs before `npm start` and `npm test` on a fresh checkout: writes a local
 * `.env` from `.env.example` with a freshly generated APP_KEY, so the two
 * README commands work on a machine that has only Node and npm.
 * In an existing `.env` it only removes the APP_URL line earlier templates
 * wrote and adds PARVIS_DEMO=true, which they implied (see below); it does
 * nothing in production.
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
  } else {
    // Earlier templates wrote this line, which pinned every link to port 3333
    // whatever PORT said. Nobody chose it: without it, links follow HOST and PORT.
    const current = readFileSync(target, 'utf8')
    let cleaned = current.replace(/^APP_URL=http:\/\/localhost:3333\/?[ \t]*\r?\n/m, '')
    if (cleaned !== current)
      console.log(
        'Removed APP_URL=http://localhost:3333 from .env: links now follow HOST and PORT.'
      )
    // Earlier templates seeded the demo without saying so; now PARVIS_DEMO says it.
    if (!/^PARVIS_DEMO=/m.test(cleaned)) {
      cleaned = `${cleaned.replace(/\n?$/, '\n')}# Seed the demo city on the first start (never on a real city's portal).\nPARVIS_DEMO=true\n`
      console.log('Added PARVIS_DEMO=true to .env: the demo city is seeded on the first start.')
    }
    if (cleaned !== current) writeFileSync(target, cleaned)
  }
}
