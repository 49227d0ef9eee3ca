import { basename } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ApplicationService } from '@adonisjs/core/types'
import type { BrickDefinition, CatalogueEntry, NavigationEntry } from '#core/bricks/define_brick'

export interface LoadedBrick {
  definition: BrickDefinition
  /** folder relative to the application root */
  root: string
}

/**
 * Whether an agent of these services may open a brick's back office: the one
 * rule behind both the `service` middleware mounted on the brick's /agents
 * routes and the links agents are shown.
 */
export function servesBrick(brickServices: readonly string[], agentServiceSlugs: readonly string[]) {
  return brickServices.some((service) => agentServiceSlugs.includes(service))
}

export interface ResolvedLink {
  label: string
  href: string
  brick: string
}

/**
 * The installed bricks and which of them are enabled. Installed bricks come
 * from config/bricks.ts and never change at runtime; the enabled set comes
 * from PARVIS_BRICKS (default: all) and can be changed without a restart
 * (later from a table edited in the back office).
 */
export class BrickRegistry {
  #bricks = new Map<string, LoadedBrick>()
  #enabled = new Set<string>()

  constructor(protected app: ApplicationService) {}

  async load(roots: string[]) {
    for (const root of roots) {
      const folder = basename(root)
      const url = pathToFileURL(this.app.makePath(root, 'manifest.js')).href
      const module = await import(url)
      const definition: BrickDefinition = module.default
      if (!definition || definition.name !== folder) {
        throw new Error(`Brick at "${root}" must export defineBrick({ name: '${folder}', ... })`)
      }
      for (const other of this.#bricks.values()) {
        if (other.definition.prefix === definition.prefix) {
          throw new Error(`Bricks "${other.definition.name}" and "${folder}" share the prefix ${definition.prefix}`)
        }
      }
      this.#bricks.set(definition.name, { definition, root })
    }
    this.enableFromSetting(process.env.PARVIS_BRICKS)
  }

  /**
   * Reads a comma-separated list of brick names; empty or undefined enables
   * every installed brick, `none` enables none. Unknown names are an error,
   * so a typo in production is noticed at boot instead of silently hiding a
   * brick.
   */
  enableFromSetting(setting: string | undefined) {
    if (setting?.trim() === 'none') {
      this.#enabled = new Set()
      return
    }
    const names = (setting ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)
    if (names.length === 0) {
      this.#enabled = new Set(this.#bricks.keys())
      return
    }
    const unknown = names.filter((name) => !this.#bricks.has(name))
    if (unknown.length > 0) {
      throw new Error(`PARVIS_BRICKS names bricks that are not installed: ${unknown.join(', ')}`)
    }
    this.#enabled = new Set(names)
  }

  installed(): LoadedBrick[] {
    return [...this.#bricks.values()]
  }

  enabled(): LoadedBrick[] {
    return this.installed().filter((brick) => this.#enabled.has(brick.definition.name))
  }

  isEnabled(name: string) {
    return this.#enabled.has(name)
  }

  get(name: string) {
    return this.#bricks.get(name)
  }

  frontNavigation(): ResolvedLink[] {
    return this.#links('front')
  }

  /** The enabled bricks' back-office links; given an agent's services, only those the agent may open. */
  backNavigation(agentServiceSlugs?: readonly string[]): ResolvedLink[] {
    const links = this.#links('back')
    if (!agentServiceSlugs) return links
    return links.filter((link) => servesBrick(this.#bricks.get(link.brick)!.definition.services, agentServiceSlugs))
  }

  catalogue(): (CatalogueEntry & { href: string; brick: string })[] {
    return this.enabled().flatMap(({ definition }) =>
      (definition.catalogue ?? []).map((entry) => ({
        ...entry,
        brick: definition.name,
        href: entry.external ? entry.path : joinPath(definition.prefix, entry.path),
      }))
    )
  }

  permissions(): string[] {
    return this.enabled().flatMap(({ definition }) => definition.permissions)
  }

  #links(side: 'front' | 'back'): ResolvedLink[] {
    return this.enabled().flatMap(({ definition }) => {
      const base = side === 'front' ? definition.prefix : `/agents${definition.prefix}`
      const entries: NavigationEntry[] = definition.navigation?.[side] ?? []
      return entries.map((entry) => ({
        label: entry.label,
        href: joinPath(base, entry.path),
        brick: definition.name,
      }))
    })
  }
}

function joinPath(base: string, path: string) {
  if (!path || path === '/') return base
  return `${base}/${path.replace(/^\//, '')}`
}
