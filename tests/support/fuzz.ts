import router from '@adonisjs/core/services/router'
import type { ApiClient, ApiRequest } from '@japa/api-client'
import type { World } from '#tests/support/world'
import type { FuzzVariant, Who } from '#tests/support/fuzz_samples'
import { formsOf, type PageForm } from '#tests/support/forms'

/**
 * Every route of the app, with real parameters from a built world and the
 * kind of user who opens it, so that a test can try each page and form. A
 * route added tomorrow is included without touching this file: unknown
 * parameters get "1", and the user is chosen from the URL's prefix.
 */
export type { Who }

export interface Target {
  method: 'GET' | 'POST'
  pattern: string
  url: string
  who: Who
}

/** Routes whose parameters matter: the core's, then those the modules add (tests/support/fuzz_samples.ts). */
function knownParams(pattern: string, w: World): FuzzVariant[] | null {
  const core = coreParams(pattern, w)
  const added = w.modules.params[pattern]
  return added ? [...(core ?? []), ...added] : core
}

/** The core's routes whose parameters matter (the record they point to); several lines are several targets. */
function coreParams(pattern: string, w: World): FuzzVariant[] | null {
  const member = w.members[0]
  switch (pattern) {
    case '/langue/:locale':
      return [{ params: { locale: 'fr' } }]
    case '/inscription/verification/:id':
      return [{ params: { id: w.resident.id } }]
    case '/mot-de-passe-oublie/:id':
      return [
        {
          params: { id: w.resident.id },
          query: w.links.passwordReset.slice(w.links.passwordReset.indexOf('?')),
        },
      ]
    case '/agents/mot-de-passe/:id':
      return [
        {
          params: { id: w.colleague.id },
          query: w.links.agentPassword.slice(w.links.agentPassword.indexOf('?')),
        },
      ]
    case '/agents/admin/agents/:id/modifier':
    case '/agents/admin/agents/:id':
      return [{ params: { id: w.colleague.id } }]
    case '/mon-espace/foyer/:id/modifier':
    case '/mon-espace/foyer/:id':
    case '/mon-espace/foyer/:id/supprimer':
      return [{ params: { id: pattern.endsWith('supprimer') ? w.spareMember.id : member.id } }]
    case '/agents/admin/mails/:id':
      return [{ params: { id: w.mail.id } }]
    case '/agents/admin/jobs/:id':
    case '/agents/admin/jobs/:id/relance':
      return [{ params: { id: w.job.id } }]
    case '/demarches/:key':
      return [
        { params: { key: 'nous-contacter' }, who: 'anonymous' },
        { params: { key: 'demande-essai' } },
      ]
    case '/demarches/:key/:id/etape/:step':
    case '/demarches/:key/:id/etape/:step/verifier':
      return [
        { params: { key: 'nous-contacter', id: w.contactDraft.id, step: 1 }, who: 'anonymous' },
        ...[1, 2, 3].map((step) => ({
          params: { key: 'demande-essai', id: w.essaiDraft.id, step },
        })),
      ]
    case '/demarches/:key/:id/coordonnees':
      return [{ params: { key: 'nous-contacter', id: w.contactDraft.id }, who: 'anonymous' }]
    case '/demarches/:key/:id/recapitulatif':
    case '/demarches/:key/:id/envoyer':
      return [{ params: { key: 'demande-essai', id: w.essaiDraft.id } }]
    case '/demarches/:key/:id/accuse-reception':
    case '/demarches/:key/:id/recepisse.pdf':
      return [{ params: { key: 'demande-essai', id: w.demand.id } }]
    case '/demarches/:key/:id/fichiers/:fileId':
      return [{ params: { key: 'demande-essai', id: w.essaiDraft.id, fileId: w.draftFile.id } }]
    case '/mon-espace/demandes/:id':
    case '/mon-espace/demandes/:id/messages':
    case '/mon-espace/demandes/:id/recepisse.pdf':
    case '/agents/demandes/:id':
    case '/agents/demandes/:id/transition':
    case '/agents/demandes/:id/message':
    case '/agents/demandes/:id/note':
    case '/agents/demandes/:id/assignation':
      return [{ params: { id: w.demand.id } }]
    case '/mon-espace/demandes/:id/fichiers/:fileId':
    case '/agents/demandes/:id/fichiers/:fileId':
      return [{ params: { id: w.demand.id, fileId: w.file.id } }]
    case '/mon-espace/brouillons/:id/supprimer':
      return [{ params: { id: w.spareDraft.id } }]
    case '/mon-espace/factures/:id':
    case '/mon-espace/factures/:id/payer':
    case '/mon-espace/factures/:id/facture.pdf':
    case '/mon-espace/factures/:id/paiements/:paymentId/recu.pdf':
      return [{ params: { id: w.invoice.id, paymentId: 1 } }]
    case '/agents/usagers/:id':
      return [{ params: { id: w.resident.id } }]
    case '/agents/demandes/filtres/:id/supprimer':
      return [{ params: { id: w.spareFilter.id } }]
    case '/agents/demandes/nouvelle/:key':
      return [
        { params: { key: 'demande-essai' }, query: `?usager=${w.resident.id}` },
        { params: { key: 'nous-contacter' } },
      ]
    case '/rendez-vous/:id':
    case '/rendez-vous/:id/deplacer':
    case '/rendez-vous/:id/annuler':
      return [
        { params: { id: pattern.endsWith('annuler') ? w.spareAppointment.id : w.appointment.id } },
      ]
    case '/agents/admin/agendas/lieux/:id':
    case '/agents/admin/agendas/lieux/:id/horaires':
      return [{ params: { id: w.point.id } }]
    case '/agents/admin/agendas/lieux/:id/horaires/:rangeId/supprimer':
      return [{ params: { id: w.point.id, rangeId: w.spareRange.id } }]
    case '/agents/admin/agendas/types/:id':
      return [{ params: { id: w.meetingType.id } }]
    case '/agents/admin/agendas/fermetures/:id/supprimer':
      return [{ params: { id: w.closure.id } }]
  }
  return null
}

