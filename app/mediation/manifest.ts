import { defineModule } from '#core/modules/define_module'
import { mediationPersonalData } from '#mediation/personal_data'

/**
 * Digital mediation: residents give a mediator (the "Médiation numérique"
 * service, or a partner counter's agents in it) a mandate for some
 * modules and up to twelve months; the mediator then acts for them on
 * their own pages, each action written "by X for Y" on their timeline and
 * in the audit log. Mediators also register residents without an e-mail
 * address and print their letters.
 */
export default defineModule({
  name: 'mediation',
  label: 'mediation.module',
  services: [{ slug: 'mediation', name: 'Médiation numérique' }],
  navigation: { back: [{ label: 'mediation.nav_agents', path: 'mediation' }] },
  residentSpace: {
    timeline: {
      kinds: [
        {
          key: 'mediation_action',
          label: 'mediation.space.kind',
          itemLabel: 'mediation.space.item',
        },
      ],
      source: () => import('#mediation/queries/resident_timeline'),
    },
    cards: [{ order: 90, card: () => import('#mediation/queries/resident_card') }],
  },
  personalData: mediationPersonalData,
  seed: () => import('#mediation/database/seeders/demo'),
})
