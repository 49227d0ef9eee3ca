import type { ModuleRegistry } from '#core/modules/registry'
import { servesModule } from '#core/modules/registry'
import type { StatisticsChart, StatisticsContext } from '#core/modules/statistics'

export interface StatisticsSectionResult {
  key: string
  title: string
  charts: StatisticsChart[]
}

/**
 * The sections the enabled modules declare (`statistics` in their
 * manifests), in layer order, each computed within the context's services.
 * A brick whose services the agent does not serve shows no section (as its
 * navigation link), admins see every one; `only` keeps one section.
 */
export function availableSections(registry: ModuleRegistry, services: string[] | null) {
  return registry.collect('statistics').filter(({ module, item }) => {
    if (item.adminsOnly && services !== null) return false
    const own = (module.definition.services ?? []).map((service) => service.slug)
    return services === null || !module.brick || own.length === 0 || servesModule(own, services)
  })
}

export async function statisticsSections(
  registry: ModuleRegistry,
  context: StatisticsContext,
  only?: string
): Promise<StatisticsSectionResult[]> {
  const sections = availableSections(registry, context.services).filter(
    ({ item }) => !only || item.key === only
  )
  return Promise.all(
    sections.map(async ({ item }) => ({
      key: item.key,
      title: context.t(item.title),
      charts: await (await item.source()).default(context),
    }))
  )
}
