import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Service from '#accounts/models/service'
import Agent from '#accounts/models/agent'
import User from '#accounts/models/user'
import { DEMO_PASSWORD, DEMO_RESIDENT } from '#core/demo/demo_city'
import { clock } from '#core/clock'
import Mandate from '#mediation/models/mandate'
import MediationAction from '#mediation/models/mediation_action'
import { MEDIATION_SERVICE } from '#mediation/services/mediators'

/**
 * The demo city's digital mediation: the "Médiation numérique" service, its
 * mediator Nadia Benali, and Marie Dupont's three-month mandate to her for
 * her online demands and appointments (given online), so a mediator can
 * open a session for her, and one action of hers on her timeline.
 */
export default async function seedMediation({ trx }: { trx: TransactionClientContract }) {
  const service = await Service.updateOrCreate(
    { slug: MEDIATION_SERVICE },
    { name: 'Médiation numérique', active: true },
    { client: trx }
  )
  const mediator = await Agent.updateOrCreate(
    { email: 'mediation@parvis.localhost' },
    {
      firstName: 'Nadia',
      lastName: 'Benali',
      role: 'agent',
      active: true,
      password: DEMO_PASSWORD,
    },
    { client: trx }
  )
  await mediator.related('services').sync([service.id], true, trx)
  const resident = await User.findBy('email', DEMO_RESIDENT.email, { client: trx })
  if (!resident) return
  const existing = await Mandate.query({ client: trx })
    .where('userId', resident.id)
    .where('agentId', mediator.id)
    .first()
  if (existing) return
  const now = clock.now()
  const mandate = await Mandate.create(
    {
      userId: resident.id,
      agentId: mediator.id,
      scope: ['demands', 'appointments'],
      channel: 'online',
      startsAt: now,
      endsAt: now.plus({ months: 3 }),
      revokedAt: null,
      revokedBy: null,
    },
    { client: trx }
  )
  // What her timeline shows of it: the mediator once opened her demands for her.
  await MediationAction.create(
    {
      mandateId: mandate.id,
      userId: resident.id,
      agentId: mediator.id,
      agentName: mediator.fullName,
      module: 'demands',
      route: null,
      method: 'POST',
      path: '/demarches/nous-contacter',
    },
    { client: trx }
  )
}
