import type { PersonalDataDeclaration } from '#core/modules/personal_data'
import { keepStatistics } from './retention.js'

/**
 * Opération Tranquillité Vacances declarations go with the account (counted
 * in the monthly statistics first, as the nightly purge does). Municipal
 * decrees are public acts kept for good in the register: one issued on the
 * resident's request is only detached from the account.
 */
export const policePersonalData: PersonalDataDeclaration[] = [
  {
    key: 'otv',
    label: 'police.personal_data.otv',
    tables: ['police_otv_absences', 'police_otv_passages'],
    async export({ userId, client }) {
      const absences = await client.from('police_otv_absences').where('user_id', userId)
      const ids = absences.map((absence) => absence.id)
      const passages = ids.length
        ? await client.from('police_otv_passages').whereIn('absence_id', ids).orderBy('passed_at')
        : []
      return {
        rows: absences.map((absence) => ({
          reference: absence.reference,
          startsOn: absence.starts_on,
          endsOn: absence.ends_on,
          status: absence.status,
          streetNumber: absence.street_number,
          addressComplement: absence.address_complement,
          homeType: absence.home_type,
          alarm: Boolean(absence.alarm),
          alarmCompany: absence.alarm_company,
          keyHolderName: absence.key_holder_name,
          keyHolderPhone: absence.key_holder_phone,
          vehicles: absence.vehicles,
          pets: absence.pets,
          reachPhone: absence.reach_phone,
          instructions: absence.instructions,
          passages: passages
            .filter((passage) => passage.absence_id === absence.id)
            .map((passage) => ({
              at: passage.passed_at,
              remark: passage.remark,
              anomaly: Boolean(passage.anomaly),
            })),
        })),
      }
    },
    async erase({ userId, client }) {
      const ids = (
        await client.from('police_otv_absences').where('user_id', userId).select('id')
      ).map((row) => row.id)
      if (ids.length === 0) return
      await keepStatistics(ids, client)
      await client.from('police_otv_passages').whereIn('absence_id', ids).delete()
      await client.from('police_otv_absences').whereIn('id', ids).delete()
    },
  },
  {
    key: 'decrees',
    label: 'police.personal_data.decrees',
    tables: ['police_decrees'],
    async export({ userId, client }) {
      const decrees = await client
        .from('police_decrees')
        .where('resident_id', userId)
        .select('number', 'title', 'kind', 'signed_on', 'starts_on', 'ends_on', 'places')
      return {
        rows: decrees.map((decree) => ({
          number: decree.number,
          title: decree.title,
          kind: decree.kind,
          signedOn: decree.signed_on,
          startsOn: decree.starts_on,
          endsOn: decree.ends_on,
          places: decree.places,
        })),
      }
    },
    async kept({ userId, client }) {
      const [{ count }] = await client
        .from('police_decrees')
        .where('resident_id', userId)
        .count('* as count')
      return Number(count) > 0
        ? [
            {
              label: 'police.personal_data.decrees_kept',
              count: Number(count),
              reason: 'police.personal_data.decrees_reason',
              until: null,
              untilText: 'police.personal_data.decrees_until',
            },
          ]
        : []
    },
    async erase({ userId, client }) {
      await client.from('police_decrees').where('resident_id', userId).update({ resident_id: null })
    },
  },
]
