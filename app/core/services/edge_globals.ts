import type { Edge } from 'edge.js'

/*
 * Helpers that Edge, the framework and its packages register as template
 * globals and that no Parvis template uses: string case helpers, pretty
 * printers, `inspect`, `signedRoute`, Drive's URL helpers, the i18n locale
 * lists — and `app` and `config`, which handed every template the whole
 * application and its configuration (secrets included).
 *
 * Every global is copied into the state of every render and of every
 * component call (Edge spreads globals and shared values into a new object
 * each time): the inbox makes 18 component calls per page, and the 53
 * globals made each copy the largest allocation of the page. A template that
 * needs one of these helpers again gets it from a helper of our own in
 * start/view.ts, and removes it from this list.
 */
export const UNUSED_EDGE_GLOBALS = [
  'nl2br',
  'inspect',
  'truncate',
  'excerpt',
  'js',
  'camelCase',
  'snakeCase',
  'dashCase',
  'pascalCase',
  'capitalCase',
  'sentenceCase',
  'dotCase',
  'noCase',
  'titleCase',
  'pluralize',
  'sentence',
  'prettyMs',
  'toMs',
  'prettyBytes',
  'toBytes',
  'ordinal',
  'signedRoute',
  'app',
  'config',
  'driveUrl',
  'driveSignedUrl',
  'getDefaultLocale',
  'getSupportedLocales',
] as const

/** Removes the globals no template uses (see above) from an Edge instance; an Edge plugin. */
export function dropUnusedEdgeGlobals(edge: Edge) {
  for (const name of UNUSED_EDGE_GLOBALS) delete edge.globals[name]
}