const GUEST_PREFIXES = [
  '/inscription',
  '/connexion',
  '/mot-de-passe-oublie',
  '/agents/connexion',
  '/agents/mot-de-passe',
  '/api/',
  '/paiement/',
]

function whoOpens(pattern: string): Who {
  if (GUEST_PREFIXES.some((prefix) => pattern.startsWith(prefix))) return 'anonymous'
  if (pattern === '/agents' || pattern.startsWith('/agents/')) return 'agent'
  return 'resident'
}

/** What destroys or ends something runs last, so the other forms still find their records. */
export const LAST = /supprimer|envoyer|annuler|deconnexion|relance|decision|payer/

/** Every route of the router for these methods, as concrete URLs. */
export function allTargets(w: World, methods: ('GET' | 'POST')[]): Target[] {
  const targets: Target[] = []
  for (const routes of Object.values(router.toJSON())) {
    for (const route of routes) {
      for (const method of methods) {
        if (!route.methods.includes(method)) continue
        const names = [...route.pattern.matchAll(/:([a-zA-Z_]+)\??/g)].map((match) => match[1])
        const variants = knownParams(route.pattern, w) ?? [
          { params: Object.fromEntries(names.map((name) => [name, 1])) },
        ]
        for (const variant of variants) {
          const path = route.pattern.replace(/:([a-zA-Z_]+)\??/g, (_, name: string) =>
            String(variant.params[name] ?? 1)
          )
          targets.push({
            method,
            pattern: route.pattern,
            url: path + (variant.query ?? ''),
            who: variant.who ?? whoOpens(route.pattern),
          })
        }
      }
    }
  }
  return targets.sort((a, b) => Number(LAST.test(a.pattern)) - Number(LAST.test(b.pattern)))
}

/** The session a visitor or resident carries: their anonymous draft, grants on their appointments, and what the modules add (a booking under way…). */
export function sessionOf(w: World) {
  const grants = (w.modules.session.appointment_grants ?? []) as number[]
  return {
    ...w.modules.session,
    anonymous_drafts: [w.contactDraft.id],
    appointment_grants: [w.appointment.id, w.spareAppointment.id, ...grants],
  }
}

/** A request of the target's user, with their session and a CSRF token. */
export function requestAs(
  client: ApiClient,
  w: World,
  target: Pick<Target, 'method' | 'who'>,
  url: string
): ApiRequest {
  let request = target.method === 'GET' ? client.get(url) : client.post(url).withCsrfToken()
  request = request.withSession(sessionOf(w)).header('accept', 'text/html').redirects(0)
  if (target.who === 'resident') request = request.withGuard('web').loginAs(w.resident)
  if (target.who === 'agent') request = request.withGuard('agent').loginAs(w.admin)
  return request
}

/** The forms of every page, by the route pattern they post (or get) to. */
export async function crawlForms(client: ApiClient, w: World) {
  const byPattern = new Map<string, { form: PageForm; page: Target; html: string }[]>()
  for (const page of allTargets(w, ['GET'])) {
    let response
    try {
      response = await requestAs(client, w, page, page.url)
    } catch (error) {
      throw new Error(`GET ${page.url} (${page.who}): ${(error as Error).message}`)
    }
    if (
      response.status() !== 200 ||
      !String(response.header('content-type') ?? '').includes('text/html')
    )
      continue
    const html = response.text()
    for (const form of formsOf(html, page.url)) {
      const matched = router.match(form.action.split('?')[0], form.method)
      if (!matched) continue
      const key = `${form.method} ${matched.route.pattern}`
      byPattern.set(key, [...(byPattern.get(key) ?? []), { form, page, html }])
    }
  }
  return byPattern
}

/** An urlencoded body from pairs; Buffer values are sent as they are (raw bytes). */
export function urlencoded(pairs: [string, string | Buffer][]) {
  return Buffer.concat(
    pairs.map(([name, value], index) =>
      Buffer.concat([
        Buffer.from(`${index ? '&' : ''}${encodeURIComponent(name)}=`),
        Buffer.isBuffer(value) ? value : Buffer.from(encodeURIComponent(value)),
      ])
    )
  )
}

/** Sends an urlencoded body byte for byte (superagent would otherwise serialize a Buffer as an object). */
export function sendForm(request: ApiRequest, body: Buffer) {
  request.type('form')
  request.request.serialize((data: unknown) => data as string)
  request.request.send(body as unknown as string)
  return request
}
