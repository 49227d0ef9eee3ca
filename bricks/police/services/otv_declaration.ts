import { DateTime } from 'luxon'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import Demand from '#demands/models/demand'
import User from '#accounts/models/user'
import { clock } from '#core/clock'
import { readSettings } from '#core/services/settings'
import { policeSettings } from '../settings.js'
import { normalizeStreet } from './streets.js'
import Street from '../models/street.js'
import OtvAbsence from '../models/otv_absence.js'

/** A refusal reason the demands engine shows translated: a key of this brick and its values. */
function reason(key: string, values: Record<string, number> = {}) {
  const query = new URLSearchParams(
    Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)]))
  ).toString()
  return `police.otv.refusals.${key}${query ? `?${query}` : ''}`
}

/**
 * The rules of an absence, the city's settings in force: departure at least
 * N days from today, a stay between the shortest and longest watched.
 * Returns the reasons it breaks (none when it is fine).
 */
export async function datesProblems(
  departure: string,
  returnOn: string,
  client?: QueryClientContract
) {
  const settings = await readSettings('police', policeSettings, client)
  const today = DateTime.fromISO(clock.today())
  const start = DateTime.fromISO(departure)
  const end = DateTime.fromISO(returnOn)
  if (!start.isValid || !end.isValid) return [reason('dates_invalid')]
  const problems: string[] = []
  if (start < today.plus({ days: settings.otvNoticeDays }))
    problems.push(reason('too_soon', { days: settings.otvNoticeDays }))
  if (end < start.plus({ days: settings.otvMinDays }))
    problems.push(reason('too_short', { days: settings.otvMinDays }))
  if (end > start.plus({ months: settings.otvMaxMonths }))
    problems.push(reason('too_long', { months: settings.otvMaxMonths }))
  return problems
}

export async function findStreet(name: string, client?: QueryClientContract) {
  return Street.query({ client }).where('normalized', normalizeStreet(name)).first()
}

/** beforeSubmit: the street must be one of the city's, the dates must follow the rules. */
export async function checkDeclaration(
  answers: Record<string, unknown>,
  { client }: { client: QueryClientContract }
) {
  const problems: string[] = []
  if (!(await findStreet(String(answers.street ?? ''), client)))
    problems.push(reason('unknown_street'))
  problems.push(...(await datesProblems(String(answers.departure), String(answers.return), client)))
  return problems
}

function text(value: unknown) {
  return typeof value === 'string' && value.trim() ? value.trim() : null
}

/**
 * afterSubmit, in the submission's transaction: the home enters the patrols'
 * lists from its departure day. The demand and its absence are written
 * together or not at all.
 */
export async function recordDeclaration(
  demand: { reference: string; userId: number | null; answers: Record<string, unknown> },
  { client }: { client: TransactionClientContract }
) {
  const { reference, answers } = demand
  const street = await findStreet(String(answers.street), client)
  if (!street) return
  const user = demand.userId ? await User.find(demand.userId, { client }) : null
  const filed = await Demand.findByOrFail('reference', reference, { client })
  const existing = await OtvAbsence.query({ client }).where('reference', reference).first()
  if (existing) return
  await OtvAbsence.create(
    {
      reference,
      userId: filed.userId,
      email: user?.email ?? filed.applicantEmail,
      fullName: user
        ? `${user.firstName ?? ''} ${user.lastName ?? ''}`.trim()
        : `${filed.applicantFirstName ?? ''} ${filed.applicantLastName ?? ''}`.trim(),
      streetId: street.id,
      streetNumber: Number(answers.streetNumber),
      addressComplement: text(answers.complement),
      startsOn: String(answers.departure),
      endsOn: String(answers.return),
      status: 'active',
      // without a verified account, the address is confirmed by opening the receipt mail's link
      awaitingEmailConfirmation: !user?.emailVerifiedAt,
      homeType: String(answers.homeType),
      alarm: answers.alarm === 'yes' || answers.alarm === true,
      alarmCompany: text(answers.alarmCompany),
      keyHolderName: text(answers.keyHolderName),
      keyHolderPhone: text(answers.keyHolderPhone),
      vehicles: text(answers.vehicles),
      pets: text(answers.pets),
      reachPhone: text(answers.reachPhone),
      instructions: text(answers.instructions),
      locale: user?.locale ?? 'fr',
    },
    { client }
  )
}
