import type { HttpContext } from '@adonisjs/core/http'
import { administer } from '#accounts/abilities'
import modules from '#core/services/modules'
import { readSettings } from '#core/services/settings'
import { declaredSettings } from '#core/modules/settings'
import { notFoundPage } from '#core/services/not_found'
import { changeSettings } from '#back_office/actions/change_settings'
import { parseSettingsForm, settingFields } from '#back_office/services/settings_form'

/** The enabled modules that declare settings: a disabled brick's are not shown, nor accepted. */
function modulesWithSettings() {
  return modules
    .enabledModules()
    .filter(({ definition }) => Object.keys(declaredSettings(definition)).length > 0)
}

/**
 * /agents/admin/reglages: every setting the enabled modules declare, grouped
 * by module (one form each), with the value in force and the default; a
 * change is checked by the setting's own definition and audited.
 */
export default class SettingsController {
  async show({ view, bouncer, i18n }: HttpContext) {
    await bouncer.authorize(administer)
    const groups = []
    for (const { definition } of modulesWithSettings()) {
      const definitions = declaredSettings(definition)
      const values = await readSettings(definition.name, definitions)
      groups.push({
        module: definition.name,
        label: definition.label ? i18n.t(definition.label) : definition.name,
        fields: settingFields(definition.name, definitions, values, i18n),
      })
    }
    return view.render('back_office::admin/settings', { groups })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.authorize(administer)
    const found = modulesWithSettings().find(
      ({ definition }) => definition.name === ctx.params.module
    )
    if (!found) return notFoundPage(ctx)
    const module = found.definition.name
    const definitions = declaredSettings(found.definition)
    const changes = parseSettingsForm(module, definitions, ctx.request.all(), ctx.i18n)
    const changed = await changeSettings(ctx.auth.use('agent').getUserOrFail(), module, changes)
    const saved = changed.length ? 'back_office.settings.saved' : 'back_office.settings.unchanged'
    ctx.session.flash('success', saved)
    return ctx.response.redirect().status(303).toPath(`/agents/admin/reglages#reglages-${module}`)
  }
}
