/*
 * On every start of a web server: the city services the enabled modules
 * declare exist (created once, under the module's name, editable later).
 */
import modules from '#core/services/modules'
import { installServices } from '#accounts/actions/install_services'

await installServices(modules.collect('services').map(({ item }) => item))
