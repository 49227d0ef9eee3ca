import { test } from '@japa/runner'
import vine from '@vinejs/vine'
import {
  formLimits,
  formValidator,
  maxLengths,
  NUMBER_INPUT_MAXLENGTH,
  singleLineText,
} from '#core/services/validation'

test.group('The maxlength of each text box, read from its validator', () => {
  test('string fields give their maxLength, nested ones a dotted name, numbers the number box length; others none', ({
    assert,
  }) => {
    const validator = vine.compile(
      vine.object({
        firstName: singleLineText(100).minLength(1),
        email: vine.string().trim().maxLength(254).email().optional(),
        address: vine.object({
          line: vine.string().maxLength(200),
          postalCode: vine
            .string()
            .maxLength(5)
            .regex(/^\d{5}$/),
        }),
        persons: vine.number().range([1, 5]),
        kind: vine.enum(['adult', 'child']),
        consent: vine.boolean(),
      })
    )
    assert.deepEqual(maxLengths(validator), {
      'firstName': 100,
      'email': 254,
      'address.line': 200,
      'address.postalCode': 5,
      'persons': NUMBER_INPUT_MAXLENGTH,
    })
  })

  test('a named form gives its limits to views; an unknown name is an error, not a box without limit', ({
    assert,
  }) => {
    formValidator('test.limits', vine.compile(vine.object({ body: vine.string().maxLength(5000) })))
    assert.deepEqual(formLimits('test.limits'), { body: 5000 })
    assert.throws(() => formLimits('test.unknown'), /No form validator is named "test.unknown"/)
  })

  test('a one-line text folds the line breaks and tabs a forged request puts in it', async ({
    assert,
  }) => {
    const validator = vine.compile(vine.object({ city: singleLineText(100) }))
    assert.deepEqual(await validator.validate({ city: ' Évry\r\n\tCourcouronnes ' }), {
      city: 'Évry Courcouronnes',
    })
  })
})
