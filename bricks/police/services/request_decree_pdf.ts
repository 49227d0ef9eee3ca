import type { I18n } from '@adonisjs/i18n'
import { cityDocument } from '#core/services/pdf'

export interface RequestDecreeFacts {
  number: string
  applicant: string
  purpose: string
  street: string
  startsOn: string
  endsOn: string
  kerbMeters: number
  vehicle: string
  signatory: string
  signedOn: string
  demandReference: string
}

/**
 * The individual street-occupation decree generated from an accepted request:
 * its register number at the top, who may occupy what, where and when.
 */
export async function requestDecreePdf(facts: RequestDecreeFacts, i18n: I18n) {
  const title = i18n.t('police.decrees.pdf.title', { number: facts.number })
  const { doc, bytes } = cityDocument({
    title,
    subject: i18n.t('police.decrees.pdf.subject'),
    // ASCII on purpose: the Info dictionary keeps it readable as is, so the number can be found in the file.
    keywords: `arrete municipal ${facts.number}`,
    lang: i18n.locale,
  })
  doc.font('Helvetica-Bold').fontSize(14).text(title)
  doc.moveDown()
  doc.font('Helvetica').fontSize(10)
  doc.text(i18n.t('police.decrees.pdf.considering', { reference: facts.demandReference }))
  doc.moveDown()
  doc.font('Helvetica-Bold').text(i18n.t('police.decrees.pdf.decides'))
  doc.font('Helvetica')
  doc.text(
    i18n.t('police.decrees.pdf.article1', {
      applicant: facts.applicant,
      purpose: facts.purpose,
      street: facts.street,
      kerbMeters: facts.kerbMeters,
      startsOn: facts.startsOn,
      endsOn: facts.endsOn,
    })
  )
  if (facts.vehicle) doc.text(i18n.t('police.decrees.pdf.vehicle', { vehicle: facts.vehicle }))
  doc.text(i18n.t('police.decrees.pdf.article2'))
  doc.moveDown(2)
  doc.text(
    i18n.t('police.decrees.pdf.signed', { signatory: facts.signatory, date: facts.signedOn })
  )
  doc.end()
  return bytes
}
