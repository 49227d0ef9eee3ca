import edge from 'edge.js'
import assets from '#core/services/assets'

/* Helpers every template may use. */
edge.global('asset', (name: string) => assets.url(name))
edge.global('encodeURIComponent', encodeURIComponent)
import parvisConfig from '#config/parvis'

/* The city, for pages and mails alike (mails render outside any request). */
edge.global('city', parvisConfig.city)
