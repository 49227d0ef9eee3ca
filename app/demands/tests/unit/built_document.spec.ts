import { test } from '@japa/runner'
import i18nManager from '@adonisjs/i18n/services/main'
import {
  DOCUMENT_FORMAT,
  checkDocument,
  toProcedure,
  type ProcedureDocument,
} from '#demands/procedures/built/document'
import { registerMessages } from '#demands/procedures/built/published'
import { isVisible } from '#demands/procedures/define_procedure'

function survey(): ProcedureDocument {
  return {
    format: DOCUMENT_FORMAT,
    key: 'sondage-quartier',
    title: { fr: 'Sondage {quartier} d’été', en: 'Summer survey' },
    summary: { fr: 'Votre avis compte.' },
    category: 'living_environment',
    service: 'accueil',
    filer: 'anyone',
    slaDays: 10,
    retentionMonths: 12,
    steps: [
      {
        key: 'avis',
        title: { fr: 'Votre avis' },
        fields: [
          {
            name: 'sujets',
            type: 'checkboxes',
            label: { fr: 'Sujets' },
            choices: [
              { value: 'voirie', label: { fr: 'Voirie' } },
              { value: 'parcs', label: { fr: 'Parcs' } },
            ],
          },
          {
            name: 'parc',
            type: 'text',
            label: { fr: 'Quel parc ?' },
            condition: { field: 'sujets', operator: 'contains', value: 'parcs' },
          },
          {
            name: 'ailleurs',
            type: 'text',
            label: { fr: 'Autre remarque' },
            condition: { field: 'sujets', operator: 'is_not', value: 'voirie' },
          },
        ],
      },
    ],
  }
}

const context = { services: ['accueil'], workflows: ['default'] }

test.group('A built procedure’s definition document', () => {
  test('a valid document passes the checks and becomes a procedure whose texts are shown as typed, braces and apostrophes included', async ({
    assert,
  }) => {
    assert.deepEqual(checkDocument(survey(), context), [])
    const { procedure, messages } = toProcedure(survey(), 3)
    assert.equal(procedure.version, 3)
    assert.isUndefined(procedure.hooks)
    await registerMessages(messages)
    assert.equal(i18nManager.locale('fr').t(procedure.title), 'Sondage {quartier} d’été')
    assert.equal(i18nManager.locale('en').t(procedure.title), 'Summer survey')
    // No English given: the French text.
    assert.equal(i18nManager.locale('en').t(procedure.summary), 'Votre avis compte.')
  })

  test('"contains" and "is not" conditions show a field for the answers they name', ({
    assert,
  }) => {
    const { procedure } = toProcedure(survey(), 1)
    const [, parc, ailleurs] = procedure.steps[0].fields
    assert.isTrue(isVisible(parc, { sujets: ['voirie', 'parcs'] }))
    assert.isFalse(isVisible(parc, { sujets: ['voirie'] }))
    assert.isTrue(isVisible(ailleurs, { sujets: 'parcs' }))
    assert.isFalse(isVisible(ailleurs, { sujets: 'voirie' }))
  })

  test('an unknown field type, a condition on a missing field, an unknown service and a file over the engine’s size are each reported', ({
    assert,
  }) => {
    const broken = survey()
    broken.service = 'piscine'
    broken.steps[0].fields[0].type = 'script' as never
    broken.steps[0].fields[1].condition!.field = 'disparu'
    broken.steps[0].fields.push({
      name: 'photo',
      type: 'file',
      label: { fr: 'Photo' },
      maxSizeMb: 50,
    })
    const keys = checkDocument(broken, context).map((problem) => problem.key.split('.').pop())
    assert.includeMembers(keys, ['service', 'field_type', 'condition_field', 'file_size'])
  })

  test('a condition may only look at an earlier field', ({ assert }) => {
    const later = survey()
    later.steps[0].fields.reverse()
    const problems = checkDocument(later, context)
    assert.deepInclude(problems, {
      key: 'demands.built.errors.condition_field',
      data: { label: 'Quel parc ?', field: 'sujets' },
    })
  })
})
