import { test } from '@japa/runner'
import { cleanInput, cleanText } from '#core/services/clean_text'

test.group('Text that reaches the app', () => {
  test('control characters go, tabs and line breaks stay, broken characters become U+FFFD', ({
    assert,
  }) => {
    assert.equal(cleanText('Du\u0000pont\u0007\u001b[31m\u007f\u0085'), 'Dupont[31m')
    assert.equal(cleanText('Ligne 1\r\nLigne 2\tfin'), 'Ligne 1\r\nLigne 2\tfin')
    assert.equal(cleanText('a\ud800b\udc00c'), 'a\ufffdb\ufffdc')
    assert.equal(cleanText('émoji 😀 gardé'), 'émoji 😀 gardé')
  })

  test('objects and arrays are cleaned through, keys too; numbers and files are left alone, "__pro\\0to__" sets no prototype', ({
    assert,
  }) => {
    const file = new (class UploadedFile {})()
    const cleaned = cleanInput({
      'na\u0000me': ['a\u0000', { b: 'c\u0000' }],
      'count': 3,
      file,
      ['__pro\u0000to__']: { polluted: true },
    }) as Record<string, unknown>
    assert.deepEqual(cleaned.name, ['a', { b: 'c' }])
    assert.equal(cleaned.count, 3)
    assert.strictEqual(cleaned.file, file)
    assert.isUndefined((cleaned as { polluted?: boolean }).polluted)
    assert.strictEqual(Object.getPrototypeOf(cleaned), Object.prototype)
  })
})
