import edge from 'edge.js'
import assets from '#core/services/assets'
import { formLimits } from '#core/services/validation'
import { formatParisDate } from '#core/services/dates'
import type { DateTime } from 'luxon'
import { dropUnusedEdgeGlobals } from '#core/services/edge_globals'

/* Helpers every template may use. */
edge.global('asset', (name: string) => assets.url(name))
edge.global('encodeURIComponent', encodeURIComponent)
import parvisConfig from '#config/parvis'

/* The city, for pages and mails alike (mails render outside any request). */
edge.global('city', parvisConfig.city)

/* Dates are stored in UTC and read in Paris time: formatDate(value, 'date' | 'datetime'), value a DateTime or epoch milliseconds. */
edge.global(
  'formatDate',
  (value: DateTime | number | null | undefined, kind: 'date' | 'datetime' = 'date') =>
    formatParisDate(value, kind)
)

/* The maxlength of each text box of a form, from its validator: limits('accounts.registration').firstName. */
edge.global('limits', formLimits)

/*
 * Registered by Edge and the framework, used by no template, copied into every
 * component call's state: see #core/services/edge_globals. A plugin, run at the
 * first render after the plugins registered before it (i18n's adds its helpers
 * then, not at boot).
 */
edge.use(dropUnusedEdgeGlobals)
