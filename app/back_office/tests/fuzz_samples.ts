import type { FuzzSamplesBuilder } from '#tests/support/fuzz_samples'
import { createAgent } from '#tests/support/factories/accounts'
import { clock } from '#core/clock'
import { enrolledAgent } from '#back_office/tests/support/second_factor'
import BuiltProcedure from '#demands/models/built_procedure'
import { DOCUMENT_FORMAT } from '#demands/procedures/built/document'

/**
 * The second factor's pages in the forms fuzzer: an agent with a factor
 * whose login waits for its code (so the code page shows its form to the
 * visitor carrying that session), and the colleague's factor, which the
 * admin's reset form removes.
 */
const fuzzSamples: FuzzSamplesBuilder = async ({ colleague }) => {
  // A built procedure with a step, a conditional field and a file, for the builder's pages.
  const built = await BuiltProcedure.create({
    key: 'reservation-salle',
    publishedVersion: null,
    listed: false,
    revision: 0,
    draft: {
      format: DOCUMENT_FORMAT,
      key: 'reservation-salle',
      title: { fr: 'Réservation de salle municipale' },
      summary: { fr: 'Réserver une salle.' },
      category: 'other',
      service: 'accueil',
      filer: 'anyone',
      slaDays: 10,
      retentionMonths: 12,
      steps: [
        {
          key: 'la-salle',
          title: { fr: 'La salle' },
          fields: [
            { name: 'association', type: 'yes_no', label: { fr: 'Association ?' }, required: true },
            {
              name: 'nom',
              type: 'text',
              label: { fr: 'Nom de l’association' },
              condition: { field: 'association', operator: 'is', value: 'yes' },
            },
            { name: 'assurance', type: 'file', label: { fr: 'Assurance' }, accept: ['pdf'] },
          ],
        },
      ],
    },
  })
  // Another, with its own workflow, for the workflow's pages.
  const drawn = await BuiltProcedure.create({
    key: 'pret-de-materiel',
    publishedVersion: null,
    listed: false,
    revision: 0,
    draft: {
      ...built.draft,
      key: 'pret-de-materiel',
      title: { fr: 'Prêt de matériel' },
      workflow: {
        initial: 'recue',
        states: [
          { key: 'recue', label: { fr: 'Reçue' } },
          { key: 'pretee', label: { fr: 'Matériel prêté' }, closed: true },
        ],
        transitions: [
          {
            key: 'preter',
            label: { fr: 'Prêter' },
            from: ['recue'],
            to: 'pretee',
            by: 'agent',
            notifyResident: true,
          },
        ],
      },
    },
  })
  const builder = (names: string[], extra: Record<string, string | number> = {}) =>
    Object.fromEntries(names.map((pattern) => [pattern, [{ params: { id: built.id, ...extra } }]]))
  const circuit = (names: string[], extra: Record<string, string | number> = {}) =>
    Object.fromEntries(names.map((pattern) => [pattern, [{ params: { id: drawn.id, ...extra } }]]))
  const waiting = await createAgent({ services: ['accueil'], email: 'fuzz-code@ville.example' })
  await enrolledAgent(waiting)
  await enrolledAgent(colleague)
  return {
    kept: [
      { who: 'agent', page: '/agents/admin/demarches/nouvelle' },
      { who: 'agent', page: `/agents/admin/demarches/${built.id}/champs/nom` },
      { who: 'agent', page: `/agents/admin/demarches/${drawn.id}/circuit/etats/recue` },
      { who: 'agent', page: `/agents/admin/demarches/${drawn.id}/circuit/actions/preter` },
    ],
    session: { agent_second_factor_pending: { agentId: waiting.id, since: clock.nowMs() } },
    params: {
      ...builder([
        '/agents/admin/demarches/:id',
        '/agents/admin/demarches/:id/reglages',
        '/agents/admin/demarches/:id/etapes',
        '/agents/admin/demarches/:id/publication',
        '/agents/admin/demarches/:id/retrait',
        '/agents/admin/demarches/:id/export.json',
      ]),
      ...builder(
        [
          '/agents/admin/demarches/:id/etapes/:step',
          '/agents/admin/demarches/:id/etapes/:step/champs',
          '/agents/admin/demarches/:id/etapes/:step/supprimer',
        ],
        { step: 'la-salle' }
      ),
      ...builder(
        [
          '/agents/admin/demarches/:id/champs/:name',
          '/agents/admin/demarches/:id/champs/:name/deplacer',
          '/agents/admin/demarches/:id/champs/:name/supprimer',
        ],
        { name: 'nom' }
      ),
      ...builder(['/agents/admin/demarches/:id/apercu/:step'], { step: 1 }),
      ...circuit([
        '/agents/admin/demarches/:id/circuit',
        '/agents/admin/demarches/:id/circuit/etats/nouveau',
        '/agents/admin/demarches/:id/circuit/etats',
        '/agents/admin/demarches/:id/circuit/actions/nouvelle',
        '/agents/admin/demarches/:id/circuit/actions',
      ]),
      ...circuit(
        [
          '/agents/admin/demarches/:id/circuit/etats/:state',
          '/agents/admin/demarches/:id/circuit/etats/:state/supprimer',
        ],
        { state: 'recue' }
      ),
      ...circuit(
        [
          '/agents/admin/demarches/:id/circuit/actions/:transition',
          '/agents/admin/demarches/:id/circuit/actions/:transition/supprimer',
        ],
        { transition: 'preter' }
      ),
      '/agents/admin/agents/:id/double-authentification/reinitialisation': [
        { params: { id: colleague.id } },
      ],
    },
  }
}

export default fuzzSamples
