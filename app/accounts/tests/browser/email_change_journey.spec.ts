import { test } from '@japa/runner'
import User from '#accounts/models/user'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { mailbox } from '#tests/support/smtp'
import { createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'

test.group('E-mail address change without JavaScript', () => {
  test('a resident tries an address already taken, then changes to a free one and confirms it from the mail', async ({
    browser,
    assert,
  }) => {
    const user = await createResident({ email: 'rosa.parks@example.org', firstName: 'Rosa' })
    await createResident({ email: 'deja.prise@example.org' })

    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/connexion'))
      await page.getByLabel('Adresse e-mail').fill('rosa.parks@example.org')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/mon-espace/profil'))
      await page.getByRole('link', { name: 'Changer d’adresse e-mail' }).click()
      await expectHeading(page, 'Changer d’adresse e-mail')
      await assertAccessible(page, 'e-mail change form')

      await page.getByLabel('Nouvelle adresse e-mail').fill('deja.prise@example.org')
      await page.getByLabel('Mot de passe actuel').fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Envoyer le lien de confirmation' }).click()
      await page
        .locator('.error-summary')
        .getByText('Cette adresse e-mail est déjà utilisée par un autre compte')
        .waitFor()
      await page.locator('#newEmail-error').waitFor()
      await assertAccessible(page, 'e-mail change form with an address taken')
      assert.equal(
        await page.getByLabel('Nouvelle adresse e-mail').inputValue(),
        'deja.prise@example.org'
      )

      await page.getByLabel('Nouvelle adresse e-mail').fill('rosa.montgomery@example.org')
      await page.getByLabel('Mot de passe actuel').fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Envoyer le lien de confirmation' }).click()
      await page
        .getByText('Nous avons envoyé un lien de confirmation à rosa.montgomery@example.org')
        .waitFor()
      await assertAccessible(page, 'e-mail change requested')

      const mail = await mailbox.waitFor('rosa.montgomery@example.org', /Confirmez votre nouvelle/)
      await page.goto(mailbox.linkIn(mail, '/adresse-electronique/confirmation/'))
      await expectHeading(page, 'Mon profil')
      await page.getByText('Votre nouvelle adresse e-mail est confirmée').waitFor()
      await page.getByText('Adresse e-mail du compte : rosa.montgomery@example.org.').waitFor()
      await assertAccessible(page, 'profile after the change')
    })
    await mailbox.waitFor('rosa.parks@example.org', /a été modifiée/)
    assert.equal((await User.findOrFail(user.id)).email, 'rosa.montgomery@example.org')
  })
})
