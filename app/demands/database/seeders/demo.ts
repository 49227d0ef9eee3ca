import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Agent from '#accounts/models/agent'
import User from '#accounts/models/user'
import Demand from '#demands/models/demand'
import DemandEvent from '#demands/models/demand_event'
import { nextReference } from '#demands/services/reference'
import { addWorkingDays } from '#core/services/french_calendar'
import { DEMO_RESIDENT } from '#core/demo/demo_city'
import { clock } from '#core/clock'

/**
 * Two "Nous contacter" demands of the demo resident, so that the resident's
 * space and the front desk's inbox have something to show: one waiting,
 * one being processed with a message from the city. No mail is sent.
 */
export default async function seedDemands({ trx }: { trx: TransactionClientContract }) {
  const resident = await User.findBy('email', DEMO_RESIDENT.email, { client: trx })
  if (!resident) return
  if (await Demand.query({ client: trx }).where('userId', resident.id).first()) return
  const karim = await Agent.findByOrFail('email', 'accueil@parvis.localhost', { client: trx })
  const samples = [
    {
      daysAgo: 6,
      state: 'in_review',
      answers: {
        topic: 'street',
        subject: 'Lampadaire éteint',
        message:
          'Le lampadaire devant le 12 allée des Champs-Élysées reste éteint depuis une semaine.',
      },
    },
    {
      daysAgo: 1,
      state: 'submitted',
      answers: {
        topic: 'information',
        subject: 'Horaires de la mairie annexe',
        message: 'La mairie annexe de Courcouronnes est-elle ouverte le samedi matin ?',
      },
    },
  ]
  for (const sample of samples) {
    const submittedAt = clock.now().minus({ days: sample.daysAgo }).set({ hour: 9, minute: 30 })
    const demand = await Demand.create(
      {
        reference: await nextReference(trx, submittedAt),
        procedureKey: 'nous-contacter',
        serviceSlug: 'accueil',
        state: sample.state,
        origin: 'web',
        userId: resident.id,
        applicantFirstName: resident.firstName,
        applicantLastName: resident.lastName,
        applicantEmail: resident.email,
        applicantPhone: resident.phone,
        answers: sample.answers,
        currentStep: 1,
        submittedAt,
        dueAt: addWorkingDays(submittedAt, 10),
        assigneeId: sample.state === 'in_review' ? karim.id : null,
      },
      { client: trx }
    )
    await DemandEvent.create(
      {
        demandId: demand.id,
        kind: 'submitted',
        actorType: 'resident',
        actorId: resident.id,
        toState: 'submitted',
        visibleToResident: true,
        createdAt: submittedAt,
      },
      { client: trx }
    )
    if (sample.state === 'in_review') {
      const later = submittedAt.plus({ days: 1 })
      await DemandEvent.createMany(
        [
          {
            demandId: demand.id,
            kind: 'assignment',
            actorType: 'agent',
            actorId: karim.id,
            body: String(karim.id),
            visibleToResident: false,
            createdAt: later,
          },
          {
            demandId: demand.id,
            kind: 'transition',
            actorType: 'agent',
            actorId: karim.id,
            fromState: 'submitted',
            toState: 'in_review',
            transition: 'start_review',
            visibleToResident: true,
            createdAt: later,
          },
          {
            demandId: demand.id,
            kind: 'message',
            actorType: 'agent',
            actorId: karim.id,
            body: 'Merci pour votre signalement : les services techniques interviendront cette semaine.',
            visibleToResident: true,
            createdAt: later,
          },
        ],
        { client: trx }
      )
    }
  }
}
