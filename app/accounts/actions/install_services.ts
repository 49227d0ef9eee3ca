import db from '@adonisjs/lucid/services/db'
import type { ServiceDeclaration } from '#core/modules/define_module'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'

export class DatabaseNotMigratedError extends Error {
  constructor(cause: unknown) {
    super(
      'The database is not migrated: run `node ace migration:run --force` (from build/ in production), then start again.',
      { cause }
    )
  }
}

/**
 * Creates the city services the enabled modules need and that do not exist
 * yet, under the name the module gives; an existing service (maybe renamed
 * by an admin) is left as it is. Runs on every start: installing or enabling
 * a brick needs nothing more. Returns the slugs it created.
 */
export async function installServices(declarations: ServiceDeclaration[]) {
  const wanted = new Map(declarations.map((service) => [service.slug, service]))
  let existing: string[]
  try {
    existing = (await db.from('services').select('slug')).map((row) => row.slug)
  } catch (error) {
    throw new DatabaseNotMigratedError(error)
  }
  const missing = [...wanted.values()].filter((service) => !existing.includes(service.slug))
  if (missing.length === 0) return []
  const now = dbTimestamp(clock.now())
  // Two processes starting at once both try: the second one's rows are ignored.
  await db
    .knexQuery()
    .table('services')
    .insert(
      missing.map((service) => ({
        slug: service.slug,
        name: service.name,
        active: true,
        created_at: now,
        updated_at: now,
      }))
    )
    .onConflict('slug')
    .ignore()
  return missing.map((service) => service.slug)
}
