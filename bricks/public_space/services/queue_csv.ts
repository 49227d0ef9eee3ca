import type { HttpContext } from '@adonisjs/core/http'
import type Agent from '#accounts/models/agent'
import { recordAudit } from '#accounts/actions/record_audit'
import { keysetBatches, sendCsv } from '#core/services/csv_download'
import type Report from '../models/report.js'
import { categoryLabels } from '../queries/categories.js'
import { queueQuery, type QueueFilters } from '../queries/queue.js'

const HEADER = [
  'Référence',
  'Déposé le',
  'Catégorie',
  'Statut',
  'Adresse',
  'Latitude',
  'Longitude',
  'Équipe',
  'Date prévue',
  'Réouvertures',
  'Description',
]

/** The queue as the filters select it, as a CSV file for a spreadsheet, streamed by key; the export is audited. */
export async function sendQueueCsv(
  ctx: HttpContext,
  agent: Agent,
  services: string[],
  filters: QueueFilters
) {
  const labels = await categoryLabels()
  return sendCsv(ctx, {
    name: 'signalements',
    header: HEADER,
    batches: keysetBatches((afterId, size) =>
      queueQuery(services, filters).where('id', '>', afterId).orderBy('id').limit(size)
    ),
    toCells: (report: Report) => [
      report.reference,
      report.createdAt.setZone('Europe/Paris').toFormat('dd/MM/yyyy HH:mm'),
      labels.get(report.categoryId) ?? '',
      ctx.i18n.t(`public_space.statuses.${report.status}`),
      report.address,
      report.lat.toFixed(6),
      report.lng.toFixed(6),
      report.team ?? '',
      report.plannedOn ?? '',
      report.reopenCount,
      report.description,
    ],
    onDone: (count) => recordAudit(agent, 'list.exported', null, 'signalements', count),
  })
}
