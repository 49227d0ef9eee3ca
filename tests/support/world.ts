import db from '@adonisjs/lucid/services/db'
import User from '#accounts/models/user'
import Service from '#accounts/models/service'
import HouseholdMember from '#accounts/models/household_member'
import Demand from '#demands/models/demand'
import DemandFile from '#demands/models/demand_file'
import SavedFilter from '#demands/models/saved_filter'
import OpeningRange from '#appointments/models/opening_range'
import Closure from '#appointments/models/closure'
import BookAppointment from '#appointments/actions/book_appointment'
import Invoice from '#payments/models/invoice'
import MailLogEntry from '#notifications/models/mail_log_entry'
import Job from '#jobs/job'
import { enqueue } from '#jobs/enqueue'
import { DEMO_RESIDENT, seedDemoCity } from '#core/demo/demo_city'
import { createAgent } from '#tests/support/factories/accounts'
import { emptyDraft, fileThreeStepDemand } from '#tests/support/factories/demands'
import { createAgenda, firstFreeSlot } from '#tests/support/factories/appointments'
import { moduleSamples } from '#tests/support/module_samples'
import { mergeFuzzSamples, type FuzzSamplesBuilder } from '#tests/support/fuzz_samples'
import { passwordFingerprint, signedLink } from '#accounts/services/signed_links'
import { PASSWORD_RESET_PURPOSE } from '#accounts/actions/request_password_reset'
import { AGENT_PASSWORD_PURPOSE } from '#back_office/actions/send_agent_password_link'

/**
 * A whole city to try every page and form on: the demo city (its services,
 * agents, resident with household and demands, invoice, and what each
 * enabled module's seed adds), an admin in every service, drafts at every
 * step, a demand with a file, an agenda with an appointment, a saved filter,
 * a job, a mail — and spare records for the forms that delete something.
 * Each enabled module adds the records its own routes need from its
 * `tests/fuzz_samples.ts` (see tests/support/fuzz_samples.ts).
 */
export async function buildWorld() {
  const core = await buildCoreWorld()
  const builders = await moduleSamples<FuzzSamplesBuilder>('fuzz_samples')
  const samples = []
  for (const { samples: build } of builders) samples.push(await build(core))
  return { ...core, modules: mergeFuzzSamples(samples) }
}

