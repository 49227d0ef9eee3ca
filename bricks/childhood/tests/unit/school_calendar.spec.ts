import { test } from '@japa/runner'
import { calendarDay, periodsFromFile } from '../../services/school_calendar.js'

test.group('Childhood: the national school calendar, read', () => {
  test('a date of the file is the Paris day it names, whatever its writing', ({ assert }) => {
    assert.equal(calendarDay('2026-10-16T22:00:00+00:00'), '2026-10-17')
    assert.equal(calendarDay('2026-10-17T00:00:00+02:00'), '2026-10-17')
    assert.equal(calendarDay('2027-01-03T23:00:00+00:00'), '2027-01-04')
    assert.equal(calendarDay('17/10/2026'), '2026-10-17')
    assert.equal(calendarDay('20261017'), '2026-10-17')
    assert.equal(calendarDay('20261017T000000'), '2026-10-17')
    assert.isNull(calendarDay('31/02/2027'))
    assert.isNull(calendarDay('demain'))
  })

  test('a CSV with a byte order mark and commas, and an ICS with dated times: the same period, the last day being the eve of the return to class', ({
    assert,
  }) => {
    const csv =
      '\uFEFFDescription,Population,Date de début,Date de fin,Location,Zones,annee_scolaire\r\n' +
      '"Vacances de Noël, fin d\'année",-,2026-12-19,2027-01-04,Paris,Zone C,2026-2027\r\n'
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;TZID=Europe/Paris:20261219T000000',
      'DTEND;TZID=Europe/Paris:20270104T000000',
      "SUMMARY:Vacances de Noël\\, fin d'année - Zones A\\, B et C",
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270206',
      'DTEND;VALUE=DATE:20270222',
      "SUMMARY:Vacances d'Hiver - Zone A",
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n')
    const expected = [
      { label: "Vacances de Noël, fin d'année", startsOn: '2026-12-19', endsOn: '2027-01-03' },
    ]
    assert.deepEqual(periodsFromFile(csv, 'C'), expected)
    assert.deepEqual(periodsFromFile(ics, 'C'), expected)
  })
})
