import type { I18n } from '@adonisjs/i18n'
import { DateTime } from 'luxon'
import { cityDocument } from '#core/services/pdf'
import type Demand from '#demands/models/demand'
import parvisConfig from '#config/parvis'
import type AidDecision from '../models/aid_decision.js'

export function formatEuros(cents: number, locale = 'fr-FR') {
  return (cents / 100).toLocaleString(locale, { style: 'currency', currency: 'EUR' })
}

/**
 * The decision letter of an aid request, as a PDF: who, which request,
 * the commission's date, and the aid granted (its amount) or refused (the
 * reason), with the resident's right to appeal.
 */
export async function decisionLetterPdf(
  demand: Demand,
  decision: AidDecision,
  i18n: I18n,
  options: { compress?: boolean } = {}
): Promise<Buffer> {
  const { doc, bytes } = cityDocument({
    title: `${i18n.t('social.aid.letter.title')} ${demand.reference}`,
    keywords: demand.reference ?? '',
    lang: i18n.locale,
    compress: options.compress,
  })
  const applicant = [demand.applicantFirstName, demand.applicantLastName].filter(Boolean).join(' ')
  const commission = DateTime.fromISO(decision.commissionOn).toFormat('dd/MM/yyyy')
  doc.font('Helvetica').fontSize(11).text(applicant)
  doc.moveDown(2)
  doc.font('Helvetica-Bold').fontSize(16).text(i18n.t('social.aid.letter.title'))
  doc.moveDown(0.5)
  doc
    .font('Helvetica')
    .fontSize(11)
    .text(i18n.t('social.aid.letter.reference', { reference: demand.reference ?? '' }))
  doc.moveDown()
  doc.text(i18n.t('social.aid.letter.commission', { date: commission }))
  doc.moveDown()
  if (decision.outcome === 'granted')
    doc
      .font('Helvetica-Bold')
      .text(i18n.t('social.aid.letter.granted', { amount: formatEuros(decision.amountCents ?? 0) }))
  else
    doc
      .font('Helvetica-Bold')
      .text(i18n.t('social.aid.letter.refused', { reason: decision.reason ?? '' }))
  doc.moveDown()
  doc.font('Helvetica').text(i18n.t('social.aid.letter.appeal'))
  doc.moveDown(2)
  doc.text(i18n.t('social.aid.letter.signature', { city: parvisConfig.city.name }))
  doc.end()
  return bytes
}
