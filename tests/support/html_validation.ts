import { readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import {
  definePlugin,
  HtmlValidate,
  Rule,
  type AttributeEvent,
  type ConfigData,
  type DOMReadyEvent,
} from 'html-validate'

/**
 * Attributes only a JavaScript framework understands (`x-data`, `@click`,
 * `:class`, `hx-get`…) are not HTML. html-validate lets the usual ones
 * through its `no-unknown-attributes` rule; the W3C checker does not. Ours
 * use the `data-` forms htmx and Alpine accept (`data-hx-get`, `data-x-data`).
 */
class NoFrameworkAttributes extends Rule {
  documentation() {
    return {
      description:
        'Framework attributes are not valid HTML: use their data- forms (data-hx-*, data-x-*).',
    }
  }

  setup() {
    this.on('attr', (event: AttributeEvent) => {
      if (/^(hx-|x-|@|:|\[|ng-|v-)/i.test(event.key)) {
        this.report(
          event.target,
          `Attribute "${event.key}" is not valid HTML: use "data-${event.key.replace(/^[@:[]/, '')}"`,
          event.keyLocation
        )
      }
    })
  }
}

/**
 * The W3C checker's rule that html-validate lacks: a required single-choice
 * <select> must start with an empty "placeholder" option, or the first real
 * value is sent by whoever did not choose.
 */
class RequiredSelectPlaceholder extends Rule {
  documentation() {
    return {
      description:
        'The first option of a required <select> must have an empty value (a placeholder such as "Choisir…").',
    }
  }

  setup() {
    this.on('dom:ready', (event: DOMReadyEvent) => {
      for (const select of event.document.querySelectorAll('select[required]')) {
        if (select.hasAttribute('multiple') || Number(select.getAttributeValue('size') ?? '1') > 1)
          continue
        const first = select.childElements.find(
          (child) => child.tagName === 'option' || child.tagName === 'optgroup'
        )
        if (!first || first.tagName !== 'option') continue
        const value = first.hasAttribute('value')
          ? first.getAttributeValue('value')
          : first.textContent
        if (value !== '' && first.textContent.trim() !== '') {
          this.report(
            first,
            `The first option of the required <select name="${select.getAttributeValue('name') ?? ''}"> is a real value: start with an empty option`
          )
        }
      }
    })
  }
}

const plugin = definePlugin({
  name: 'parvis',
  rules: {
    'parvis/no-framework-attributes': NoFrameworkAttributes,
    'parvis/required-select-placeholder': RequiredSelectPlaceholder,
  },
})

/** The repository's config (.htmlvalidate.json, also read by `npx html-validate`) plus the rule above. */
function config(): ConfigData {
  const base = JSON.parse(readFileSync(app.makePath('.htmlvalidate.json'), 'utf8')) as ConfigData
  return {
    ...base,
    root: true,
    plugins: [...(base.plugins ?? []), plugin],
    rules: {
      ...base.rules,
      'parvis/no-framework-attributes': 'error',
      'parvis/required-select-placeholder': 'error',
    },
  }
}

let validator: HtmlValidate | null = null

/** Every error html-validate finds in a page, one line each ("line:column rule: message"), or none. */
export async function htmlErrors(html: string): Promise<string[]> {
  validator ??= new HtmlValidate(config())
  const report = await validator.validateString(html)
  return report.results.flatMap((result) =>
    result.messages
      .filter((message) => message.severity === 2)
      .map(
        (message) =>
          `${message.line}:${message.column} ${message.ruleId}: ${message.message}${message.selector ? ` (${message.selector})` : ''}`
      )
  )
}
