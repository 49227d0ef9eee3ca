import app from '@adonisjs/core/services/app'
import { ModuleRegistry } from '#core/modules/registry'
import { SCOPE_PATTERN, type ApiRoute } from '#api/define_api'

/** Every route of /api/v1, from the `api` declarations of the enabled modules' manifests. */
export async function apiRoutes(): Promise<{ module: string; route: ApiRoute }[]> {
  const registry = await app.container.make(ModuleRegistry)
  const found: { module: string; route: ApiRoute }[] = []
  const taken = new Map<string, string>()
  const claim = (what: string, module: string) => {
    const owner = taken.get(what)
    if (owner)
      throw new Error(`API: ${what} is declared by both ${owner} and ${module} (manifests' api)`)
    taken.set(what, module)
  }
  for (const module of registry.enabledModules()) {
    const declaration = module.definition.api
    if (!declaration) continue
    const name = module.definition.name
    const resources = declaration.resources ?? []
    for (const resource of resources) claim(`resource ${resource}`, name)
    if (!declaration.routes) continue
    for (const route of (await declaration.routes()).default) {
      // A module serves only the resources it declares, so an admin's scopes mean what they say.
      if (!resources.includes(route.scope.split(':')[0]))
        throw new Error(
          `API route ${route.operationId} of ${name}: its scope ${route.scope} is not one of the module's resources`
        )
      claim(`operation ${route.operationId}`, name)
      claim(`route ${route.method.toUpperCase()} ${route.path}`, name)
      found.push({ module: name, route })
    }
  }
  return found
}

/** The scopes an admin may give: each declared resource, read and write, and each single scope declared. */
export async function apiScopes() {
  const registry = await app.container.make(ModuleRegistry)
  return registry.enabledModules().flatMap((module) => {
    const declaration = module.definition.api
    const resources = (declaration?.resources ?? []).flatMap((resource) => [
      `${resource}:read`,
      `${resource}:write`,
    ])
    for (const scope of declaration?.scopes ?? [])
      if (!SCOPE_PATTERN.test(scope))
        throw new Error(
          `Module ${module.definition.name}: API scope "${scope}" must be name:read|write`
        )
    return [...resources, ...(declaration?.scopes ?? [])]
  })
}
