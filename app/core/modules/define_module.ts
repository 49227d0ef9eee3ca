import type { Router } from '@adonisjs/core/http'
import type { SettingsDeclaration } from '#core/modules/settings'
import type { CatalogueCategory } from '#core/modules/catalogue_categories'
import type { RetentionDeclaration } from '#core/modules/retention'
import type { PersonalDataDeclaration } from '#core/modules/personal_data'
import type { StatisticsSectionDeclaration } from '#core/modules/statistics'

/**
 * What a module (core or brick) declares about itself, once, in its
 * `manifest.ts`. The core reads only the fields it owns; the modules above it
 * add their own extension points to `ModuleExtensions` by declaration
 * merging (the jobs runtime adds `jobs` and `schedules`, the demands engine
 * `procedures`, the portal `residentSpace`…), so the core never imports them
 * and a manifest is still checked field by field.
 */
export interface ModuleExtensions {}

/** A city service a module needs; created on install, its name editable by admins. */
export interface ServiceDeclaration {
  slug: string
  /** the name given at creation (French) */
  name: string
  /** confidential services' demands are hidden from every other service (social) */
  confidential?: boolean
}

/** A link a module adds to the resident or the agents' navigation. */
export interface NavigationEntry {
  /** i18n key of the label */
  label: string
  /** path relative to the module's prefix ('' is the prefix itself) */
  path: string
  /** for agents' links: the permission the link needs (else: any agent of the module's services) */
  permission?: string
}

/** An entry of the `/demarches` catalogue. */
export interface CatalogueEntry {
  /** i18n key of the title */
  title: string
  /** i18n key of the summary */
  summary: string
  /** path relative to the module's prefix, or an absolute URL for external services */
  path: string
  /** the heading it is listed under (`other` when absent) */
  category?: CatalogueCategory
  external?: boolean
  /** words residents may search with (i18n key of a comma-separated list) */
  keywords?: string
}

/**
 * What `node ace parvis:doctor` reports about a module's configuration: an
 * i18n key (`<module>.doctor.*`, with `data` for its placeholders) and how
 * serious it is. `ok` lines say what was checked and found right.
 */
export interface ConfigurationCheck {
  status: 'ok' | 'warning' | 'error'
  message: string
  data?: Record<string, unknown>
}

/** Routes are functions so that they are registered inside the module's group. */
export type RouteModule = { default: (router: Router) => void }

export interface ModuleDefinition extends ModuleExtensions {
  /** folder name; also the Edge disk (`name::view`) and, for bricks, the table prefix */
  name: string
  /** i18n key of the module's name (settings page, permissions form) */
  label?: string
  /** city services the module needs (created on install) */
  services?: ServiceDeclaration[]
  /** permissions granted to agents per service, checked with `agentCan()` */
  permissions?: string[]
  /** typed settings edited in /agents/admin/reglages (a function when they follow what is registered) */
  settings?: SettingsDeclaration
  routes?: {
    front?: () => Promise<RouteModule>
    back?: () => Promise<RouteModule>
    /** machine-to-machine endpoints, mounted under /api (the module names the rest of the path) */
    api?: () => Promise<RouteModule>
    /**
     * bricks only: pages mounted at the site's root, each under one of the
     * brick's `publicPaths` (a legal address the law or habit fixes, like
     * /arretes), outside its prefix
     */
    public?: () => Promise<RouteModule>
  }
  navigation?: {
    front?: NavigationEntry[]
    back?: NavigationEntry[]
  }
  catalogue?: CatalogueEntry[]
  /** the kinds of personal data the module keeps, each with its period (a setting) and its purge */
  retention?: RetentionDeclaration[]
  /** what the module holds about a resident: exported in their archive, erased with their account */
  personalData?: PersonalDataDeclaration[]
  /** its sections of /agents/statistiques (figures of the agent's services over a period) */
  statistics?: StatisticsSectionDeclaration[]
  /** checks of the module's settings for `node ace parvis:doctor` (connectors reachable, keys set…) */
  checks?: () => Promise<ConfigurationCheck[]>
  /** demo data of this module, run when the demo city is seeded */
  seed?: () => Promise<{ default: (context: { trx: any }) => Promise<void> }>
}

export interface BrickDefinition extends ModuleDefinition {
  /** resident URL prefix, French (e.g. /solidarites); agents get `/agents<prefix>` */
  prefix: string
  label: string
  /** root paths (`/mot-cle`) its `routes.public` may answer under; none else */
  publicPaths?: string[]
}

export const NAME_PATTERN = /^[a-z][a-z0-9_]*$/
export const PREFIX_PATTERN = /^\/[a-z0-9-]+$/
/** A city service's slug, as admins type it in /agents/admin/services. */
export const SERVICE_SLUG_PATTERN = /^[a-z][a-z0-9_]{1,59}$/
export const RESERVED_PREFIXES = new Set([
  '/agents',
  '/api',
  '/assets',
  '/mon-espace',
  '/demarches',
  '/connexion',
  '/inscription',
  '/health',
  '/metrics',
])

function check(definition: ModuleDefinition) {
  if (!NAME_PATTERN.test(definition.name)) {
    throw new Error(`Module name "${definition.name}" must be snake_case (a-z, 0-9, _)`)
  }
  for (const service of definition.services ?? []) {
    if (!SERVICE_SLUG_PATTERN.test(service.slug)) {
      throw new Error(
        `Module "${definition.name}": service slug "${service.slug}" must be a-z, 0-9 and _ (as admins type them)`
      )
    }
  }
  for (const permission of definition.permissions ?? []) {
    if (!permission.startsWith(`${definition.name}.`)) {
      throw new Error(
        `Module "${definition.name}": permission "${permission}" must start with "${definition.name}."`
      )
    }
  }
}

/** Declares a core module. Checked once at load time so that a typo fails the boot rather than a request. */
export function defineModule<T extends ModuleDefinition>(definition: T): Readonly<T> {
  check(definition)
  return Object.freeze(definition)
}

/** Declares a brick: a module with a resident prefix, which the city enables or not (PARVIS_BRICKS). */
export function defineBrick<T extends BrickDefinition>(definition: T): Readonly<T> {
  check(definition)
  if (!PREFIX_PATTERN.test(definition.prefix)) {
    throw new Error(
      `Brick "${definition.name}": prefix "${definition.prefix}" must look like /mot-cle`
    )
  }
  if (RESERVED_PREFIXES.has(definition.prefix)) {
    throw new Error(`Brick "${definition.name}": prefix "${definition.prefix}" is reserved`)
  }
  for (const path of definition.publicPaths ?? []) {
    if (!PREFIX_PATTERN.test(path) || RESERVED_PREFIXES.has(path)) {
      throw new Error(
        `Brick "${definition.name}": public path "${path}" must look like /mot-cle and not be reserved`
      )
    }
  }
  if (definition.routes?.public && !definition.publicPaths?.length) {
    throw new Error(`Brick "${definition.name}": routes.public needs its publicPaths declared`)
  }
  return Object.freeze(definition)
}

export function isBrick(definition: ModuleDefinition): definition is BrickDefinition {
  return typeof (definition as BrickDefinition).prefix === 'string'
}
