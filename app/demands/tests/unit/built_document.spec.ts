import { test } from '@japa/runner'
import i18nManager from '@adonisjs/i18n/services/main'
import {
  DOCUMENT_FORMAT,
  checkDocument,
  defaultWorkflowCopy,
  toProcedure,
  type BuiltWorkflow,
  type ProcedureDocument,
} from '#demands/procedures/built/document'
import { registerMessages } from '#demands/procedures/built/published'
import { isVisible } from '#demands/procedures/define_procedure'
import { availableTransitions, planTransition } from '#workflow/define_workflow'

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

/** A room booking's circuit: received → under review → room booked / refused. */
function roomCircuit(): BuiltWorkflow {
  return {
    initial: 'recue',
    states: [
      { key: 'recue', label: { fr: 'Reçue', en: 'Received' } },
      { key: 'en_instruction', label: { fr: 'En instruction' } },
      { key: 'salle_reservee', label: { fr: 'Salle réservée' }, closed: true },
      { key: 'refusee', label: { fr: 'Refusée' }, closed: true },
    ],
    transitions: [
      {
        key: 'instruire',
        label: { fr: 'Instruire' },
        from: ['recue'],
        to: 'en_instruction',
        by: 'agent',
        notifyResident: true,
      },
      {
        key: 'reserver',
        label: { fr: 'Réserver la salle' },
        from: ['en_instruction'],
        to: 'salle_reservee',
        by: 'agent',
        notifyResident: true,
      },
      {
        key: 'refuser',
        label: { fr: 'Refuser' },
        from: ['recue', 'en_instruction'],
        to: 'refusee',
        by: 'agent',
        commentRequired: true,
        commentVisibleToResident: true,
      },
    ],
  }
}

const problemsOf = (workflow: BuiltWorkflow) => checkDocument({ ...survey(), workflow }, context)

test.group('A built procedure’s own workflow', () => {
  test('a drawn workflow passes the checks and becomes a versioned workflow whose labels are the admin’s texts', async ({
    assert,
  }) => {
    assert.deepEqual(problemsOf(roomCircuit()), [])
    const { procedure, messages, workflow } = toProcedure(
      { ...survey(), workflow: roomCircuit() },
      4
    )
    assert.equal(procedure.workflow, 'built.sondage-quartier.v4')
    assert.equal(workflow!.name, 'built.sondage-quartier.v4')
    await registerMessages(messages)
    const fr = i18nManager.locale('fr')
    const en = i18nManager.locale('en')
    const received = workflow!.states.find((state) => state.key === 'recue')!
    assert.equal(fr.t(received.agentLabel), 'Reçue')
    assert.equal(en.t(received.residentLabel), 'Received')
    const agent = { kind: 'agent', role: 'agent' } as const
    assert.deepEqual(
      availableTransitions(workflow!, 'en_instruction', agent).map((t) => t.key),
      ['reserver', 'refuser']
    )
    assert.equal(fr.t(availableTransitions(workflow!, 'recue', agent)[0].label), 'Instruire')
    // The engine adds the resident's withdrawal, and the SLA clock stops on a closing.
    assert.isTrue(workflow!.states.some((state) => state.key === 'withdrawn'))
    const plan = planTransition(workflow!, 'en_instruction', 'reserver', agent)
    assert.equal(plan.to.key, 'salle_reservee')
    assert.deepEqual(plan.effects, { notifyResident: true, sla: 'stop' })
    assert.throws(() => planTransition(workflow!, 'recue', 'refuser', agent, ''))
  })

  test('a document naming no workflow keeps the default one', ({ assert }) => {
    const { procedure, workflow } = toProcedure(survey(), 2)
    assert.isUndefined(procedure.workflow)
    assert.isUndefined(workflow)
  })

  test('a transition to a deleted state is refused naming both in French', ({ assert }) => {
    const circuit = roomCircuit()
    circuit.states = circuit.states.filter((state) => state.key !== 'salle_reservee')
    assert.deepInclude(problemsOf(circuit), {
      key: 'demands.built.errors.transition_state',
      data: { transition: 'Réserver la salle', state: 'salle_reservee' },
    })
    const problem = problemsOf(circuit).find((p) => p.key.endsWith('transition_state'))!
    assert.equal(
      i18nManager.locale('fr').t(problem.key, problem.data),
      'L’action « Réserver la salle » mène ou part de l’état « salle_reservee », qui n’existe pas.'
    )
  })

  test('no initial state, a state out of reach, an open state with no way out and keys used twice are each reported', ({
    assert,
  }) => {
    const noInitial = roomCircuit()
    noInitial.initial = 'disparu'
    assert.deepInclude(problemsOf(noInitial), { key: 'demands.built.errors.no_initial', data: {} })

    const stranded = roomCircuit()
    stranded.states.push({ key: 'archivee', label: { fr: 'Archivée' }, closed: true })
    stranded.states.push({ key: 'en_attente', label: { fr: 'En attente' } })
    stranded.transitions.push({
      key: 'attendre',
      label: { fr: 'Mettre en attente' },
      from: ['en_instruction'],
      to: 'en_attente',
      by: 'agent',
    })
    const problems = problemsOf(stranded)
    assert.deepInclude(problems, {
      key: 'demands.built.errors.state_unreachable',
      data: { state: 'Archivée' },
    })
    assert.deepInclude(problems, {
      key: 'demands.built.errors.state_dead_end',
      data: { state: 'En attente' },
    })

    const twice = roomCircuit()
    twice.states.push({ key: 'recue', label: { fr: 'Reçue encore' } })
    twice.transitions.push({ ...twice.transitions[0], label: { fr: 'Instruire encore' } })
    const keys = problemsOf(twice)
    assert.deepInclude(keys, {
      key: 'demands.built.errors.state_key',
      data: { state: 'Reçue encore' },
    })
    assert.deepInclude(keys, {
      key: 'demands.built.errors.transition_key',
      data: { transition: 'Instruire encore' },
    })
  })

  test('the engine’s reserved withdrawal and an actor it does not know are refused', ({
    assert,
  }) => {
    const circuit = roomCircuit()
    circuit.states.push({ key: 'withdrawn', label: { fr: 'Retirée' }, closed: true })
    circuit.transitions[0].by = 'system' as never
    const keys = problemsOf(circuit).map((problem) => problem.key.split('.').pop())
    assert.includeMembers(keys, ['state_key', 'transition_by'])
  })

  test('a copy of the default workflow is a valid drawn workflow with the default’s labels', async ({
    assert,
  }) => {
    await i18nManager.loadTranslations()
    const copy = defaultWorkflowCopy((key, locale) => i18nManager.locale(locale).t(key))
    assert.deepEqual(problemsOf(copy), [])
    assert.notInclude(
      copy.states.map((state) => state.key),
      'withdrawn'
    )
    assert.equal(copy.states.find((state) => state.key === 'in_review')!.label.fr, 'En instruction')
    const answer = copy.transitions.find((transition) => transition.key === 'answer')!
    assert.equal(answer.by, 'resident')
  })
})
