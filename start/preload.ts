/*
 * The application's start files, one after the other. AdonisJS imports the
 * preloads of adonisrc.ts all at once; the route files import the middleware
 * and rate limits of start/kernel.ts and start/limiter.ts, which wait on the
 * container (top-level await), and two graphs evaluated at the same time
 * sometimes ran a route file before start/limiter.ts had finished
 * ("Cannot access 'registrationThrottle' before initialization", about one
 * boot in ten when two processes started together). Importing them in order
 * leaves no race.
 */
import app from '@adonisjs/core/services/app'

await import('#start/view')
await import('#start/events')
await import('#start/kernel')
await import('#start/limiter')
await import('#start/routes')

if (app.getEnvironment() === 'web') {
  await import('#start/install')
  await import('#start/jobs')
}
