import router from '@adonisjs/core/services/router'
import { middleware } from '#accounts/middleware/named'

const ResidentInvoicesController = () =>
  import('#payments/controllers/resident_invoices_controller')
const PaymentReturnController = () => import('#payments/controllers/payment_return_controller')
const AgentPaymentsController = () => import('#payments/controllers/agent_payments_controller')
const AgentInvoicesController = () => import('#payments/controllers/agent_invoices_controller')
const AgentMismatchesController = () => import('#payments/controllers/agent_mismatches_controller')
const AccountingExportController = () =>
  import('#payments/controllers/accounting_export_controller')
const id = router.matchers.number()

router
  .group(() => {
    router.get('/', [ResidentInvoicesController, 'index']).as('index')
    router.get('/:id', [ResidentInvoicesController, 'show']).as('show').where('id', id)
    router.post('/:id/payer', [ResidentInvoicesController, 'pay']).as('pay').where('id', id)
    router.get('/:id/facture.pdf', [ResidentInvoicesController, 'pdf']).as('pdf').where('id', id)
    router
      .get('/:id/paiements/:paymentId/recu.pdf', [ResidentInvoicesController, 'receipt'])
      .as('receipt')
      .where('id', id)
      .where('paymentId', id)
  })
  .prefix('/mon-espace/factures')
  .use(middleware.resident())
  .as('resident.invoices')

/* PayFiP: the payer's return and the server-to-server notification (GET or POST, idOp or idop). */
router.get('/paiement/retour', [PaymentReturnController, 'back']).as('payments.return')
router
  .get('/paiement/notification', [PaymentReturnController, 'notification'])
  .as('payments.notification')
router
  .post('/paiement/notification', [PaymentReturnController, 'notification'])
  .as('payments.notification.post')

router
  .group(() => {
    router.get('/', [AgentPaymentsController, 'index']).as('index')
    router.get('/export.csv', [AgentPaymentsController, 'exportInvoices']).as('export')
    router.get('/encaissements', [AgentPaymentsController, 'payments']).as('payments')
    router
      .get('/encaissements/export.csv', [AgentPaymentsController, 'exportPayments'])
      .as('payments_export')
    router
      .get('/encaissements/:id', [AgentMismatchesController, 'show'])
      .as('payment')
      .where('id', id)
    router
      .post('/encaissements/:id/decision', [AgentMismatchesController, 'resolve'])
      .as('resolve')
      .where('id', id)
    router.get('/comptabilite', [AccountingExportController, 'form']).as('accounting')
    router
      .get('/comptabilite/export.csv', [AccountingExportController, 'download'])
      .as('accounting_export')
  })
  .prefix('/agents/paiements')
  .use(middleware.agent())
  .as('agent_payments')

router
  .group(() => {
    router.get('/:id', [AgentInvoicesController, 'show']).as('show').where('id', id)
    router.post('/:id/paiements', [AgentInvoicesController, 'record']).as('record').where('id', id)
    router.post('/:id/annulation', [AgentInvoicesController, 'cancel']).as('cancel').where('id', id)
    router.post('/:id/avoirs', [AgentInvoicesController, 'credit']).as('credit').where('id', id)
  })
  .prefix('/agents/paiements/factures')
  .use(middleware.agent())
  .as('agent_invoices')
