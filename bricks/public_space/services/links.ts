import { absoluteUrl, signedUrl } from '#core/links'

/** Pages the mails link to; the routes use the same patterns (see routes/front.ts). */
export const PUBLIC_PAGE = '/signalements/:id'
export const CONFIRM_PAGE = '/signalements/:id/confirmer'
export const FEEDBACK_PAGE = '/signalements/:id/avis'
export const CONFIRM_PURPOSE = 'signalement-confirmation'
export const FEEDBACK_PURPOSE = 'signalement-avis'

export function publicLink(reportId: number) {
  return absoluteUrl(PUBLIC_PAGE, { id: reportId })
}

/** Whoever holds it confirms the anonymous report it was sent for (7 days). */
export function confirmLink(reportId: number) {
  return signedUrl(
    CONFIRM_PAGE,
    { id: reportId },
    { purpose: CONFIRM_PURPOSE, expiresIn: '7 days' }
  )
}

/** "Le problème est-il réglé ?": answered without logging in, within the reopening period. */
export function feedbackLink(reportId: number, days: number) {
  return signedUrl(
    FEEDBACK_PAGE,
    { id: reportId },
    { purpose: FEEDBACK_PURPOSE, expiresIn: `${days} days` }
  )
}
