import { test } from '@japa/runner'
import { csvChunks, keysetBatches } from '#core/services/csv_download'

test.group('CSV downloads', () => {
  test('a table is read by key, batch after batch, and stops after the last short batch', async ({
    assert,
  }) => {
    const table = Array.from({ length: 7 }, (_, index) => ({ id: (index + 1) * 10 }))
    const asked: number[] = []
    const batches: number[][] = []
    for await (const rows of keysetBatches(async (afterId, size) => {
      asked.push(afterId)
      return table.filter((row) => row.id > afterId).slice(0, size)
    }, 3))
      batches.push(rows.map((row) => row.id))
    assert.deepEqual(batches, [[10, 20, 30], [40, 50, 60], [70]])
    assert.deepEqual(asked, [0, 30, 60])
  })

  test('the file starts with a byte-order mark and a header, and reports its row count at the end', async ({
    assert,
  }) => {
    let reported: number | null = null
    async function* batches() {
      yield [{ id: 1, name: 'Lefèvre', amount: 12.5 }]
      yield [{ id: 2, name: '=HYPERLINK()', amount: 3 }]
    }
    let text = ''
    for await (const chunk of csvChunks({
      name: 'test',
      header: ['Nom', 'Montant'],
      batches: batches(),
      toCells: (row) => [row.name, row.amount],
      onDone: async (count) => {
        reported = count
      },
    }))
      text += chunk
    assert.equal(text, "\uFEFFNom;Montant\r\nLefèvre;12,5\r\n'=HYPERLINK();3\r\n")
    assert.equal(reported, 2)
  })
})
