import { test } from '@japa/runner'
import { kindOfStoredName, nameForKind } from '#demands/procedures/sniff_file'

test.group('Names files are given back under', () => {
  test('the extension is the one of what the file is; a right one, in any spelling, is kept', ({
    assert,
  }) => {
    assert.equal(nameForKind('facture.cmd', 'pdf'), 'facture.pdf')
    assert.equal(nameForKind('polyglot.html', 'pdf'), 'polyglot.pdf')
    assert.equal(nameForKind('justificatif.pdf.exe', 'pdf'), 'justificatif.pdf.pdf')
    assert.equal(nameForKind('scan', 'jpeg'), 'scan.jpg')
    assert.equal(nameForKind('Photo.JPEG', 'jpeg'), 'Photo.JPEG')
    assert.equal(nameForKind('plan.png', 'png'), 'plan.png')
    assert.equal(nameForKind('.htaccess', 'pdf'), '.htaccess.pdf')
    assert.equal(nameForKind('...', 'pdf'), 'fichier.pdf')
  })

  test('the kind of a stored file is read from its storage key', ({ assert }) => {
    assert.equal(kindOfStoredName('demands/12/6c1f0e9a-2b9c-4f4e-9d55-0e0c7f3d1a2b.pdf'), 'pdf')
    assert.equal(kindOfStoredName('documents/quotients/3/abc.jpg'), 'jpeg')
    assert.isNull(kindOfStoredName('demands/12/abc'))
    assert.isNull(kindOfStoredName('demands/12.pdf/abc'))
  })
})
