import edge from 'edge.js'
import assets from '#core/services/assets'
import { formLimits } from '#core/services/validation'
import { formatParisDate } from '#core/services/dates'
import type { DateTime } from 'luxon'

/* Helpers every template may use. */
edge.global('asset', (name: string) => assets.url(name))
edge.global('encodeURIComponent', encodeURIComponent)
import parvisConfig from '#config/parvis'

/* The city, for pages and mails alike (mails render outside any request). */
edge.global('city', parvisConfig.city)

/* Dates are stored in UTC and read in Paris time: formatDate(value, 'date' | 'datetime'). */
edge.global(
  'formatDate',
  (value: DateTime | null | undefined, kind: 'date' | 'datetime' = 'date') =>
    formatParisDate(value, kind)
)

/* The maxlength of each text box of a form, from its validator: limits('accounts.registration').firstName. */
edge.global('limits', formLimits)
