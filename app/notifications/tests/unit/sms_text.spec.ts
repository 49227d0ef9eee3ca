import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { prepareSmsText, transliterate, SENDER_PATTERN } from '#notifications/sms/gsm'
import { maskNumber, normaliseMobile } from '#notifications/sms/phone'
import { inQuietHours, outsideQuietHours } from '#notifications/sms/quiet_hours'

const paris = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' })

test.group('SMS text: GSM-7, UCS-2 and segments', () => {
  test('160 GSM-7 characters are one segment, 161 are two (153 each once concatenated)', ({
    assert,
  }) => {
    assert.include(prepareSmsText('a'.repeat(160)), { encoding: 'gsm7', segments: 1 })
    assert.include(prepareSmsText('a'.repeat(161)), { encoding: 'gsm7', segments: 2 })
    assert.include(prepareSmsText('a'.repeat(306)), { segments: 2 })
    assert.include(prepareSmsText('a'.repeat(307)), { segments: 3 })
  })

  test('é, è, à, ù, ì, ò, É and Ç are in GSM-7 and stay as they are', ({ assert }) => {
    const prepared = prepareSmsText('été, très, à, où, ìò, École, Ça')
    assert.equal(prepared.encoding, 'gsm7')
    assert.equal(prepared.text, 'été, très, à, où, ìò, École, Ça')
  })

  test('ê, â, î, ô, û, ç, œ and typographic quotes are not in GSM-7: they are transliterated, so the text stays GSM-7', ({
    assert,
  }) => {
    assert.equal(
      transliterate('fête, âge, île, hôtel, sûr, reçu, cœur, l’état « ici » – fin…'),
      'fete, age, ile, hotel, sur, recu, coeur, l\'état "ici" - fin...'
    )
    assert.equal(prepareSmsText('Reçu à l’hôtel de ville').encoding, 'gsm7')
  })

  test('€, [, ] and ^ take two septets, and a pair is never split between segments', ({
    assert,
  }) => {
    assert.include(prepareSmsText('€'.repeat(80)), { units: 160, segments: 1 })
    assert.include(prepareSmsText('€'.repeat(81)), { units: 162, segments: 2 })
    // 152 septets then a two-septet character: it starts the second segment
    assert.include(prepareSmsText(`${'a'.repeat(152)}€${'a'.repeat(10)}`), { segments: 2 })
    assert.include(prepareSmsText(`${'a'.repeat(152)}€${'a'.repeat(152)}`), { segments: 3 })
  })

  test('a 200-character French message with accents costs 2 segments, not the 3 of UCS-2', ({
    assert,
  }) => {
    const base =
      'Rappel : rendez-vous « Carte d’identité » demain à 10h00, hôtel de ville, être à l’heure. '
    const message = (base + base + base).slice(0, 200)
    assert.lengthOf(message, 200)
    const prepared = prepareSmsText(message)
    assert.equal(prepared.encoding, 'gsm7')
    // the spaces inside « » go with them: 196 septets
    assert.equal(prepared.units, 196)
    assert.equal(prepared.segments, 2)
  })

  test('a character with no Latin form (an emoji) switches to UCS-2: 70 per segment, 67 once concatenated', ({
    assert,
  }) => {
    assert.include(prepareSmsText(`${'a'.repeat(68)}🙂`), {
      encoding: 'ucs2',
      units: 70,
      segments: 1,
    })
    assert.include(prepareSmsText(`${'a'.repeat(69)}🙂`), { encoding: 'ucs2', segments: 2 })
    assert.include(prepareSmsText(`${'é'.repeat(200)}🙂`), { units: 202, segments: 4 })
    assert.include(prepareSmsText(`${'é'.repeat(198)}🙂`), { units: 200, segments: 3 })
  })

  test('a sender name has 3 to 11 letters or digits, at least one letter', ({ assert }) => {
    assert.isTrue(SENDER_PATTERN.test('MairieEvry'))
    assert.isTrue(SENDER_PATTERN.test('Ville91'))
    assert.isFalse(SENDER_PATTERN.test('MairieEvry91'))
    assert.isFalse(SENDER_PATTERN.test('Mairie Evry'))
    assert.isFalse(SENDER_PATTERN.test('Évry'))
    assert.isFalse(SENDER_PATTERN.test('12345'))
  })
})

test.group('SMS numbers', () => {
  test('French mobiles in every usual writing become E.164', ({ assert }) => {
    for (const typed of [
      '06 12 34 56 78',
      '06.12.34.56.78',
      '0612345678',
      '+33 6 12 34 56 78',
      '+33 (0)6 12 34 56 78',
      '0033612345678',
    ])
      assert.equal(normaliseMobile(typed), '+33612345678', typed)
    assert.equal(normaliseMobile('07-00-00-00-01'), '+33700000001')
    assert.equal(normaliseMobile('+262 692 12 34 56'), '+262692123456')
  })

  test('landlines and malformed numbers are refused', ({ assert }) => {
    for (const typed of ['01 60 91 07 00', '+33160910700', '06 12 34 56', '0912345678', 'bonjour'])
      assert.isNull(normaliseMobile(typed), typed)
  })

  test('a masked number keeps its country code and last two digits', ({ assert }) => {
    assert.equal(maskNumber('+33612345678'), '+33 •••••••78')
  })
})

test.group('SMS quiet hours', () => {
  test('from 20:00 to 08:00 Paris time, an SMS due at night leaves at 08:00', ({ assert }) => {
    assert.isTrue(inQuietHours(paris('2027-03-09T23:00'), 20, 8))
    assert.isTrue(inQuietHours(paris('2027-03-10T07:59'), 20, 8))
    assert.isFalse(inQuietHours(paris('2027-03-10T08:00'), 20, 8))
    assert.isFalse(inQuietHours(paris('2027-03-10T19:59'), 20, 8))
    assert.equal(
      outsideQuietHours(paris('2027-03-09T23:00'), 20, 8).toMillis(),
      paris('2027-03-10T08:00').toMillis()
    )
    assert.equal(
      outsideQuietHours(paris('2027-03-10T06:30'), 20, 8).toMillis(),
      paris('2027-03-10T08:00').toMillis()
    )
    const day = paris('2027-03-10T12:00')
    assert.equal(outsideQuietHours(day, 20, 8).toMillis(), day.toMillis())
  })

  test('the night of the spring DST change still ends at 08:00 Paris time', ({ assert }) => {
    assert.equal(
      outsideQuietHours(paris('2027-03-27T22:00'), 20, 8).toISO(),
      paris('2027-03-28T08:00').toUTC().toISO()
    )
  })

  test('quiet hours within a day (13 to 14) and none (the same hour twice)', ({ assert }) => {
    assert.isTrue(inQuietHours(paris('2027-03-10T13:30'), 13, 14))
    assert.isFalse(inQuietHours(paris('2027-03-10T14:00'), 13, 14))
    assert.isFalse(inQuietHours(paris('2027-03-10T03:00'), 8, 8))
  })
})
