import { defineProcedure } from '#demands/procedures/define_procedure'

export const AID_PROCEDURE = 'aide-ponctuelle'

/**
 * A one-off aid request (food, energy, school costs): the need, the
 * household, its monthly resources and charges, proofs and the consent to
 * the processing of the data. Confidential: only the social service's
 * agents see it, every opening is audited (the core's confidentiality).
 */
export const aidRequestProcedure = defineProcedure({
  key: AID_PROCEDURE,
  title: 'social.aid.procedure.title',
  summary: 'social.aid.procedure.summary',
  category: 'solidarity',
  keywords: 'social.aid.procedure.keywords',
  service: 'solidarites',
  filer: 'resident',
  workflow: 'social_aid',
  confidential: true,
  slaDays: 30,
  retentionMonths: 24,
  steps: [
    {
      key: 'need',
      title: 'social.aid.procedure.steps.need',
      fields: [
        {
          name: 'aidType',
          type: 'radio',
          label: 'social.aid.procedure.fields.aid_type',
          required: true,
          choices: [
            { value: 'food', label: 'social.aid.types.food' },
            { value: 'energy', label: 'social.aid.types.energy' },
            { value: 'school', label: 'social.aid.types.school' },
          ],
        },
        {
          name: 'situation',
          type: 'long_text',
          label: 'social.aid.procedure.fields.situation',
          required: true,
          maxLength: 2000,
        },
      ],
    },
    {
      key: 'household',
      title: 'social.aid.procedure.steps.household',
      fields: [
        {
          name: 'applicantBirthDate',
          type: 'date',
          label: 'social.aid.procedure.fields.birth_date',
          prefill: 'profile.birthDate',
          past: true,
        },
        {
          name: 'adults',
          type: 'number',
          label: 'social.aid.procedure.fields.adults',
          required: true,
          integer: true,
          min: 1,
          max: 20,
        },
        {
          name: 'children',
          type: 'number',
          label: 'social.aid.procedure.fields.children',
          required: true,
          integer: true,
          min: 0,
          max: 20,
        },
        {
          name: 'resources',
          type: 'number',
          label: 'social.aid.procedure.fields.resources',
          hint: 'social.aid.procedure.fields.euros_hint',
          required: true,
          integer: true,
          min: 0,
          max: 100000,
        },
        {
          name: 'charges',
          type: 'number',
          label: 'social.aid.procedure.fields.charges',
          hint: 'social.aid.procedure.fields.euros_hint',
          required: true,
          integer: true,
          min: 0,
          max: 100000,
        },
      ],
    },
    {
      key: 'proofs',
      title: 'social.aid.procedure.steps.proofs',
      fields: [
        {
          name: 'proofs',
          type: 'file',
          label: 'social.aid.procedure.fields.proofs',
          hint: 'social.aid.procedure.fields.proofs_hint',
          required: true,
          maxFiles: 5,
          maxSizeMb: 10,
          accept: ['pdf', 'jpeg', 'png'],
        },
        {
          name: 'consent',
          type: 'consent',
          label: 'social.aid.procedure.fields.consent',
          required: true,
        },
      ],
    },
  ],
})
