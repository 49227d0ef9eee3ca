import { basename } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ApplicationService } from '@adonisjs/core/types'
import {
  isBrick,
  type BrickDefinition,
  type CatalogueEntry,
  type ModuleDefinition,
  type ModuleExtensions,
  type NavigationEntry,
} from '#core/modules/define_module'

export interface LoadedModule<T extends ModuleDefinition = ModuleDefinition> {
  definition: T
  /** folder relative to the application root */
  root: string
  /** URL prefix of its resident pages ('' for core modules) */
  prefix: string
  brick: boolean
}

/**
 * Whether an agent of these services may open a module's back office: the
 * one rule behind both the `service` middleware mounted on a brick's /agents
 * routes and the links agents are shown.
 */
export function servesModule(
  moduleServices: readonly string[],
  agentServiceSlugs: readonly string[]
) {
  return moduleServices.some((service) => agentServiceSlugs.includes(service))
}

/** The element type of a list-valued manifest field. */
type Item<K extends keyof ModuleDefinition> =
  NonNullable<ModuleDefinition[K]> extends readonly (infer I)[] ? I : never

export interface ResolvedLink {
  label: string
  href: string
  module: string
  permission?: string
}

/**
 * Every module of this Parvis: the core modules (config/modules.ts, always
 * on) and the installed bricks (config/bricks.ts), each loaded from the
 * `manifest.ts` of its folder. Which bricks are enabled comes from
 * PARVIS_BRICKS (default: all). What a disabled brick declares (navigation,
 * timeline items, dashboard cards, jobs, schedules, settings, permissions…)
 * is left out of every `enabled…` answer; its jobs already queued fail, with
 * their retries, until it is enabled again (see app/jobs/registry.ts).
 */
export class ModuleRegistry {
  #modules = new Map<string, LoadedModule>()
  #enabledBricks = new Set<string>()
  /* Lists every page asks for (navigation, catalogue), built once per set of enabled modules. */
  #lists = new Map<string, unknown>()
  /** Changes whenever the enabled modules do: what is kept per set of modules (lists, cached pages) keys on it. */
  generation = 0

  constructor(protected app: ApplicationService) {}

  async load(coreRoots: string[], brickRoots: string[]) {
    for (const root of coreRoots) await this.#loadOne(root, false)
    for (const root of brickRoots) await this.#loadOne(root, true)
    this.enableFromSetting(process.env.PARVIS_BRICKS)
  }

  async #loadOne(root: string, brick: boolean) {
    const folder = basename(root)
    const module = await import(pathToFileURL(this.app.makePath(root, 'manifest.js')).href)
    const definition: ModuleDefinition = module.default
    const expected = brick ? 'defineBrick' : 'defineModule'
    if (!definition || definition.name !== folder || isBrick(definition) !== brick) {
      throw new Error(
        `The module at "${root}" must export ${expected}({ name: '${folder}', ... }) from its manifest.ts`
      )
    }
    if (this.#modules.has(definition.name))
      throw new Error(`Two modules are named "${definition.name}"`)
    const prefix = isBrick(definition) ? definition.prefix : ''
    for (const other of this.#modules.values()) {
      if (prefix && other.prefix === prefix) {
        throw new Error(
          `Bricks "${other.definition.name}" and "${folder}" share the prefix ${prefix}`
        )
      }
    }
    this.#modules.set(definition.name, { definition, root, prefix, brick })
    this.#lists.clear()
  }

  /**
   * Reads a comma-separated list of brick names; empty or undefined enables
   * every installed brick, `none` enables none. Unknown names are an error,
   * so a typo in production is noticed at boot instead of silently hiding a
   * brick.
   */
  enableFromSetting(setting: string | undefined) {
    this.#lists.clear()
    this.generation++
    const bricks = this.bricks().map(({ definition }) => definition.name)
    if (setting?.trim() === 'none') {
      this.#enabledBricks = new Set()
      return
    }
    const names = (setting ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)
    if (names.length === 0) {
      this.#enabledBricks = new Set(bricks)
      return
    }
    const unknown = names.filter((name) => !bricks.includes(name))
    if (unknown.length > 0) {
      throw new Error(`PARVIS_BRICKS names bricks that are not installed: ${unknown.join(', ')}`)
    }
    this.#enabledBricks = new Set(names)
  }

