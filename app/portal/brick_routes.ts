import type { Router } from '@adonisjs/core/http'
import type { RouteGroup } from '@adonisjs/core/http'
import type { ModuleRegistry } from '#core/modules/registry'
import { middleware } from '#accounts/middleware/named'

/**
 * Mounts every installed brick's routes: front routes under its French prefix,
 * back routes under /agents<prefix> behind agent authentication, for the
 * agents of the services the brick declares (others get 404). All of them
 * pass through the `brick` middleware, which answers 404 while the brick is
 * disabled, so enabling a brick needs no restart and no schema change.
 */
export async function mountBrickRoutes(router: Router, registry: ModuleRegistry) {
  for (const { definition } of registry.bricks()) {
    const front = definition.routes?.front ? (await definition.routes.front()).default : null
    const back = definition.routes?.back ? (await definition.routes.back()).default : null
    const api = definition.routes?.api ? (await definition.routes.api()).default : null
    const open = definition.routes?.public ? (await definition.routes.public()).default : null
    if (open) {
      const group = router
        .group(() => open(router))
        .use(middleware.brick({ name: definition.name }))
        .as(`${definition.name}.public`)
      checkPublicPaths(definition.name, group, definition.publicPaths ?? [])
    }
    if (api) {
      router
        .group(() => api(router))
        .prefix('/api')
        .use(middleware.brick({ name: definition.name }))
        .as(`${definition.name}.api`)
    }
    if (front) {
      router
        .group(() => front(router))
        .prefix(definition.prefix)
        .use(middleware.brick({ name: definition.name }))
        .as(`${definition.name}.front`)
    }
    if (back) {
      router
        .group(() => back(router))
        .prefix(`/agents${definition.prefix}`)
        .use([
          middleware.brick({ name: definition.name }),
          middleware.agent(),
          middleware.service({
            services: (definition.services ?? []).map((service) => service.slug),
          }),
        ])
        .as(`${definition.name}.back`)
    }
  }
}

/**
 * A brick's root-level pages stay under the paths its manifest declares, so
 * that a brick cannot take over `/`, `/connexion` or another brick's address
 * by accident: a route outside them fails the boot.
 */
function checkPublicPaths(name: string, group: RouteGroup, paths: string[]) {
  const patterns: string[] = []
  const collect = (routes: RouteGroup['routes']) => {
    for (const route of routes) {
      if ('getPattern' in route) patterns.push(route.getPattern())
      else if ('routes' in route && Array.isArray(route.routes)) collect(route.routes as any)
    }
  }
  collect(group.routes)
  for (const pattern of patterns) {
    const inside = paths.some((path) => pattern === path || pattern.startsWith(`${path}/`))
    if (!inside) {
      throw new Error(`Brick "${name}": public route "${pattern}" is outside its publicPaths`)
    }
  }
}
