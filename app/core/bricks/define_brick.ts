import type { Router } from '@adonisjs/core/http'
import type { ProcedureDefinition } from '#demands/procedures/define_procedure'
import type { WorkflowDefinition } from '#workflow/define_workflow'

/** A link a brick adds to the resident or the agents' navigation. */
export interface NavigationEntry {
  /** i18n key of the label */
  label: string
  /** path relative to the brick's prefix ('' is the prefix itself) */
  path: string
}

/** An entry of the `/demarches` catalogue brought by a brick. */
export interface CatalogueEntry {
  /** i18n key of the title */
  title: string
  /** i18n key of the summary */
  summary: string
  /** path relative to the brick's prefix, or an absolute URL for external services */
  path: string
  category?: string
  external?: boolean
}

/** Routes are functions so that they are registered inside the brick's group. */
export type RouteModule = { default: (router: Router) => void }

export interface BrickDefinition {
  /** folder name; also the Edge disk (`name::view`) and the table prefix */
  name: string
  /** resident URL prefix, French (`/solidarites`); agents get `/agents<prefix>` */
  prefix: string
  /** i18n key of the brick's label */
  label: string
  /** slugs of the city services whose agents work in the brick */
  services: string[]
  /** permission names the brick adds */
  permissions: string[]
  /** procedure definitions (demands engine), filed under /demarches/<key> */
  procedures?: ProcedureDefinition[]
  /** workflows the brick's procedures name */
  workflows?: WorkflowDefinition[]
  routes?: {
    front?: () => Promise<RouteModule>
    back?: () => Promise<RouteModule>
    /** machine-to-machine endpoints, mounted under /api (the brick names the rest of the path) */
    api?: () => Promise<RouteModule>
  }
  navigation?: {
    front?: NavigationEntry[]
    back?: NavigationEntry[]
  }
  catalogue?: CatalogueEntry[]
  /** implementations of core connector interfaces, by name */
  connectors?: Record<string, unknown>
  /** demo seeder, run with the core demo seed */
  seed?: () => Promise<{ default: (context: { trx?: unknown }) => Promise<void> }>
}

const PREFIX_PATTERN = /^\/[a-z0-9-]+$/
const NAME_PATTERN = /^[a-z][a-z0-9_]*$/

/**
 * Declares a brick. Checks the declaration once at load time so that a typo
 * fails the boot rather than a request.
 */
export function defineBrick<T extends BrickDefinition>(definition: T): T {
  if (!NAME_PATTERN.test(definition.name)) {
    throw new Error(`Brick name "${definition.name}" must be snake_case (a-z, 0-9, _)`)
  }
  if (!PREFIX_PATTERN.test(definition.prefix)) {
    throw new Error(`Brick "${definition.name}": prefix "${definition.prefix}" must look like /mot-cle`)
  }
  if (definition.prefix === '/agents' || definition.prefix === '/api') {
    throw new Error(`Brick "${definition.name}": prefix "${definition.prefix}" is reserved`)
  }
  return Object.freeze(definition)
}
