import emitter from '@adonisjs/core/services/emitter'
import { logSentMail } from '#notifications/listeners/log_sent_mail'

/* Every mail sent through SMTP leaves a trace (who, subject, when) in mail_log. */
emitter.on('mail:sent', logSentMail)
