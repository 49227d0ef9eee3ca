/*
 * Entry point of the ace command line. TypeScript sources are compiled on the
 * fly in development; the production build ships compiled JavaScript.
 */
// Dates are written in UTC whatever the server's zone (SQLite stores them
// without one); pages show them in Europe/Paris.
process.env.TZ = 'UTC'
await import('ts-node-maintained/register/esm')
await import('./bin/console.js')
