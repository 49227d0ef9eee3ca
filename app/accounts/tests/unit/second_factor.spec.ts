import { test } from '@japa/runner'
import {
  newRecoveryCodes,
  normalizeRecoveryCode,
  qrCodeSvg,
  recoveryCodeHash,
  totpCodeStep,
} from '#accounts/services/second_factor'

/** The secret of RFC 6238's test vectors ("12345678901234567890"), in base32. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'

test.group('Second factor arithmetic', () => {
  test('codes are those of RFC 6238 (SHA-1, the last six digits of its test vectors)', ({
    assert,
  }) => {
    const vectors: [number, string][] = [
      [59, '287082'],
      [1111111109, '081804'],
      [1111111111, '050471'],
      [1234567890, '005924'],
      [2000000000, '279037'],
      [20000000000, '353130'],
    ]
    for (const [seconds, code] of vectors)
      assert.equal(totpCodeStep(RFC_SECRET, code, seconds * 1000), Math.floor(seconds / 30), code)
  })

  test('the codes of the periods just before and after are accepted, no other; typed with a space too', ({
    assert,
  }) => {
    // 287082 is the code of period 1 (30 s to 59 s).
    assert.equal(totpCodeStep(RFC_SECRET, '287082', 89_000), 1, 'a period late')
    assert.equal(totpCodeStep(RFC_SECRET, '287 082', 10_000), 1, 'a period early, with a space')
    assert.isNull(totpCodeStep(RFC_SECRET, '287082', 95_000), 'two periods late')
    assert.isNull(totpCodeStep(RFC_SECRET, '28708', 59_000), 'five digits')
  })

  test('a secret that no longer decrypts (read as empty) accepts no code', ({ assert }) => {
    assert.isNull(totpCodeStep('', '328482', 59_000))
  })

  test('ten distinct recovery codes, compared without case, spaces or dashes, stored as keyed hashes', ({
    assert,
  }) => {
    const codes = newRecoveryCodes()
    assert.lengthOf(new Set(codes), 10)
    for (const code of codes) assert.match(code, /^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/)
    assert.equal(normalizeRecoveryCode(' ABCDE-fghjk '), 'abcdefghjk')
    assert.equal(recoveryCodeHash('ABCDE FGHJK'), recoveryCodeHash('abcde-fghjk'))
    assert.notInclude(recoveryCodeHash('abcde-fghjk'), 'abcde')
    assert.lengthOf(recoveryCodeHash('abcde-fghjk'), 64)
  })

  test('the QR code is an SVG with an accessible name and no style attribute (the CSP refuses inline styles)', async ({
    assert,
  }) => {
    const svg = await qrCodeSvg('otpauth://totp/x?secret=ABC', 'QR code "à scanner" <ici>')
    assert.match(svg, /^<svg role="img" aria-label="QR code &quot;à scanner&quot; &lt;ici>"/)
    assert.notMatch(svg, /style=/)
    assert.notInclude(svg, '<script')
  })
})
