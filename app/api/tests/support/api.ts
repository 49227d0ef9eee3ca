import Demand from '#demands/models/demand'
import Service from '#accounts/models/service'
import { clock } from '#core/clock'

let counter = 0

/** A submitted "Nous contacter" demand of the given service, as if filed on the portal. */
export async function submittedDemand(serviceSlug: string, subject = 'Horaires de la mairie') {
  if (!(await Service.findBy('slug', serviceSlug)))
    await Service.create({ slug: serviceSlug, name: serviceSlug, active: true })
  counter++
  return Demand.create({
    reference: `API-TEST-${counter}-${serviceSlug}`,
    procedureKey: 'nous-contacter',
    serviceSlug,
    state: 'submitted',
    origin: 'web',
    applicantFirstName: 'Paul',
    applicantLastName: 'Dupont',
    applicantEmail: 'paul.dupont@example.org',
    answers: { topic: 'information', subject, message: 'Bonjour, à quelle heure ouvrez-vous ?' },
    currentStep: 1,
    submittedAt: clock.now(),
    dueAt: clock.now().plus({ days: 14 }),
  })
}

/** The token shown once on the page that follows a creation or a rotation. */
export function tokenOf(html: string) {
  const match = /value="(pvs_[A-Za-z0-9_-]+)"/.exec(html)
  if (!match) throw new Error('No token on the page')
  return match[1]
}