  /** Core modules and installed bricks, enabled or not. */
  modules(): LoadedModule[] {
    return [...this.#modules.values()]
  }

  /** Core modules and enabled bricks. */
  enabledModules(): LoadedModule[] {
    return this.modules().filter(
      (module) => !module.brick || this.#enabledBricks.has(module.definition.name)
    )
  }

  /** Installed bricks, enabled or not. */
  bricks(): LoadedModule<BrickDefinition>[] {
    return this.modules().filter((module) => module.brick) as LoadedModule<BrickDefinition>[]
  }

  enabledBricks(): LoadedModule<BrickDefinition>[] {
    return this.bricks().filter((module) => this.#enabledBricks.has(module.definition.name))
  }

  isEnabled(name: string) {
    const module = this.#modules.get(name)
    return Boolean(module) && (!module!.brick || this.#enabledBricks.has(name))
  }

  get(name: string) {
    return this.#modules.get(name)
  }

  /**
   * One extension point over the enabled modules, with the module each item
   * comes from: `registry.collect('schedules')`.
   */
  collect<
    K extends
      | keyof ModuleExtensions
      | 'permissions'
      | 'services'
      | 'catalogue'
      | 'retention'
      | 'statistics',
  >(key: K, scope: 'enabled' | 'installed' = 'enabled'): { module: LoadedModule; item: Item<K> }[] {
    const modules = scope === 'enabled' ? this.enabledModules() : this.modules()
    return modules.flatMap((module) => {
      const value: unknown = (module.definition as ModuleDefinition)[key]
      return Array.isArray(value) ? value.map((item: Item<K>) => ({ module, item })) : []
    })
  }

  /** One keyed extension point (an object of named entries, like `jobs` or `settings`). */
  collectKeyed<T = unknown>(
    key: string,
    scope: 'enabled' | 'installed' = 'enabled'
  ): { module: LoadedModule; name: string; item: T }[] {
    const modules = scope === 'enabled' ? this.enabledModules() : this.modules()
    return modules.flatMap((module) => {
      const value = (module.definition as unknown as Record<string, Record<string, T> | undefined>)[
        key
      ]
      return value && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value).map(([name, item]) => ({ module, name, item }))
        : []
    })
  }

  frontNavigation(): readonly ResolvedLink[] {
    return this.#links('front')
  }

  /** The agents' links of the enabled modules; given an agent's services, only those the agent may open. */
  backNavigation(agentServiceSlugs?: readonly string[]): readonly ResolvedLink[] {
    const links = this.#links('back')
    if (!agentServiceSlugs) return links
    return links.filter((link) => {
      const services = (this.#modules.get(link.module)!.definition.services ?? []).map(
        (service) => service.slug
      )
      return services.length === 0 || servesModule(services, agentServiceSlugs)
    })
  }

  catalogue(): readonly (CatalogueEntry & { href: string; module: string })[] {
    return this.#remember('catalogue', () =>
      this.collect('catalogue').map(({ module, item }) => ({
        ...item,
        module: module.definition.name,
        href: item.external ? item.path : joinPath(module.prefix, item.path),
      }))
    )
  }

  #remember<T>(key: string, build: () => T): T {
    if (!this.#lists.has(key)) this.#lists.set(key, Object.freeze(build()))
    return this.#lists.get(key) as T
  }

  /** Permissions of the enabled modules, with the module that declares each. */
  permissions(): { name: string; module: string }[] {
    return this.collect('permissions').map(({ module, item }) => ({
      name: item,
      module: module.definition.name,
    }))
  }

  #links(side: 'front' | 'back'): readonly ResolvedLink[] {
    return this.#remember(`links:${side}`, () => this.#buildLinks(side))
  }

  #buildLinks(side: 'front' | 'back'): ResolvedLink[] {
    return this.enabledModules().flatMap(({ definition, prefix }) => {
      const base = side === 'front' ? prefix : `/agents${prefix}`
      const entries: NavigationEntry[] = definition.navigation?.[side] ?? []
      return entries.map((entry) => ({
        label: entry.label,
        href: joinPath(base, entry.path) || '/',
        module: definition.name,
        permission: entry.permission,
      }))
    })
  }
}

export function joinPath(base: string, path: string) {
  if (!path || path === '/') return base
  return `${base}/${path.replace(/^\//, '')}`
}
