import Demand from '#demands/models/demand'
import { findProcedure } from '#demands/procedures/registry'
import type { ResidentCardSource } from '#accounts/resident_space'
import { CITY_ZONE } from '#core/clock'

/** The demands card of /mon-espace: where the demands are, and the drafts to resume. */
const demandsCard: ResidentCardSource = async ({ userId, t }) => {
  const drafts = await Demand.query()
    .where('userId', userId)
    .where('state', 'draft')
    .orderBy('updatedAt', 'desc')
    .limit(5)
  return {
    title: t('demands.space.card_title'),
    href: '/mon-espace/demandes',
    text: t('demands.space.card_text'),
    links: [
      ...drafts.flatMap((draft) => {
        const procedure = findProcedure(draft.procedureKey, draft.procedureVersion)
        if (!procedure) return []
        const step = Math.min(draft.currentStep, procedure.steps.length - 1) + 1
        return [
          {
            label: t(procedure.title),
            href: `/demarches/${procedure.key}/${draft.id}/etape/${step}`,
            detail: t('demands.space.draft_of', {
              date: draft.updatedAt.setZone(CITY_ZONE).toFormat('dd/MM/yyyy HH:mm'),
            }),
          },
        ]
      }),
      { label: t('demands.space.new'), href: '/demarches' },
    ],
  }
}

export default demandsCard
