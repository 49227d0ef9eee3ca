import { defineWorkflow } from '#workflow/define_workflow'

/**
 * The workflow of a procedure that declares none: submitted → in review →
 * information requested ↔ answered → accepted / refused / closed.
 */
export const defaultWorkflow = defineWorkflow({
  name: 'default',
  initial: 'submitted',
  states: [
    {
      key: 'submitted',
      residentLabel: 'workflow.states.submitted.resident',
      agentLabel: 'workflow.states.submitted.agent',
    },
    {
      key: 'in_review',
      residentLabel: 'workflow.states.in_review.resident',
      agentLabel: 'workflow.states.in_review.agent',
    },
    {
      key: 'needs_information',
      residentLabel: 'workflow.states.needs_information.resident',
      agentLabel: 'workflow.states.needs_information.agent',
    },
    {
      key: 'accepted',
      residentLabel: 'workflow.states.accepted.resident',
      agentLabel: 'workflow.states.accepted.agent',
      closed: true,
    },
    {
      key: 'refused',
      residentLabel: 'workflow.states.refused.resident',
      agentLabel: 'workflow.states.refused.agent',
      closed: true,
    },
    {
      key: 'closed',
      residentLabel: 'workflow.states.closed.resident',
      agentLabel: 'workflow.states.closed.agent',
      closed: true,
    },
  ],
  transitions: [
    {
      key: 'start_review',
      label: 'workflow.transitions.start_review',
      from: ['submitted'],
      to: 'in_review',
      by: ['agent'],
      effects: { notifyResident: true },
    },
    {
      key: 'request_information',
      label: 'workflow.transitions.request_information',
      from: ['submitted', 'in_review'],
      to: 'needs_information',
      by: ['agent'],
      commentRequired: true,
      commentVisibleToResident: true,
      effects: { notifyResident: true, sla: 'pause' },
    },
    {
      key: 'answer',
      label: 'workflow.transitions.answer',
      from: ['needs_information'],
      to: 'in_review',
      by: ['resident'],
      commentRequired: true,
      commentVisibleToResident: true,
      effects: { sla: 'start' },
    },
    {
      key: 'accept',
      label: 'workflow.transitions.accept',
      from: ['submitted', 'in_review'],
      to: 'accepted',
      by: ['agent'],
      commentVisibleToResident: true,
      effects: { notifyResident: true, sla: 'stop' },
    },
    {
      key: 'refuse',
      label: 'workflow.transitions.refuse',
      from: ['submitted', 'in_review', 'needs_information'],
      to: 'refused',
      by: ['agent'],
      commentRequired: true,
      commentVisibleToResident: true,
      effects: { notifyResident: true, sla: 'stop' },
    },
    {
      key: 'close',
      label: 'workflow.transitions.close',
      from: ['submitted', 'in_review', 'needs_information'],
      to: 'closed',
      by: ['supervisor', 'system'],
      commentRequired: true,
      commentVisibleToResident: true,
      effects: { notifyResident: true, sla: 'stop' },
    },
    {
      key: 'reopen',
      label: 'workflow.transitions.reopen',
      from: ['accepted', 'refused', 'closed'],
      to: 'in_review',
      by: ['supervisor'],
      commentRequired: true,
      effects: { sla: 'start' },
    },
  ],
})
