import { test } from '@japa/runner'
import { IncomingMessage } from 'node:http'
import { Socket } from 'node:net'
import { Exception } from '@adonisjs/core/exceptions'
import testUtils from '@adonisjs/core/services/test_utils'
import HttpExceptionHandler from '#exceptions/handler'

test.group('Requests over the body limit', () => {
  // Sending 40 MB for real races the server's early answer against the upload (EPIPE on the client):
  // the handler is tested with the body parser's own error instead.
  test('the body parser’s "entity too large" becomes a French 413 page, not an error page', async ({
    assert,
  }) => {
    const req = new IncomingMessage(new Socket())
    req.url = '/demarches/nous-contacter/1/etape/1'
    req.method = 'POST'
    req.headers = { accept: 'text/html' }
    const ctx = await testUtils.createHttpContext({ req })
    const error = new Exception('request entity too large', {
      code: 'E_REQUEST_ENTITY_TOO_LARGE',
      status: 413,
    })
    await new HttpExceptionHandler().handle(error, ctx)
    assert.equal(ctx.response.getStatus(), 413)
    assert.include(String(ctx.response.getBody()), 'Fichier trop volumineux')
    assert.include(String(ctx.response.getBody()), 'rien n’a été enregistré')
  })
})
