import { setting } from '#core/modules/settings'

/**
 * Who must log in with a second factor (read by
 * #back_office/services/second_factor_login). Not required by default: the
 * city decides once its agents have an authenticator application (many have
 * no work phone, and an agent cannot be made to use a personal one), as
 * GitHub, GitLab or Google Workspace leave it to the organisation; until
 * admins are required, `parvis:doctor` warns. Every agent may enrol anyway.
 */
export const backOfficeSettings = {
  secondFactorRequired: setting.choice({
    choices: ['none', 'admins', 'all'] as const,
    default: 'none',
  }),
}
