/*
 * The layers of Parvis, checked by `npm run deps` (dependency-cruiser) in CI.
 *
 * Bottom to top; a module imports only from the layers below it, never from
 * a module of its own layer (except the pairs listed in SIBLINGS), never from
 * a brick. Bricks import the core, never each other. A module learns about
 * what sits above it only through what those register in their manifests.
 */
const LAYERS = [
  ['core'],
  ['accounts'],
  ['jobs'],
  ['notifications'],
  ['demands', 'workflow', 'appointments', 'activities', 'payments'],
  ['connectors', 'back_office', 'portal', 'mediation'],
  ['api'],
]

/** Same-layer imports that are part of the design (demands run on workflows). */
const SIBLINGS = { demands: ['workflow'] }

/** Where a module's files live (the jobs runtime moved out of connectors). */
const folder = (name) => `^app/${name}/`

const alternatives = (names) => names.map(folder).join('|')

const layerRules = LAYERS.flatMap((layer, index) => {
  const above = LAYERS.slice(index + 1).flat()
  return layer.map((name) => {
    const siblings = layer.filter(
      (other) => other !== name && !(SIBLINGS[name] ?? []).includes(other)
    )
    const forbidden = [...above, ...siblings]
    return {
      name: `layer-${name}`,
      severity: 'error',
      comment: `app/${name} may import only from the layers below it (${LAYERS.slice(0, index).flat().join(', ') || 'none'}); what is above registers itself through manifests.`,
      from: { path: folder(name), pathNot: '/tests/' },
      to: { path: `${forbidden.length ? alternatives(forbidden) + '|' : ''}^bricks/` },
    }
  })
})

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'brick-to-brick',
      severity: 'error',
      comment: 'A brick never imports another brick: they meet through the core.',
      from: { path: '^bricks/([^/]+)/' },
      to: { path: '^bricks/', pathNot: '^bricks/$1/' },
    },
    {
      name: 'no-cycle-between-modules',
      severity: 'error',
      comment: 'No import cycle may cross a module boundary.',
      from: { path: '^(app|bricks)/([^/]+)/' },
      to: { circular: true, via: { pathNot: '^$1/$2/' } },
    },
    {
      name: 'app-to-wiring',
      severity: 'error',
      comment:
        'Modules read settings (config/, start/env) but never import the HTTP kernel or the routes: those import the modules.',
      from: { path: '^(app|bricks)/' },
      to: { path: '^start/(kernel|routes)' },
    },
    {
      name: 'alias-resolves',
      severity: 'error',
      comment:
        'A "#" import the check cannot resolve is a layer it cannot see: add the alias to tsconfig.deps.json as in package.json "imports".',
      from: { path: '^(app|bricks|start|config)/' },
      to: { couldNotResolve: true, path: '^#' },
    },
    {
      name: 'not-to-tests',
      severity: 'error',
      comment: 'Production code never imports test code.',
      from: { path: '^(app|bricks|start|config)/', pathNot: '/tests/' },
      to: { path: '(^tests/|/tests/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(build|tmp|node_modules)/' },
    tsPreCompilationDeps: true,
    // Resolves the package.json subpath imports (#core/*…) to the TypeScript sources.
    tsConfig: { fileName: 'tsconfig.deps.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js'],
      mainFields: ['module', 'main', 'types'],
    },
  },
}
