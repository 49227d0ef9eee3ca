import { test } from '@japa/runner'
import i18nManager from '@adonisjs/i18n/services/main'
import { defaultWorkflow } from '#workflow/default_workflow'
import {
  availableTransitions,
  defineWorkflow,
  planTransition,
  TransitionError,
  type Actor,
} from '#workflow/define_workflow'

const agent: Actor = { kind: 'agent', role: 'agent' }
const supervisor: Actor = { kind: 'agent', role: 'supervisor' }
const resident: Actor = { kind: 'resident' }

function reasonOf(action: () => unknown) {
  try {
    action()
    return null
  } catch (error) {
    return error instanceof TransitionError ? error.reason : String(error)
  }
}

test.group('Default workflow', () => {
  test('an agent takes a new demand on, asks for information, the resident answers, the agent accepts', ({
    assert,
  }) => {
    let state = defaultWorkflow.initial
    state = planTransition(defaultWorkflow, state, 'start_review', agent).to.key
    assert.equal(state, 'in_review')
    const asked = planTransition(
      defaultWorkflow,
      state,
      'request_information',
      agent,
      'Merci de joindre un justificatif de domicile.'
    )
    assert.deepEqual(asked.effects, { notifyResident: true, sla: 'pause' })
    assert.isTrue(asked.transition.commentVisibleToResident)
    state = planTransition(
      defaultWorkflow,
      asked.to.key,
      'answer',
      resident,
      'Voici le justificatif.'
    ).to.key
    const accepted = planTransition(defaultWorkflow, state, 'accept', agent)
    assert.equal(accepted.to.key, 'accepted')
    assert.isTrue(accepted.to.closed)
  })

  test('who may do what from each state', ({ assert }) => {
    const keys = (from: string, actor: Actor) =>
      availableTransitions(defaultWorkflow, from, actor).map((transition) => transition.key)
    assert.deepEqual(keys('submitted', agent), [
      'start_review',
      'request_information',
      'accept',
      'refuse',
    ])
    assert.deepEqual(keys('submitted', supervisor), [
      'start_review',
      'request_information',
      'accept',
      'refuse',
      'close',
    ])
    assert.deepEqual(keys('needs_information', resident), ['answer', 'withdraw'])
    assert.deepEqual(keys('in_review', resident), ['withdraw'])
    assert.deepEqual(keys('accepted', resident), [])
    assert.deepEqual(keys('refused', agent), [])
    assert.deepEqual(keys('refused', supervisor), ['reopen'])
  })

  test('a transition is refused when not allowed from that state, for that actor, or without its comment', ({
    assert,
  }) => {
    assert.equal(
      reasonOf(() => planTransition(defaultWorkflow, 'accepted', 'refuse', agent, 'Non')),
      'not_allowed'
    )
    assert.equal(
      reasonOf(() => planTransition(defaultWorkflow, 'in_review', 'accept', resident)),
      'not_allowed'
    )
    assert.equal(
      reasonOf(() => planTransition(defaultWorkflow, 'in_review', 'close', agent, 'Doublon')),
      'not_allowed'
    )
    assert.equal(
      reasonOf(() => planTransition(defaultWorkflow, 'in_review', 'refuse', agent, '   ')),
      'comment_required'
    )
    assert.equal(
      reasonOf(() => planTransition(defaultWorkflow, 'in_review', 'teleport', agent)),
      'unknown'
    )
  })

  test('every state and transition has its label in French and English', ({ assert }) => {
    const keys = [
      ...defaultWorkflow.states.flatMap((state) => [state.residentLabel, state.agentLabel]),
      ...defaultWorkflow.transitions.map((transition) => transition.label),
    ]
    for (const locale of ['fr', 'en']) {
      const i18n = i18nManager.locale(locale)
      for (const key of keys) assert.isTrue(i18n.hasMessage(key), `${locale}: ${key}`)
    }
  })

  test('every workflow lets the resident withdraw an open demand, with a reason, into a closed state', ({
    assert,
  }) => {
    const small = defineWorkflow({
      name: 'small',
      initial: 'open',
      states: [
        { key: 'open', residentLabel: 'x', agentLabel: 'x' },
        { key: 'done', residentLabel: 'x', agentLabel: 'x', closed: true },
      ],
      transitions: [{ key: 'finish', label: 'x', from: ['open'], to: 'done', by: ['agent'] }],
    })
    const withdrawn = planTransition(small, 'open', 'withdraw', resident, 'Je déménage.')
    assert.equal(withdrawn.to.key, 'withdrawn')
    assert.isTrue(withdrawn.to.closed)
    assert.isTrue(withdrawn.transition.commentVisibleToResident)
    assert.equal(
      reasonOf(() => planTransition(small, 'open', 'withdraw', resident, ' ')),
      'comment_required'
    )
    assert.equal(
      reasonOf(() => planTransition(small, 'done', 'withdraw', resident, 'Non')),
      'not_allowed'
    )
    assert.equal(
      reasonOf(() => planTransition(small, 'open', 'withdraw', agent, 'Non')),
      'not_allowed'
    )
  })

  test('a workflow naming an unknown state fails at load time', ({ assert }) => {
    assert.throws(
      () =>
        defineWorkflow({
          name: 'broken',
          initial: 'a',
          states: [{ key: 'a', residentLabel: 'x', agentLabel: 'x' }],
          transitions: [{ key: 'go', label: 'x', from: ['a'], to: 'b', by: ['agent'] }],
        }),
      /unknown state "b"/
    )
  })
})
