import { UTF8_BOM, csvRow } from '#core/services/french_csv'
import type { SessionLists } from '../queries/service.js'

/** Present, absent, or blank when not taken that day. */
function presence(attendance: Record<string, boolean>, day: string) {
  if (attendance[day] === undefined) return ''
  return attendance[day] ? 'présent' : 'absent'
}

/** The attendance list of a session as a spreadsheet opens it in France: one child a line, one day a column. */
export function attendanceCsv(lists: SessionLists) {
  let csv =
    UTF8_BOM +
    csvRow([
      'Nom',
      'Prénom',
      'Âge',
      'Famille',
      'Téléphone',
      ...lists.days.map((day) => day.split('-').reverse().join('/')),
    ])
  for (const row of lists.placed)
    csv += csvRow([
      row.child.lastName,
      row.child.firstName,
      row.age,
      row.family?.fullName ?? '',
      row.family?.phone ?? '',
      ...lists.days.map((day) => presence(row.registration.attendance, day)),
    ])
  return csv
}
