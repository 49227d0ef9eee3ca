import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { createRequire } from 'node:module'
import app from '@adonisjs/core/services/app'

export interface Asset {
  name: string
  url: string
  contentType: string
  raw: Buffer
  gzip: Buffer
  br: Buffer
}

const require = createRequire(import.meta.url)

/*
 * The stylesheet and scripts of every page. They are read once, fingerprinted
 * (the hash is in the URL, so they can be cached for a year) and compressed
 * once at boot. No build step, no CDN.
 */
const SOURCES: Record<string, () => string> = {
  'app.css': () => app.makePath('resources/css/app.css'),
  'back_office.css': () => app.makePath('resources/css/back_office.css'),
  'app.js': () => app.makePath('resources/js/app.js'),
  'procedure_form.js': () => app.makePath('resources/js/procedure_form.js'),
  'alpine_prefix.js': () => app.makePath('resources/js/alpine_prefix.js'),
  'htmx.js': () => require.resolve('htmx.org/dist/htmx.min.js'),
  'alpine.js': () => require.resolve('@alpinejs/csp/dist/cdn.min.js'),
  // Maps: map.js is the page's enhancement; it fetches Leaflet only when a map is shown.
  'map.js': () => app.makePath('resources/js/map.js'),
  'leaflet.js': () => require.resolve('leaflet/dist/leaflet.js'),
  'leaflet.css': () => require.resolve('leaflet/dist/leaflet.css'),
}

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
}

class AssetRegistry {
  #byName = new Map<string, Asset>()
  #byUrl = new Map<string, Asset>()

  #build(name: string) {
    const raw = readFileSync(SOURCES[name]())
    const hash = createHash('sha256').update(raw).digest('hex').slice(0, 12)
    const [base, extension] = name.split('.')
    const asset: Asset = {
      name,
      url: `/assets/${base}.${hash}.${extension}`,
      contentType: TYPES[extension],
      raw,
      gzip: gzipSync(raw, { level: 9 }),
      br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    }
    this.#byName.set(name, asset)
    this.#byUrl.set(asset.url, asset)
    return asset
  }

  /** URL of an asset, for templates: `asset('app.css')`. */
  url(name: string) {
    if (!(name in SOURCES)) throw new Error(`Unknown asset "${name}"`)
    if (!app.inProduction) this.#refresh(name)
    return (this.#byName.get(name) ?? this.#build(name)).url
  }

  find(url: string) {
    return this.#byUrl.get(url)
  }

  all() {
    return Object.keys(SOURCES).map((name) => this.#byName.get(name) ?? this.#build(name))
  }

  /** In development, pick up edits to the stylesheet or the script. */
  #refresh(name: string) {
    const current = this.#byName.get(name)
    if (!current) return
    const raw = readFileSync(SOURCES[name]())
    if (!raw.equals(current.raw)) {
      this.#byUrl.delete(current.url)
      this.#byName.delete(name)
    }
  }
}

const assets = new AssetRegistry()
export default assets
