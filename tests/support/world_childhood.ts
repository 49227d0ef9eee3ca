import db from '@adonisjs/lucid/services/db'
import type User from '#accounts/models/user'
import type HouseholdMember from '#accounts/models/household_member'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'

/**
 * The childhood records the fuzzed forms need (the core's tests never import
 * a brick: rows are read and written through the tables the brick's
 * migrations create). Empty ids when the brick is not installed.
 */
export async function childhoodWorld(resident: User, members: HouseholdMember[]) {
  const hasBrick = await db.connection().schema.hasTable('childhood_sessions')
  if (!hasBrick)
    return {
      activityId: 0,
      activitySessionId: 0,
      registrationId: 0,
      spareRegistrationId: 0,
      quotientId: 0,
      canteenRegistrationId: 0,
      childId: 0,
    }
  const child = members.find((member) => member.kind === 'child')!
  const session = await db
    .from('childhood_sessions')
    .where('capacity', '>', 2)
    .orderBy('id')
    .firstOrFail()
  const now = dbTimestamp(clock.now())
  const registration = (row: Record<string, unknown>) =>
    db
      .table('childhood_registrations')
      .insert({
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
  const canteen = await db
    .from('childhood_canteen_registrations')
    .where('user_id', resident.id)
    .orderBy('id')
    .firstOrFail()
  const idOf = (row: unknown) =>
    Number(typeof row === 'object' && row !== null ? (row as { id: number }).id : row)
  return {
    activityId: Number(session.activity_id),
    activitySessionId: Number(session.id),
    registrationId: idOf(placed),
    spareRegistrationId: idOf(spare),
    quotientId: idOf(quotient),
    canteenRegistrationId: Number(canteen.id),
    childId: child.id,
  }
}
