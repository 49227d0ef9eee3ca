import { defineProcedure } from '#demands/procedures/define_procedure'

export const STREET_DECREE_REQUEST = 'demande-arrete-voirie'

/**
 * "Demande d'arrêté de voirie": a resident asks for the street space a moving
 * van, a skip or a scaffolding needs. The police service examines it in the
 * inbox; once accepted, an agent generates the individual decree (register
 * number, PDF) from the brick's page of the demand.
 */
export const streetDecreeRequest = defineProcedure({
  key: STREET_DECREE_REQUEST,
  title: 'police.decrees.request.title',
  summary: 'police.decrees.request.summary',
  category: 'safety',
  keywords: 'police.decrees.request.keywords',
  service: 'tranquillite_publique',
  filer: 'resident',
  slaDays: 10,
  retentionMonths: 24,
  steps: [
    {
      key: 'occupation',
      title: 'police.decrees.request.steps.occupation',
      fields: [
        {
          name: 'purpose',
          type: 'radio',
          label: 'police.decrees.request.fields.purpose',
          required: true,
          choices: [
            { value: 'demenagement', label: 'police.decrees.request.purposes.demenagement' },
            { value: 'benne', label: 'police.decrees.request.purposes.benne' },
            { value: 'echafaudage', label: 'police.decrees.request.purposes.echafaudage' },
          ],
        },
        {
          name: 'street',
          type: 'text',
          label: 'police.decrees.request.fields.street',
          hint: 'police.decrees.request.fields.street_hint',
          required: true,
          maxLength: 150,
        },
        {
          name: 'startsOn',
          type: 'date',
          label: 'police.decrees.request.fields.starts_on',
          required: true,
          future: true,
        },
        {
          name: 'endsOn',
          type: 'date',
          label: 'police.decrees.request.fields.ends_on',
          required: true,
          future: true,
        },
        {
          name: 'kerbMeters',
          type: 'number',
          label: 'police.decrees.request.fields.kerb_meters',
          required: true,
          min: 1,
          max: 100,
          integer: true,
        },
        {
          name: 'vehicle',
          type: 'text',
          label: 'police.decrees.request.fields.vehicle',
          hint: 'police.decrees.request.fields.vehicle_hint',
          maxLength: 100,
        },
      ],
    },
  ],
})
