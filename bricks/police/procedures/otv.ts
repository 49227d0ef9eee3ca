import { defineProcedure } from '#demands/procedures/define_procedure'
import { checkDeclaration, recordDeclaration } from '../services/otv_declaration.js'
import { checkAddress } from '../services/otv_address.js'
import { manageLink } from '../services/otv_links.js'

const HOME_TYPES = ['house', 'flat', 'other'] as const

/**
 * "Opération Tranquillité Vacances": a resident (with or without an account)
 * tells the municipal police when their home will be empty; the patrols
 * watch it from departure to return. Filed at /demarches/tranquillite-vacances
 * (linked from /police-municipale/tranquillite-vacances).
 */
export const otvProcedure = defineProcedure({
  key: 'tranquillite-vacances',
  title: 'police.otv.procedure.title',
  summary: 'police.otv.procedure.summary',
  category: 'safety',
  keywords: 'police.otv.procedure.keywords',
  service: 'tranquillite_publique',
  filer: 'anyone',
  slaDays: 2,
  retentionMonths: 6,
  steps: [
    {
      key: 'address',
      title: 'police.otv.steps.address',
      // looked up in the national address base; the street found must be the city's (its sector)
      check: checkAddress,
      fields: [
        {
          name: 'streetNumber',
          type: 'number',
          label: 'police.otv.fields.streetNumber',
          required: true,
          integer: true,
          min: 1,
          max: 9999,
        },
        {
          name: 'street',
          type: 'text',
          label: 'police.otv.fields.street',
          hint: 'police.otv.fields.street_hint',
          required: true,
          maxLength: 150,
        },
        {
          name: 'complement',
          type: 'text',
          label: 'police.otv.fields.complement',
          maxLength: 150,
        },
      ],
    },
    {
      key: 'dates',
      title: 'police.otv.steps.dates',
      fields: [
        {
          name: 'departure',
          type: 'date',
          label: 'police.otv.fields.departure',
          hint: 'police.otv.fields.departure_hint',
          required: true,
          future: true,
        },
        {
          name: 'return',
          type: 'date',
          label: 'police.otv.fields.return',
          required: true,
          future: true,
        },
        {
          name: 'reachPhone',
          type: 'phone',
          label: 'police.otv.fields.reachPhone',
          hint: 'police.otv.fields.reachPhone_hint',
          required: true,
        },
      ],
    },
    {
      key: 'home',
      title: 'police.otv.steps.home',
      fields: [
        {
          name: 'homeType',
          type: 'radio',
          label: 'police.otv.fields.homeType',
          required: true,
          choices: HOME_TYPES.map((value) => ({ value, label: `police.otv.home_types.${value}` })),
        },
        { name: 'alarm', type: 'yes_no', label: 'police.otv.fields.alarm', required: true },
        {
          name: 'alarmCompany',
          type: 'text',
          label: 'police.otv.fields.alarmCompany',
          maxLength: 150,
          showWhen: { field: 'alarm', equals: true },
        },
        {
          name: 'keyHolderName',
          type: 'text',
          label: 'police.otv.fields.keyHolderName',
          hint: 'police.otv.fields.keyHolderName_hint',
          maxLength: 150,
        },
        {
          name: 'keyHolderPhone',
          type: 'phone',
          label: 'police.otv.fields.keyHolderPhone',
          showWhen: { field: 'keyHolderName', filled: true },
        },
        { name: 'vehicles', type: 'text', label: 'police.otv.fields.vehicles', maxLength: 300 },
        { name: 'pets', type: 'text', label: 'police.otv.fields.pets', maxLength: 300 },
        {
          name: 'instructions',
          type: 'long_text',
          label: 'police.otv.fields.instructions',
          hint: 'police.otv.fields.instructions_hint',
          maxLength: 1000,
        },
      ],
    },
    {
      key: 'consent',
      title: 'police.otv.steps.consent',
      fields: [
        {
          name: 'consent',
          type: 'consent',
          label: 'police.otv.fields.consent',
          required: true,
        },
      ],
    },
  ],
  hooks: {
    beforeSubmit: (answers, context) => checkDeclaration(answers, context),
    afterSubmit: (demand, context) => recordDeclaration(demand, context),
    // with or without an account, the receipt mail carries the signed link to manage the absence
    receiptLink: ({ reference }) => ({
      label: 'police.otv.manage_link',
      url: manageLink(reference),
    }),
  },
})
