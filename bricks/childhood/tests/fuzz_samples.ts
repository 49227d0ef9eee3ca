import db from '@adonisjs/lucid/services/db'
import type { FuzzSamplesBuilder } from '#tests/support/fuzz_samples'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'

/**
 * The records the childhood routes need in the forms fuzzer
 * (tests/functional/fuzz), next to what the demo seed gave the resident: a
 * placed and a waiting registration, a quotient to check, and an absence
 * the family declared.
 */
const fuzzSamples: FuzzSamplesBuilder = async ({ resident, members }) => {
  const child = members.find((member) => member.kind === 'child')!
  const session = await db
    .from('activity_sessions')
    .where('owner', 'childhood')
    .where('capacity', '>', 2)
    .orderBy('id')
    .firstOrFail()
  const now = dbTimestamp(clock.now())
  const registration = (row: Record<string, unknown>) =>
    db
      .table('activity_registrations')
      .insert({
        owner: 'childhood',
        session_id: session.id,
        household_member_id: child.id,
        user_id: resident.id,
        accepted_at: now,
        attendance: '{}',
        created_at: now,
        updated_at: now,
        ...row,
      })
      .returning('id')
  const [placed] = await registration({ status: 'placed' })
  const [spare] = await registration({ status: 'waiting' })
  const [quotient] = await db
    .table('childhood_quotients')
    .insert({
      user_id: resident.id,
      value: 500,
      document_key: null,
      document_name: null,
      status: 'pending',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
  const school = await db.from('childhood_schools').orderBy('id').firstOrFail()
  const [holiday] = await db
    .table('childhood_school_holidays')
    .insert({
      zone: 'C',
      // Not one of the demo's own periods (zone, first and last day are unique).
      label: 'Pont de l’Ascension',
      starts_on: '2027-05-07',
      ends_on: '2027-05-07',
      source: 'manual',
    })
    .returning('id')
  const [absence] = await db
    .table('childhood_absences')
    .insert({
      household_member_id: child.id,
      user_id: resident.id,
      starts_on: clock.local().plus({ days: 10 }).toISODate(),
      ends_on: clock.local().plus({ days: 11 }).toISODate(),
      declared_by: 'family',
      agent_id: null,
      reason: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
  const idOf = (row: unknown) =>
    Number(typeof row === 'object' && row !== null ? (row as { id: number }).id : row)
  const activityId = Number(session.activity_id)
  const sessionId = Number(session.id)
  return {
    params: {
      '/enfance/inscriptions/:id/annuler': [{ params: { id: idOf(spare) } }],
      '/agents/enfance/activites/:id/seances': [{ params: { id: activityId } }],
      '/agents/enfance/sessions/:id': [{ params: { id: sessionId } }],
      '/api/v1/registrations/:id': [{ params: { id: idOf(placed) } }],
      '/api/v1/activity-sessions/:id/attendance': [{ params: { id: sessionId } }],
      '/agents/enfance/sessions/:id/imprimer': [{ params: { id: sessionId } }],
      '/agents/enfance/sessions/:id/presences.csv': [{ params: { id: sessionId } }],
      '/agents/enfance/sessions/:id/presences': [{ params: { id: sessionId } }],
      '/agents/enfance/inscriptions/:id/decision': [{ params: { id: idOf(placed) } }],
      '/agents/enfance/enfants/:id': [{ params: { id: child.id } }],
      '/agents/enfance/quotients/:id': [{ params: { id: idOf(quotient) } }],
      '/agents/enfance/quotients/:id/attestation': [{ params: { id: idOf(quotient) } }],
      '/agents/enfance/activites/:id/modifier': [{ params: { id: activityId } }],
      '/agents/enfance/activites/:id': [{ params: { id: activityId } }],
      '/agents/enfance/activites/:id/ouverture': [{ params: { id: activityId } }],
      '/agents/enfance/sessions/:id/modifier': [{ params: { id: sessionId } }],
      '/agents/enfance/sessions/:id/ouverture': [{ params: { id: sessionId } }],
      '/agents/enfance/ecoles/:id/modifier': [{ params: { id: Number(school.id) } }],
      '/agents/enfance/ecoles/:id': [{ params: { id: Number(school.id) } }],
      '/agents/enfance/vacances/:id/suppression': [{ params: { id: idOf(holiday) } }],
      '/agents/enfance/enfants/:id/absences': [{ params: { id: child.id } }],
      '/agents/enfance/absences/:id/supprimer': [{ params: { id: idOf(absence) } }],
      '/enfance/absences/:id/retirer': [{ params: { id: idOf(absence) } }],
    },
    kept: [
      { who: 'agent', page: '/agents/enfance/activites/nouvelle' },
      { who: 'agent', page: '/agents/enfance/ecoles/nouvelle' },
    ],
  }
}

export default fuzzSamples
