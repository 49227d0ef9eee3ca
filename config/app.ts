import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { servedOverHttps } from '#config/parvis'
import { Secret } from '@adonisjs/core/helpers'
import { defineConfig } from '@adonisjs/core/http'
import proxyAddr from 'proxy-addr'

export const appKey = new Secret(env.get('APP_KEY'))

export const http = defineConfig({
  // RequestIdMiddleware sets a sane X-Request-Id on every request (generating one when needed).
  generateRequestId: false,
  allowMethodSpoofing: true,
  useAsyncLocalStorage: true,
  // X-Forwarded-For is believed only from the reverse proxies named here
  // (default: this machine), so nobody escapes the per-IP rate limits by
  // sending the header themself.
  trustProxy: proxyAddr.compile(
    (env.get('TRUSTED_PROXIES') ?? 'loopback')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
  ),
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction && servedOverHttps,
    sameSite: 'lax',
  },
})
