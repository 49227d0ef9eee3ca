import parvisConfig from '#config/parvis'
import type Decree from '../models/decree.js'

function xml(text: string) {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/**
 * The Atom feed (RFC 4287) of newly published decrees: one entry per decree,
 * linked to its permanent page and to its signed PDF. Ids are the permanent
 * addresses, which never change.
 */
export function decreesFeed(
  decrees: Decree[],
  labels: { title: string; kind: (decree: Decree) => string; subtitle: string }
) {
  const base = parvisConfig.appUrl.replace(/\/$/, '')
  const updated = decrees[0]?.publishedAt?.toUTC().toISO() ?? '2026-01-01T00:00:00.000Z'
  const entries = decrees.map((decree) => {
    const url = `${base}/arretes/${decree.number}`
    return `  <entry>
    <id>${xml(url)}</id>
    <title>${xml(`${decree.number} — ${decree.title}`)}</title>
    <updated>${decree.publishedAt!.toUTC().toISO()}</updated>
    <published>${decree.publishedAt!.toUTC().toISO()}</published>
    <link rel="alternate" type="text/html" href="${xml(url)}"/>
    <link rel="enclosure" type="application/pdf" length="${decree.size}" href="${xml(`${url}/pdf`)}"/>
    <category term="${xml(decree.kind)}" label="${xml(labels.kind(decree))}"/>
    <summary>${xml(`${labels.kind(decree)} — ${decree.signatory}, ${decree.signedOn}`)}</summary>
  </entry>`
  })
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <id>${xml(`${base}/arretes`)}</id>
  <title>${xml(labels.title)}</title>
  <subtitle>${xml(labels.subtitle)}</subtitle>
  <updated>${updated}</updated>
  <author><name>${xml(parvisConfig.city.name)}</name></author>
  <link rel="self" type="application/atom+xml" href="${xml(`${base}/arretes/flux.atom`)}"/>
  <link rel="alternate" type="text/html" href="${xml(`${base}/arretes`)}"/>
${entries.join('\n')}
</feed>
`
}
