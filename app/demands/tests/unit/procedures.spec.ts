import { test } from '@japa/runner'
import { errors } from '@vinejs/vine'
import { DateTime } from 'luxon'
import { defineProcedure, isVisible, visibleFields } from '#demands/procedures/define_procedure'
import { stepValidator } from '#demands/procedures/step_validator'
import { sniffFileKind } from '#demands/procedures/sniff_file'

const procedure = defineProcedure({
  key: 'demande-essai',
  title: 'x.title',
  summary: 'x.summary',
  category: 'other',
  service: 'accueil',
  filer: 'anyone',
  slaDays: 10,
  retentionMonths: 24,
  steps: [
    {
      key: 'situation',
      title: 'x.step1',
      fields: [
        { name: 'subject', type: 'text', label: 'x.subject', required: true },
        { name: 'hasChild', type: 'yes_no', label: 'x.has_child', required: true },
        {
          name: 'child',
          type: 'household_member',
          label: 'x.child',
          required: true,
          showWhen: { field: 'hasChild', equals: 'yes' },
        },
        {
          name: 'topics',
          type: 'checkboxes',
          label: 'x.topics',
          required: true,
          choices: [
            { value: 'school', label: 'x.school' },
            { value: 'canteen', label: 'x.canteen' },
          ],
        },
        { name: 'visitDate', type: 'date', label: 'x.date', future: true },
        {
          name: 'persons',
          type: 'number',
          label: 'x.persons',
          integer: true,
          min: 1,
          max: 5,
          required: true,
        },
        { name: 'address', type: 'address', label: 'x.address' },
        { name: 'consent', type: 'consent', label: 'x.consent', required: true },
        { name: 'proof', type: 'file', label: 'x.proof', accept: ['pdf'], maxSizeMb: 10 },
      ],
    },
  ],
})

const step = procedure.steps[0]
const context = { householdMemberIds: [7, 8], today: DateTime.fromISO('2026-11-28') }
const valid = {
  subject: 'Cantine',
  hasChild: 'yes',
  child: '7',
  topics: 'canteen',
  persons: '2',
  consent: 'on',
  visitDate: '2026-12-02',
}

async function errorsOf(input: Record<string, unknown>) {
  try {
    await stepValidator(step, input, context).validate(input)
    return {}
  } catch (error) {
    if (!(error instanceof errors.E_VALIDATION_ERROR)) throw error
    return Object.fromEntries(
      (error.messages as { field: string; rule: string }[]).map((message) => [
        message.field,
        message.rule,
      ])
    )
  }
}

test.group('Procedure definitions', () => {
  test('a valid step is accepted and typed: numbers, arrays, booleans', async ({ assert }) => {
    const output = await stepValidator(step, valid, context).validate(valid)
    assert.equal(output.persons, 2)
    assert.equal(output.child, 7)
    assert.deepEqual(output.topics, ['canteen'])
    assert.isTrue(output.consent)
  })

  test('a conditional field is required only when shown, and dropped when hidden', async ({
    assert,
  }) => {
    assert.deepEqual(await errorsOf({ ...valid, child: undefined }), { child: 'required' })
    const hidden = { ...valid, hasChild: 'no', child: '99' }
    const output = await stepValidator(step, hidden, context).validate(hidden)
    assert.notProperty(output, 'child')
    assert.isFalse(isVisible(step.fields[2], hidden))
    assert.deepEqual(
      visibleFields(step, hidden).map((field) => field.name),
      ['subject', 'hasChild', 'topics', 'visitDate', 'persons', 'address', 'consent', 'proof']
    )
  })

  test('each rule of the definition is enforced', async ({ assert }) => {
    const found = await errorsOf({
      ...valid,
      subject: '   ',
      topics: [],
      persons: '6',
      consent: 'no',
      visitDate: '2026-11-01',
      child: '99',
    })
    assert.equal(found.subject, 'minLength')
    assert.equal(found.topics, 'array.minLength')
    assert.equal(found.persons, 'max')
    assert.equal(found.consent, 'accepted')
    assert.equal(found.visitDate, 'date.afterOrEqual')
    assert.equal(found.child, 'in')
  })

  test('an address needs a five-digit postcode', async ({ assert }) => {
    const found = await errorsOf({
      ...valid,
      address: { line: '1 rue de la Paix', postalCode: '9100', city: 'Évry' },
    })
    assert.equal(found['address.postalCode'], 'regex')
  })

  test('a definition whose condition points at a later or unknown field fails at load time', ({
    assert,
  }) => {
    assert.throws(
      () =>
        defineProcedure({
          ...procedure,
          key: 'mal-definie',
          steps: [
            {
              key: 'a',
              title: 't',
              fields: [
                { name: 'a', type: 'text', label: 'l', showWhen: { field: 'b', filled: true } },
                { name: 'b', type: 'text', label: 'l' },
              ],
            },
          ],
        }),
      /depends on "b", which is not an earlier field/
    )
    assert.throws(() => defineProcedure({ ...procedure, key: 'Pas Une Clé' }), /lower-case words/)
    assert.throws(
      () =>
        defineProcedure({
          ...procedure,
          key: 'sans-choix',
          steps: [{ key: 'a', title: 't', fields: [{ name: 'kind', type: 'radio', label: 'l' }] }],
        }),
      /needs choices/
    )
  })

  test('a processing time or retention an admin could not set back fails at load time', ({
    assert,
  }) => {
    for (const [slaDays, retentionMonths] of [
      [0, 24],
      [251, 24],
      [2.5, 24],
      [10, 0],
      [10, 121],
    ]) {
      assert.throws(
        () => defineProcedure({ ...procedure, key: 'hors-bornes', slaDays, retentionMonths }),
        /must be a whole number from/,
        `${slaDays} days, ${retentionMonths} months`
      )
    }
    assert.doesNotThrow(() =>
      defineProcedure({ ...procedure, key: 'aux-bornes', slaDays: 250, retentionMonths: 120 })
    )
  })
})

test.group('File sniffing', () => {
  const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'))

  test('recognises PDF, JPEG, PNG and WebP from their first bytes', ({ assert }) => {
    assert.equal(sniffFileKind(bytes('%PDF-1.7\n')), 'pdf')
    assert.equal(sniffFileKind(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])), 'jpeg')
    assert.equal(
      sniffFileKind(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
      'png'
    )
    assert.equal(sniffFileKind(bytes('RIFF\x00\x00\x00\x00WEBPVP8 ')), 'webp')
  })

  test('an .exe renamed .pdf, an SVG and plain text are not accepted', ({ assert }) => {
    assert.isNull(sniffFileKind(bytes('MZ\x90\x00\x03\x00\x00\x00')))
    assert.isNull(
      sniffFileKind(
        bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
      )
    )
    assert.isNull(sniffFileKind(bytes('<?xml version="1.0"?><svg/>')))
    assert.isNull(sniffFileKind(bytes('bonjour')))
  })
})
