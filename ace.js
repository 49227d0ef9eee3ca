/*
 * Entry point of the ace command line. TypeScript sources are compiled on the
 * fly in development; the production build ships compiled JavaScript.
 */
await import('ts-node-maintained/register/esm')
await import('./bin/console.js')
