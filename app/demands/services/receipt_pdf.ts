import { cityDocument } from '#core/services/pdf'
import type { I18n } from '@adonisjs/i18n'
import type Demand from '#demands/models/demand'
import { findProcedure } from '#demands/procedures/registry'
import { answerSections } from '#demands/services/answer_sections'
import parvisConfig from '#config/parvis'

function paris(date: Demand['submittedAt'], format: string) {
  return date ? date.setZone('Europe/Paris').toFormat(format) : ''
}

/**
 * The receipt (récépissé) of a submitted demand as a PDF: the city, the
 * reference, when it was filed, the expected answer date and the answers
 * as filed. The reference is also in the document's metadata.
 */
export async function receiptPdf(
  demand: Demand,
  i18n: I18n,
  options: { compress?: boolean } = {}
): Promise<Buffer> {
  const procedure = findProcedure(demand.procedureKey, demand.procedureVersion)
  const sections = procedure ? await answerSections(demand, procedure, i18n) : []
  const title = procedure ? i18n.t(procedure.title) : demand.procedureKey

  const { doc, bytes } = cityDocument({
    title: `${i18n.t('demands.receipt.pdf_title')} ${demand.reference}`,
    subject: title,
    keywords: demand.reference ?? '',
    lang: i18n.locale,
    compress: options.compress,
  })
  doc.font('Helvetica-Bold').fontSize(18).text(i18n.t('demands.receipt.pdf_title'))
  doc.moveDown(0.5)
  doc.font('Helvetica').fontSize(12).text(title)
  doc.moveDown()

  const line = (label: string, value: string) => {
    doc.font('Helvetica-Bold').fontSize(10).text(`${label} : `, { continued: true })
    doc.font('Helvetica').text(value || '—')
  }
  line(i18n.t('demands.receipt.reference'), demand.reference ?? '')
  line(i18n.t('demands.receipt.submitted_at'), paris(demand.submittedAt, "dd/MM/yyyy 'à' HH:mm"))
  line(
    i18n.t('demands.receipt.applicant'),
    [demand.applicantFirstName, demand.applicantLastName].filter(Boolean).join(' ')
  )
  if (demand.applicantEmail) line(i18n.t('demands.receipt.email'), demand.applicantEmail)
  if (demand.dueAt) line(i18n.t('demands.receipt.expected_by'), paris(demand.dueAt, 'dd/MM/yyyy'))

  for (const section of sections) {
    if (section.rows.length === 0) continue
    doc.moveDown()
    doc.font('Helvetica-Bold').fontSize(12).text(section.title)
    doc.moveDown(0.3)
    for (const row of section.rows) line(row.label, row.value)
  }

  doc.moveDown(2)
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor('#444444')
    .text(i18n.t('demands.receipt.pdf_footer', { city: parvisConfig.city.name }))
  doc.end()
  return bytes
}
