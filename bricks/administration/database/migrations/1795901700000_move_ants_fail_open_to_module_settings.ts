import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The ANTS fail-open switch was a row of the core's `settings` table; it is
 * now the brick's declared setting `antsFailOpen`, kept in `module_settings`
 * like every module's settings. Moves a value a city already chose.
 */
export default class extends BaseSchema {
  async up() {
    this.defer(async (db) => {
      const old = await db.from('settings').where('key', 'administration.ants_fail_open').first()
      if (!old) return
      const moved = await db
        .from('module_settings')
        .where({ module: 'administration', key: 'antsFailOpen' })
        .first()
      if (!moved) {
        await db.table('module_settings').insert({
          module: 'administration',
          key: 'antsFailOpen',
          value: JSON.stringify(old.value === 'true'),
          updated_by: null,
          updated_at: old.updated_at,
        })
      }
      await db.from('settings').where('key', 'administration.ants_fail_open').delete()
    })
  }

  async down() {}
}
