import { DateTime } from 'luxon'
import type User from '#accounts/models/user'
import HouseholdMember from '#accounts/models/household_member'
import {
  deleteStored,
  storeUpload,
  type CheckedUpload,
  type UploadRules,
} from '#demands/services/uploads'
import CanteenRegistration from '../models/canteen_registration.js'
import Quotient from '../models/quotient.js'
import { schoolYearOf } from './canteen.js'
import { RegistrationRefusedError } from './registrations.js'
import { clock } from '#core/clock'

/** Registers a child of the family to the canteen for the current school year (or changes its days). */
export async function registerForCanteen(
  user: User,
  childId: number,
  weekdays: string[],
  now: DateTime = clock.now()
) {
  const child = await HouseholdMember.query()
    .where('id', childId)
    .where('userId', user.id)
    .where('kind', 'child')
    .first()
  if (!child) throw new RegistrationRefusedError('not_your_child')
  const schoolYear = schoolYearOf(now.setZone('Europe/Paris').toFormat('yyyy-MM'))
  return CanteenRegistration.updateOrCreate(
    { householdMemberId: child.id, schoolYear },
    { userId: user.id, days: weekdays.join(','), status: 'active' }
  )
}

/** The CAF attestation sent with a quotient familial: one document, checked by its content. */
export const ATTESTATION: UploadRules = {
  accept: ['pdf', 'jpeg', 'png'],
  maxSizeMb: 10,
  maxFiles: 1,
}

/** A family declares its quotient familial with the CAF attestation (already checked), to be validated by an agent. */
export async function declareQuotient(user: User, value: number, attestation: CheckedUpload) {
  const stored = await storeUpload(`childhood/quotients/${user.id}`, attestation)
  try {
    return await Quotient.create({
      userId: user.id,
      value,
      documentKey: stored.storageKey,
      documentName: stored.originalName,
      status: 'pending',
    })
  } catch (error) {
    await deleteStored([stored.storageKey])
    throw error
  }
}
