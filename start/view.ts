import edge from 'edge.js'
import assets from '#core/services/assets'

/* Helpers every template may use. */
edge.global('asset', (name: string) => assets.url(name))
edge.global('encodeURIComponent', encodeURIComponent)
