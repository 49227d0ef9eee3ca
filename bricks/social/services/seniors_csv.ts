import type ActivitySession from '#activities/models/activity_session'
import type { CsvDownload } from '#core/services/csv_download'
import type { ParticipantRow } from '../queries/seniors.js'

/** The participants of a session with a place, for a spreadsheet: who, contacts, options, attendance. */
export function participantsCsv(
  session: ActivitySession,
  placed: ParticipantRow[],
  onDone: (rowCount: number) => Promise<unknown>
): CsvDownload<ParticipantRow> {
  return {
    name: `seniors-seance-${session.id}`,
    header: [
      'Participant',
      'Téléphone',
      'Contact en cas d’urgence',
      'Inscrit par',
      'Accompagnant',
      'Navette',
      'Adresse de prise en charge',
      'Ordre de passage',
      'Présent',
    ],
    batches: (async function* () {
      yield placed
    })(),
    toCells: (row) => [
      row.details.participantName,
      row.details.phone ?? row.accountPhone ?? '',
      row.details.emergencyContact ?? '',
      row.details.agentId ? 'Accueil' : (row.account ?? ''),
      row.details.companion ? 'oui' : 'non',
      row.details.shuttle ? 'oui' : 'non',
      row.details.pickupAddress ?? '',
      row.details.pickupOrder ?? '',
      row.registration.attendance[session.startsOn] === undefined
        ? ''
        : row.registration.attendance[session.startsOn]
          ? 'oui'
          : 'non',
    ],
    onDone,
  }
}