async function buildCoreWorld() {
  await db.transaction((trx) => seedDemoCity(trx))
  const resident = await User.findByOrFail('email', DEMO_RESIDENT.email)
  await Service.firstOrCreate({ slug: 'urbanisme' }, { name: 'Urbanisme', active: true })
  const slugs = (await Service.all()).map((service) => service.slug)
  const admin = await createAgent({
    role: 'admin',
    services: slugs,
    email: 'fuzz-admin@ville.example',
  })
  const colleague = await createAgent({
    services: ['accueil'],
    email: 'fuzz-colleague@ville.example',
  })

  const members = await HouseholdMember.query().where('userId', resident.id).orderBy('id')
  const spareMember = await HouseholdMember.create({
    userId: resident.id,
    kind: 'adult',
    firstName: 'Spare',
    lastName: 'Dupont',
  })

  const contactDraft = await Demand.create({
    procedureKey: 'nous-contacter',
    serviceSlug: 'accueil',
    state: 'draft',
    origin: 'web',
    answers: {},
    currentStep: 1,
  })
  const essaiDraft = await Demand.create({
    procedureKey: 'demande-essai',
    serviceSlug: 'urbanisme',
    state: 'draft',
    origin: 'web',
    userId: resident.id,
    applicantEmail: resident.email,
    answers: { subject: 'works', description: 'Travaux', hasDocument: 'no' },
    currentStep: 3,
  })
  const spareDraft = await emptyDraft(resident)
  const demand = await fileThreeStepDemand(resident)
  const file = await DemandFile.create({
    demandId: demand.id,
    fieldName: 'document',
    originalName: 'plan.pdf',
    storageKey: `demands/${demand.id}/absent.pdf`,
    mimeType: 'application/pdf',
    size: 10,
    uploadedBy: 'resident',
  })
  const draftFile = await DemandFile.create({
    demandId: essaiDraft.id,
    fieldName: 'document',
    originalName: 'plan.pdf',
    storageKey: `demands/${essaiDraft.id}/absent.pdf`,
    mimeType: 'application/pdf',
    size: 10,
    uploadedBy: 'resident',
  })

  // An agenda of the accueil service, open Monday to Saturday: Sundays are free for the spare hours.
  const { point, type: meetingType } = await createAgenda({
    service: 'accueil',
    weekdays: [1, 2, 3, 4, 5, 6],
  })
  const range = await OpeningRange.query()
    .where('meetingPointId', point.id)
    .orderBy('id')
    .firstOrFail()
  const spareRange = await OpeningRange.create({
    meetingPointId: point.id,
    desk: null,
    weekday: 7,
    startsAt: '10:00',
    endsAt: '11:00',
  })
  const closure = await Closure.create({
    meetingPointId: point.id,
    startsOn: '2099-01-01',
    endsOn: '2099-01-02',
    startsAt: null,
    endsAt: null,
    reason: 'Fermeture',
  })
  const slot = await firstFreeSlot(point, meetingType, 1, 7)
  const applicant = {
    userId: resident.id,
    firstName: resident.firstName,
    lastName: resident.lastName,
    email: resident.email,
    phone: null,
  }
  const appointment = await new BookAppointment().handle({
    meetingPointId: point.id,
    meetingTypeId: meetingType.id,
    persons: 1,
    start: slot.start,
    applicant,
  })
  const later = await firstFreeSlot(point, meetingType, 1, 9)
  const spareAppointment = await new BookAppointment().handle({
    meetingPointId: point.id,
    meetingTypeId: meetingType.id,
    persons: 1,
    start: later.start,
    applicant,
  })

  const filter = await SavedFilter.create({
    agentId: admin.id,
    name: 'Mes demandes',
    query: 'assignation=me',
  })
  const spareFilter = await SavedFilter.create({
    agentId: admin.id,
    name: 'À supprimer',
    query: 'statut=open',
  })
  const job = await enqueue('purge_drafts', {})
  await Job.query().where('id', job.id).update({ status: 'dead' })
  const mail = await MailLogEntry.create({
    mailer: 'stored',
    recipients: resident.email,
    subject: 'Essai',
    html: '<p>Essai</p>',
    text: 'Essai',
    messageId: null,
  })
  // The invoice still to pay (the demo also has a paid one, with its payment).
  const invoice = await Invoice.query()
    .where('payerUserId', resident.id)
    .where('status', 'issued')
    .orderBy('id')
    .firstOrFail()

  // The links of the mails, so that the pages they open are tried too (path and query string).
  const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, '')
  const links = {
    passwordReset: local(
      signedLink(
        'accounts.password_reset.edit',
        { id: resident.id },
        {
          expiresIn: '1h',
          purpose: PASSWORD_RESET_PURPOSE,
          qs: { empreinte: passwordFingerprint(resident.password) },
        }
      )
    ),
    agentPassword: local(
      signedLink(
        'back_office.password.edit',
        { id: colleague.id },
        {
          expiresIn: '1h',
          purpose: AGENT_PASSWORD_PURPOSE,
          qs: { empreinte: passwordFingerprint(colleague.password) },
        }
      )
    ),
  }

  return {
    resident,
    admin,
    colleague,
    members,
    spareMember,
    contactDraft,
    essaiDraft,
    spareDraft,
    demand,
    file,
    draftFile,
    point,
    meetingType,
    range,
    spareRange,
    closure,
    slot,
    appointment,
    spareAppointment,
    filter,
    spareFilter,
    job,
    mail,
    invoice,
    links,
  }
}

export type CoreWorld = Awaited<ReturnType<typeof buildCoreWorld>>
export type World = Awaited<ReturnType<typeof buildWorld>>
