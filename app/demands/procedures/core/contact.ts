import { defineProcedure } from '#demands/procedures/define_procedure'

/**
 * "Nous contacter": a question to the city, with an optional attachment.
 * Open to anyone with an e-mail address; the front desk (accueil) answers or
 * passes it on.
 */
export const contactProcedure = defineProcedure({
  key: 'nous-contacter',
  title: 'demands.contact.title',
  summary: 'demands.contact.summary',
  category: 'other',
  keywords: 'demands.contact.keywords',
  service: 'accueil',
  filer: 'anyone',
  slaDays: 10,
  retentionMonths: 12,
  steps: [
    {
      key: 'question',
      title: 'demands.contact.steps.question',
      fields: [
        {
          name: 'topic',
          type: 'select',
          label: 'demands.contact.fields.topic',
          required: true,
          choices: [
            { value: 'information', label: 'demands.contact.topics.information' },
            { value: 'documents', label: 'demands.contact.topics.documents' },
            { value: 'street', label: 'demands.contact.topics.street' },
            { value: 'other', label: 'demands.contact.topics.other' },
          ],
        },
        {
          name: 'subject',
          type: 'text',
          label: 'demands.contact.fields.subject',
          required: true,
          maxLength: 150,
        },
        {
          name: 'message',
          type: 'long_text',
          label: 'demands.contact.fields.message',
          hint: 'demands.contact.fields.message_hint',
          required: true,
          maxLength: 4000,
        },
        {
          name: 'attachment',
          type: 'file',
          label: 'demands.contact.fields.attachment',
          hint: 'demands.contact.fields.attachment_hint',
          maxFiles: 1,
          maxSizeMb: 10,
          accept: ['pdf', 'jpeg', 'png'],
        },
      ],
    },
  ],
})
