import modules from '#core/services/modules'
import type { ApiEventDeclaration } from '#api/define_api'

let cache: { key: string; events: Map<string, ApiEventDeclaration> } | null = null

/** The events the enabled modules declare (the `events` of their `api` declaration), by type. */
export function declaredEvents(): Map<string, ApiEventDeclaration> {
  const enabled = modules.enabledModules()
  const key = enabled.map((module) => module.definition.name).join(',')
  if (cache?.key !== key) {
    const events = new Map<string, ApiEventDeclaration>()
    for (const { definition } of enabled)
      for (const event of definition.api?.events ?? []) {
        if (events.has(event.type))
          throw new Error(`Two modules declare the webhook event "${event.type}"`)
        events.set(event.type, event)
      }
    cache = { key, events }
  }
  return cache.events
}

/** The events an endpoint of a client with these scopes may subscribe to. */
export function eventsFor(scopes: string[]) {
  return [...declaredEvents().values()].filter((event) => scopes.includes(`${event.resource}:read`))
}
