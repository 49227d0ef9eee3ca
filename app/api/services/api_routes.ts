import app from '@adonisjs/core/services/app'
import { ModuleRegistry } from '#core/modules/registry'
import { SCOPE_PATTERN, type ApiRoute } from '#api/define_api'

/** Every route of /api/v1, from the `api` declarations of the enabled modules' manifests. */
export async function apiRoutes(): Promise<{ module: string; route: ApiRoute }[]> {
  const registry = await app.container.make(ModuleRegistry)
  const found: { module: string; route: ApiRoute }[] = []
  for (const module of registry.enabledModules()) {
    const declaration = module.definition.api
    if (!declaration?.routes) continue
    for (const route of (await declaration.routes()).default)
      found.push({ module: module.definition.name, route })
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
