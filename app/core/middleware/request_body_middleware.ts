import { mkdirSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, isAbsolute } from 'node:path'
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { BodyParserConfig } from '@adonisjs/core/types/bodyparser'
import { Exception } from '@adonisjs/core/exceptions'
import BodyParserMiddleware from '@adonisjs/core/bodyparser_middleware'
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import env from '#start/env'
import { FIELDS_LIMIT_BYTES, filesLimitOf } from '#core/services/body_limits'

/**
 * Where uploaded files wait while their request runs: UPLOADS_TMP_DIR, or the
 * system's temporary folder (a folder of the test run's own in tests).
 */
export function uploadTempRoot() {
  const configured = env.get('UPLOADS_TMP_DIR')
  if (configured) return isAbsolute(configured) ? configured : app.makePath(configured)
  return app.inTest ? app.makePath('tmp', 'test-upload-temp') : tmpdir()
}

/** A refused request body is read to its end (and thrown away) up to this size, so the browser gets the page that says why. */
const DISCARD_AT_MOST = 64 * 1024 * 1024

/**
 * The request body parser, per route:
 *
 * - a multipart request may carry as many bytes of files as its route
 *   declares with acceptsUploads() (none otherwise): a larger one is refused
 *   with 413 before anything is written, from its Content-Length, or as soon
 *   as the limit is crossed;
 * - the files of a request are written to a folder of its own, removed when
 *   the request ends, whatever happened (accepted, refused by a check, over
 *   the limit, an error): nothing a visitor sends stays on the disk unless an
 *   action stored it.
 */
export default class RequestBodyMiddleware {
  #config = app.config.get<BodyParserConfig>('bodyparser')
  #plain = new BodyParserMiddleware(this.#config, app.experimentalFlags)

  async handle(ctx: HttpContext, next: NextFn) {
    const { request } = ctx
    if (
      !this.#config.allowedMethods.includes(request.method()) ||
      !request.hasBody() ||
      !request.is(this.#config.multipart.types)
    ) {
      return this.#plain.handle(ctx, next)
    }

    const matched = router.match(
      request.url(),
      request.method(),
      router.usingDomains ? (request.hostname() ?? undefined) : undefined
    )
    const filesLimit = matched
      ? await filesLimitOf(request.method(), matched.route.pattern, matched.params)
      : 0
    const declaredLength = Number(request.header('content-length'))
    if (declaredLength > filesLimit + FIELDS_LIMIT_BYTES) {
      await discardBody(request.request)
      throw tooLarge()
    }

    const folder = join(uploadTempRoot(), `parvis-upload-${randomUUID()}`)
    const parser = new BodyParserMiddleware(
      {
        ...this.#config,
        multipart: {
          ...this.#config.multipart,
          // 0 would mean "no limit" to the parser: one byte refuses any file on routes that take none.
          limit: Math.max(filesLimit, 1),
          fieldsLimit: FIELDS_LIMIT_BYTES,
          tmpFileName: () => {
            mkdirSync(folder, { recursive: true })
            return join(folder, randomUUID())
          },
        },
      },
      app.experimentalFlags
    )
    try {
      return await parser.handle(ctx, next)
    } catch (error) {
      if ((error as { status?: number }).status === 413) await discardBody(request.request)
      throw error
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  }
}

function tooLarge() {
  return new Exception('request entity too large', {
    code: 'E_REQUEST_ENTITY_TOO_LARGE',
    status: 413,
  })
}

/**
 * Reads what is left of a refused body without keeping it: a browser still
 * sending its upload when the answer comes would show a connection error
 * instead of the page. Past DISCARD_AT_MOST the connection is cut.
 */
function discardBody(req: IncomingMessage) {
  if (req.readableEnded || req.destroyed) return Promise.resolve()
  return new Promise<void>((resolve) => {
    let seen = 0
    const done = () => {
      req.off('data', count)
      resolve()
    }
    const count = (chunk: Buffer) => {
      seen += chunk.length
      if (seen > DISCARD_AT_MOST) {
        req.destroy()
        done()
      }
    }
    req.on('data', count)
    req.once('end', done)
    req.once('error', done)
    req.once('close', done)
    req.resume()
  })
}
