import app from '@adonisjs/core/services/app'

/*
 * Installed bricks: folders relative to the application root, each holding a
 * `manifest.ts`. Their migrations always run; which of them are *enabled* is a
 * runtime choice (PARVIS_BRICKS). Removing a brick = deleting its folder and
 * its line here.
 */
const installed: string[] = [
  'bricks/administration',
  'bricks/childhood',
  'bricks/social',
  'bricks/police',
  'bricks/public_space',
]

/*
 * The fixture brick proves the brick contract in the test suite only; it is
 * never installed in development or production.
 */
if (app.inTest) {
  installed.push('tests/fixtures/bricks/fixture')
}

const bricksConfig = { installed }

export default bricksConfig
