import type { PersonalDataDeclaration } from '#core/modules/personal_data'

/**
 * The social brick's register of vulnerable people (with the heatwave calls
 * made to them) and what a senior's registration adds. The register rests on
 * the person's consent: withdrawing the account withdraws it, so all of it goes.
 */
export const socialPersonalData: PersonalDataDeclaration[] = [
  {
    key: 'register',
    label: 'social.personal_data.register',
    tables: ['social_register_entries', 'social_alert_calls', 'social_senior_registrations'],
    async export({ userId, client }) {
      const entries = await client.from('social_register_entries').where('user_id', userId)
      const seniors = await client
        .from('social_senior_registrations')
        .join(
          'activity_registrations',
          'activity_registrations.id',
          'social_senior_registrations.registration_id'
        )
        .where('activity_registrations.user_id', userId)
        .select('social_senior_registrations.*')
      return {
        rows: [
          ...entries.map((entry) => ({
            register: entry.relation,
            firstName: entry.first_name,
            lastName: entry.last_name,
            birthDate: entry.birth_date,
            phone: entry.phone,
            address: entry.address_line,
            postalCode: entry.postal_code,
            city: entry.city,
            referent: entry.referent_name,
            referentPhone: entry.referent_phone,
            needs: entry.needs,
            consentAt: entry.consent_at,
          })),
          ...seniors.map((senior) => ({
            seniorParticipant: senior.participant_name,
            phone: senior.phone,
            emergencyContact: senior.emergency_contact,
            companion: senior.companion,
            shuttle: Boolean(senior.shuttle),
            pickupAddress: senior.pickup_address,
          })),
        ],
      }
    },
    async erase({ userId, client }) {
      await client.from('social_register_entries').where('user_id', userId).delete()
      await client
        .from('social_senior_registrations')
        .whereIn(
          'registration_id',
          client.from('activity_registrations').where('user_id', userId).select('id')
        )
        .delete()
    },
  },
]
