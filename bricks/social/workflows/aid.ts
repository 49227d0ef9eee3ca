import { defineWorkflow } from '#workflow/define_workflow'

/**
 * A one-off aid request: examined by the social service, put before the
 * commission on a date, then granted with an amount or refused with a
 * reason. The commission and the decision are recorded on the brick's
 * decision page (they carry a date, an amount): their transitions are fired
 * by it, never from the generic demand page.
 */
export const aidWorkflow = defineWorkflow({
  name: 'social_aid',
  initial: 'submitted',
  states: [
    {
      key: 'submitted',
      residentLabel: 'social.aid.states.submitted.resident',
      agentLabel: 'social.aid.states.submitted.agent',
    },
    {
      key: 'examination',
      residentLabel: 'social.aid.states.examination.resident',
      agentLabel: 'social.aid.states.examination.agent',
    },
    {
      key: 'commission',
      residentLabel: 'social.aid.states.commission.resident',
      agentLabel: 'social.aid.states.commission.agent',
    },
    {
      key: 'granted',
      residentLabel: 'social.aid.states.granted.resident',
      agentLabel: 'social.aid.states.granted.agent',
      closed: true,
    },
    {
      key: 'refused',
      residentLabel: 'social.aid.states.refused.resident',
      agentLabel: 'social.aid.states.refused.agent',
      closed: true,
    },
  ],
  transitions: [
    {
      key: 'examine',
      label: 'social.aid.transitions.examine',
      from: ['submitted'],
      to: 'examination',
      by: ['agent'],
      effects: { notifyResident: true },
    },
    {
      key: 'schedule_commission',
      label: 'social.aid.transitions.schedule_commission',
      from: ['examination'],
      to: 'commission',
      by: ['system'],
      commentVisibleToResident: true,
      effects: { notifyResident: true },
    },
    {
      key: 'grant',
      label: 'social.aid.transitions.grant',
      from: ['commission'],
      to: 'granted',
      by: ['system'],
      commentVisibleToResident: true,
      effects: { notifyResident: true, sla: 'stop' },
    },
    {
      key: 'refuse',
      label: 'social.aid.transitions.refuse',
      from: ['commission'],
      to: 'refused',
      by: ['system'],
      commentVisibleToResident: true,
      effects: { notifyResident: true, sla: 'stop' },
    },
  ],
})
