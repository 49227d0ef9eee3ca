import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import {
  addWorkingDays,
  easterSunday,
  isWorkingDay,
  publicHolidays,
} from '#core/services/french_calendar'
import { csvCell, csvRow, UTF8_BOM } from '#core/services/french_csv'

const day = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' })

test.group('French calendar', () => {
  test('Easter and the holidays that follow it, for known years', ({ assert }) => {
    assert.equal(easterSunday(2018).toISODate(), '2018-04-01')
    assert.equal(easterSunday(2026).toISODate(), '2026-04-05')
    assert.equal(easterSunday(2027).toISODate(), '2027-03-28')
    const holidays2018 = publicHolidays(2018)
    assert.equal(holidays2018.get('2018-04-02'), 'Lundi de Pâques')
    assert.equal(holidays2018.get('2018-05-10'), 'Ascension')
    assert.equal(holidays2018.get('2018-05-21'), 'Lundi de Pentecôte')
    const holidays2026 = publicHolidays(2026)
    assert.equal(holidays2026.size, 11)
    assert.equal(holidays2026.get('2026-05-14'), 'Ascension')
    assert.equal(holidays2026.get('2026-05-25'), 'Lundi de Pentecôte')
  })

  test('Alsace-Moselle adds Good Friday and 26 December', ({ assert }) => {
    const holidays = publicHolidays(2027, 'alsace_moselle')
    assert.equal(holidays.size, 13)
    assert.equal(holidays.get('2027-03-26'), 'Vendredi saint')
    assert.equal(holidays.get('2027-12-26'), 'Saint-Étienne')
  })

  test('working days skip weekends and holidays', ({ assert }) => {
    assert.isFalse(isWorkingDay(day('2026-11-11')))
    assert.isFalse(isWorkingDay(day('2026-11-28')))
    assert.isTrue(isWorkingDay(day('2026-11-30')))
    // Submitted Friday 8 May 2026 (a holiday): 3 working days → Mon 11, Tue 12, Wed 13.
    assert.equal(addWorkingDays(day('2026-05-08T10:00'), 3).toISODate(), '2026-05-13')
    // Across Christmas and New Year 2026: Thu 24 Dec + 3 → Mon 28, Tue 29, Wed 30.
    assert.equal(addWorkingDays(day('2026-12-24T16:00'), 3).toISODate(), '2026-12-30')
    assert.equal(addWorkingDays(day('2026-12-30T09:00'), 2).toISODate(), '2027-01-04')
  })
})

test.group('French CSV', () => {
  test('fields are separated by semicolons, quoted when needed, lines end with CRLF', ({
    assert,
  }) => {
    assert.equal(
      csvRow(['PRV-2026-000001', 'Élodie; "Lulu"', 'ligne 1\nligne 2']),
      'PRV-2026-000001;"Élodie; ""Lulu""";"ligne 1\nligne 2"\r\n'
    )
    assert.equal(UTF8_BOM, '\uFEFF')
  })

  test('numbers take a decimal comma, dates read DD/MM/YYYY, booleans oui/non', ({ assert }) => {
    assert.equal(csvCell(12.5), '12,5')
    assert.equal(csvCell(DateTime.fromISO('2026-11-28T23:30:00Z')), '29/11/2026')
    assert.equal(csvCell(true), 'oui')
    assert.equal(csvCell(null), '')
  })

  test('cells a spreadsheet would run as formulas are neutralised', ({ assert }) => {
    assert.equal(csvCell('=HYPERLINK("http://evil")'), `"'=HYPERLINK(""http://evil"")"`)
    assert.equal(csvCell('+33 6 12 34 56 78'), "'+33 6 12 34 56 78")
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)")
    assert.equal(csvCell(-3), '-3')
  })
})
