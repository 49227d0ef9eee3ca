import { BaseSchema } from '@adonisjs/lucid/schema'
import { clock } from '#core/clock'

/**
 * The brick's two meeting types, so that a fresh installation (without the
 * demo) can open agendas at once; admins then adjust durations and rules at
 * /agents/admin/agendas. Existing rows are left as they are.
 */
export default class extends BaseSchema {
  async up() {
    this.defer(async (db) => {
      const now = clock.date().toISOString().slice(0, 19).replace('T', ' ')
      const types = [
        {
          key: 'administration_titre',
          label: 'Dépôt de dossier carte d’identité / passeport',
          service_slug: 'etat_civil',
          duration_minutes: 15,
          per_person: true,
          max_persons: 5,
          bookable_by: 'resident',
          min_delay_hours: 2,
          max_delay_days: 60,
          cancel_deadline_hours: 24,
          waiting_list: true,
          active: true,
        },
        {
          key: 'administration_retrait',
          label: 'Retrait de carte d’identité / passeport',
          service_slug: 'etat_civil',
          duration_minutes: 10,
          per_person: false,
          max_persons: 1,
          bookable_by: 'resident',
          min_delay_hours: 1,
          max_delay_days: 30,
          cancel_deadline_hours: 2,
          waiting_list: false,
          active: true,
        },
      ]
      for (const type of types) {
        const existing = await db.from('meeting_types').where('key', type.key).first()
        if (!existing)
          await db.table('meeting_types').insert({ ...type, created_at: now, updated_at: now })
      }
    })
  }

  async down() {
    this.defer(async (db) => {
      await db
        .from('meeting_types')
        .whereIn('key', ['administration_titre', 'administration_retrait'])
        .whereNotExists((query) =>
          query.from('appointments').whereRaw('appointments.meeting_type_id = meeting_types.id')
        )
        .delete()
    })
  }
}
