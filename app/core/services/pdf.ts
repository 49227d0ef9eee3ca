import PDFDocument from 'pdfkit'
import parvisConfig from '#config/parvis'

/**
 * An A4 document of the city (receipts, invoices): its metadata, the
 * city's name and address at the top, and a promise of the finished bytes.
 * Callers write the rest and call `doc.end()`.
 */
export function cityDocument(options: {
  title: string
  subject?: string
  keywords: string
  lang: string
  compress?: boolean
}) {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: options.compress ?? true,
    lang: options.lang,
    // pdfkit fails on an undefined entry: the subject is there only when given.
    info: {
      Title: options.title,
      Author: parvisConfig.city.name,
      Keywords: options.keywords,
      ...(options.subject ? { Subject: options.subject } : {}),
    },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  doc.font('Helvetica-Bold').fontSize(11).text(parvisConfig.city.name)
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(parvisConfig.city.address ?? '')
  doc.moveDown(2)
  return { doc, bytes }
}
