import type { ApiClient } from '@japa/api-client'
import type Agent from '#accounts/models/agent'
import type User from '#accounts/models/user'
import BuiltProcedure from '#demands/models/built_procedure'
import { FILES } from '#tests/support/factories/demands'
import { inputErrors } from '#tests/support/http'

/* The room booking built and filed through the builder's and the filing pages, for the builder's tests. */

export const ROOM_BOOKING_KEY = 'reservation-salle'
const KEY = ROOM_BOOKING_KEY
const BASE = '/agents/admin/demarches'

/** The builder's journey without JavaScript: ordinary forms, one thing at a time. */
export async function buildRoomBooking(client: ApiClient, admin: Agent) {
  const post = (url: string, form: Record<string, string>) =>
    client.post(url).form(form).withGuard('agent').loginAs(admin).withCsrfToken().redirects(0)
  const created = await post(BASE, {
    key: KEY,
    titleFr: 'Réservation de salle municipale',
    summaryFr: 'Réserver une salle de la ville pour une réunion ou une fête.',
    category: 'living_environment',
    service: 'vie-associative',
    filer: 'resident',
    slaDays: '15',
    retentionMonths: '24',
  })
  const built = await BuiltProcedure.findByOrFail('key', KEY)
  if (created.header('location') !== `${BASE}/${built.id}`) throw new Error('not created')
  const page = `${BASE}/${built.id}`
  for (const title of ['La salle', 'Votre association', 'Justificatif'])
    await post(`${page}/etapes`, { titleFr: title })
  const field = async (step: string, label: string, type: string, edit: Record<string, string>) => {
    const added = await post(`${page}/etapes/${step}/champs`, { label, type })
    const url = added.header('location')!
    const saved = await post(url, { labelFr: label, ...edit })
    if (Object.keys(inputErrors(saved)).length) throw new Error(JSON.stringify(inputErrors(saved)))
    return url.split('/').pop()!
  }
  await field('la-salle', 'Salle souhaitée', 'radio', {
    required: '1',
    choices: 'fetes = Salle des fêtes\nreunion = Salle de réunion',
  })
  await field('la-salle', 'Date de la réservation', 'date', { required: '1' })
  await field('votre-association', 'Êtes-vous une association ?', 'yes_no', { required: '1' })
  await field('votre-association', 'Nom de l’association', 'text', {
    required: '1',
    conditionField: 'etes_vous_une_association',
    conditionOperator: 'is',
    conditionValue: 'yes',
  })
  await field('justificatif', 'Attestation d’assurance', 'file', {
    required: '1',
    accept: 'pdf',
    maxSizeMb: '5',
    maxFiles: '1',
  })
  return { built, page, post }
}

/** A resident files the room booking, step by step (the file in step 3). */
export async function fileRoomBooking(
  client: ApiClient,
  user: User,
  answers: { association: string }
) {
  const as = <T extends { withGuard(guard: 'web'): { loginAs(user: any): T } }>(request: T) =>
    request.withGuard('web').loginAs(user)
  const start = await as(client.post(`/demarches/${KEY}`).withCsrfToken()).redirects(0)
  const draftUrl = start.header('location')!.replace(/\/etape\/1$/, '')
  await as(
    client
      .post(`${draftUrl}/etape/1`)
      .form({
        _shown: 'salle_souhaitee,date_de_la_reservation',
        salle_souhaitee: 'fetes',
        date_de_la_reservation: '2031-06-12',
      })
      .withCsrfToken()
  ).redirects(0)
  const step2 = await as(
    client
      .post(`${draftUrl}/etape/2`)
      .form({
        _shown: 'etes_vous_une_association,nom_de_l_association',
        etes_vous_une_association: 'yes',
        nom_de_l_association: answers.association,
      })
      .withCsrfToken()
  ).redirects(0)
  const step3 = await as(
    client
      .post(`${draftUrl}/etape/3`)
      .field('_shown', 'attestation_d_assurance')
      .file('attestation_d_assurance', FILES.pdf, {
        filename: 'assurance.pdf',
        contentType: 'application/pdf',
      })
      .withCsrfToken()
  ).redirects(0)
  const sent = await as(client.post(`${draftUrl}/envoyer`).withCsrfToken()).redirects(0)
  return { draftUrl, step2, step3, sent }
}
