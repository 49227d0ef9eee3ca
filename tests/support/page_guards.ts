import { ApiClient } from '@japa/api-client'

/*
 * Defects a person would see on any page, caught wherever a test renders one:
 * by the api-client after every response (functional suite) and by the
 * browser helper on every audited page (browser suite). A test that never
 * looks for them fails anyway.
 */

/** An Edge tag that does not start its own line is printed as text instead of running. */
const LEFTOVER_EDGE_TAG = /@(!\w+\(|if\(|each\(|let\(|elseif\(|end[\s<])/

/** What `t()` prints for a key that is in no lang file (or for an undefined key). */
const MISSING_TRANSLATION = /translation missing: [\w-]+, [\w.-]*/

/** Throws if the rendered text shows a missing translation or an unrendered Edge tag. */
export function assertRenderedText(text: string, label: string) {
  const missing = text.match(MISSING_TRANSLATION)
  if (missing) throw new Error(`"${missing[0].trim()}" on ${label}`)
  const leftover = text.match(LEFTOVER_EDGE_TAG)
  if (leftover) throw new Error(`Unrendered Edge tag "${leftover[0]}" on ${label}`)
}

/** Text bodies only: PDFs, images and CSV exports are not pages. */
function isRenderedText(contentType: string | undefined) {
  return Boolean(contentType && /^(text\/html|text\/plain|application\/json)/.test(contentType))
}

let installed = false

/**
 * Checks the body of every response the api-client receives, in every
 * functional test. Installed once by tests/bootstrap.ts.
 */
export function guardEveryApiResponse() {
  if (installed) return
  installed = true
  ApiClient.teardown((response) => {
    if (!isRenderedText(response.headers()['content-type'])) return
    const text = response.text()
    if (typeof text !== 'string') return
    assertRenderedText(
      text,
      `${response.request.config.method} ${response.request.config.endpoint}`
    )
  })
}
