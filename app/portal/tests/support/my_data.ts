import { randomUUID } from 'node:crypto'
import yauzl from 'yauzl'
import { ApiRequest } from '@japa/api-client'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import type User from '#accounts/models/user'
import HouseholdMember from '#accounts/models/household_member'
import Activity from '#activities/models/activity'
import ActivitySession from '#activities/models/activity_session'
import ActivityRegistration from '#activities/models/activity_registration'
import DemandEvent from '#demands/models/demand_event'
import DemandFile from '#demands/models/demand_file'
import Invoice from '#payments/models/invoice'
import { clock } from '#core/clock'
import { fileThreeStepDemand, FILES } from '#tests/support/factories/demands'
import { appointment } from '#tests/support/agent_home'
import { createAgenda } from '#tests/support/factories/appointments'
import { canteenInvoice } from '#tests/support/factories/payments'
import { engineOf } from '#core/database/dialect'

/**
 * A resident with one of everything the core keeps: a filed demand with the
 * city's answer and a file, an appointment, a paid invoice, an activity
 * registration and the notifications the demand raised. Names carry `tag`
 * so a test can tell two residents' data apart.
 */
export async function residentWithHistory(user: User, tag: string) {
  const demand = await fileThreeStepDemand(user, { description: `Façade ${tag}` })
  const answer = await DemandEvent.create({
    demandId: demand.id,
    kind: 'message',
    actorType: 'agent',
    actorId: null,
    body: `Réponse de la mairie ${tag}`,
    visibleToResident: true,
  })
  const storageKey = `demands/test-${tag}-${randomUUID()}.pdf`
  await drive.use().put(storageKey, FILES.pdf)
  await DemandFile.create({
    demandId: demand.id,
    eventId: answer.id,
    fieldName: null,
    originalName: `plan-${tag}.pdf`,
    storageKey,
    mimeType: 'application/pdf',
    size: FILES.pdf.length,
    uploadedBy: 'agent',
  })
  const { point, type } = await createAgenda()
  const booked = await appointment(type.id, point.id, clock.now().plus({ days: 3 }))
  booked.merge({
    userId: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
  })
  await booked.save()
  const invoice = await canteenInvoice(user)
  await Invoice.query()
    .where('id', invoice.id)
    .update({ status: 'paid', paid_cents: invoice.amountCents })
  const activity = await Activity.create({
    owner: 'fixture',
    kind: 'periscolaire',
    name: `Mercredis ${tag}`,
    pricing: 'session',
    prices: { A: 300, B: 600, C: 900, D: 1200 },
    opensOn: clock.local().toISODate()!,
    closesOn: clock.local().plus({ days: 30 }).toISODate()!,
    active: true,
  })
  const session = await ActivitySession.create({
    owner: 'fixture',
    activityId: activity.id,
    label: `Mercredi ${tag}`,
    startsOn: clock.local().plus({ days: 7 }).toISODate()!,
    endsOn: clock.local().plus({ days: 7 }).toISODate()!,
    capacity: 5,
  })
  const child = await HouseholdMember.create({
    userId: user.id,
    kind: 'child',
    firstName: `Enfant ${tag}`,
    lastName: user.lastName,
    birthDate: clock.now().minus({ years: 7 }),
  })
  await ActivityRegistration.create({
    owner: 'fixture',
    sessionId: session.id,
    householdMemberId: child.id,
    userId: user.id,
    status: 'placed',
  })
  return { demand, answer, invoice, appointment: booked }
}

/* The api client reads a ZIP response as bytes (response.body() is a Buffer). */
ApiRequest.addParser(
  'application/zip',
  (response: any, done: (error: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = []
    response.on('data', (chunk: Buffer) => chunks.push(chunk))
    response.on('end', () => done(null, Buffer.concat(chunks)))
  }
)

/** Every file of a ZIP archive, by path. */
export function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error)
      const files = new Map<string, Buffer>()
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError)
          const chunks: Buffer[] = []
          stream.on('data', (chunk: Buffer) => chunks.push(chunk))
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks))
            zip.readEntry()
          })
        })
      })
      zip.on('end', () => resolve(files))
      zip.on('error', reject)
      zip.readEntry()
    })
  })
}

/** The database's tables and their columns, read from the schema of either engine. */
export async function schemaTables(): Promise<Map<string, string[]>> {
  const tables = new Map<string, string[]>()
  if (engineOf(db.connection()) === 'postgres') {
    const rows = await db
      .from('information_schema.columns')
      .where('table_schema', 'public')
      .select('table_name', 'column_name')
    for (const row of rows)
      tables.set(row.table_name, [...(tables.get(row.table_name) ?? []), row.column_name])
  } else {
    const names = await db
      .from('sqlite_master')
      .where('type', 'table')
      .whereNot('name', 'like', 'sqlite_%')
      .select('name')
    for (const { name } of names) {
      const columns = await db.rawQuery(`select name from pragma_table_info(?)`, [name])
      tables.set(
        name,
        columns.map((column: { name: string }) => column.name)
      )
    }
  }
  return tables
}
