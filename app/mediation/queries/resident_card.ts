import type { ResidentCardSource } from '#accounts/resident_space'
import { clock } from '#core/clock'
import Mandate from '#mediation/models/mandate'

/** "Médiation numérique" on /mon-espace: how many mandates hold now, and where to give or revoke one. */
const mandatesCard: ResidentCardSource = async ({ userId, t }) => {
  const mandates = await Mandate.query().where('userId', userId).whereNull('revokedAt')
  const active = mandates.filter((mandate) => mandate.endsAt.toMillis() > clock.nowMs()).length
  return {
    title: t('mediation.card.title'),
    href: '/mon-espace/mandats',
    text: active ? t('mediation.card.active', { count: active }) : t('mediation.card.none'),
  }
}

export default mandatesCard
