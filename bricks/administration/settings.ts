import { setting } from '#core/modules/settings'

/**
 * What the city sets itself, in /agents/admin/reglages (admins) or
 * /agents/formalites/reglages (agents of état civil holding
 * administration.settings.manage, for an ANTS outage): whether a booking
 * goes through, its numbers flagged "unchecked", while ANTS does not answer.
 */
export const administrationSettings = {
  antsFailOpen: setting.boolean({ default: false }),
}
