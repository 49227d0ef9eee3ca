import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { SettingDefinition, SettingValue } from '#core/modules/settings'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'

type Definitions = Record<string, SettingDefinition<any>>
export type SettingValues<S extends Definitions> = { [K in keyof S]: SettingValue<S[K]> }

/*
 * Module settings, read where they are used. Each read asks the database
 * (one indexed query for all of a module's settings), so a change made by an
 * admin on one app process is seen at once by every other process and by the
 * workers: nothing to invalidate, and code reads a module's settings once per
 * request or job run (the canteen invoicing reads its prices once per run).
 * A setting never changed has no row and reads as its declared default.
 */

async function storedValues(module: string, client: QueryClientContract) {
  const rows = await client.from('module_settings').where('module', module).select('key', 'value')
  const values = new Map<string, unknown>()
  for (const row of rows) {
    try {
      values.set(row.key, JSON.parse(row.value))
    } catch {
      // A value no longer readable falls back to the default.
    }
  }
  return values
}

/** Every setting of a module, typed by its definitions (the object its manifest declares). */
export async function readSettings<S extends Definitions>(
  module: string,
  definitions: S,
  client: QueryClientContract = db.connection()
): Promise<SettingValues<S>> {
  const stored = await storedValues(module, client)
  const values = {} as Record<string, unknown>
  for (const [key, definition] of Object.entries(definitions)) {
    const accepted = stored.has(key) ? definition.accept(stored.get(key)) : undefined
    values[key] = accepted === undefined ? definition.default : accepted
  }
  return values as SettingValues<S>
}

/** One setting of a module. */
export async function readSetting<S extends Definitions, K extends keyof S & string>(
  module: string,
  definitions: S,
  key: K,
  client?: QueryClientContract
): Promise<SettingValue<S[K]>> {
  return (await readSettings(module, { [key]: definitions[key] } as Pick<S, K>, client))[key]
}

/**
 * Stores a setting's value (already parsed by its definition), in the
 * caller's transaction, which also records who changed it (see the back
 * office's changeSettings). Two admins saving at once: the last one wins,
 * without a duplicate-key error.
 */
export async function writeSetting(
  module: string,
  key: string,
  value: unknown,
  options: { updatedBy: number | null; client: QueryClientContract }
) {
  await options.client
    .knexQuery()
    .table('module_settings')
    .insert({
      module,
      key,
      value: JSON.stringify(value),
      updated_by: options.updatedBy,
      updated_at: dbTimestamp(clock.now(), options.client),
    })
    .onConflict(['module', 'key'])
    .merge(['value', 'updated_by', 'updated_at'])
}
