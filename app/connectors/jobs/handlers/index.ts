/* Every job the core defines; bricks import their own handlers from their manifests. */
import './send_mail.js'
import '#notifications/jobs/mail_demand_updates'
import '#demands/jobs/purge_drafts'
import '#appointments/jobs/appointment_mail'
import '#appointments/jobs/waiting_list_alert'
import '#payments/jobs/payment_jobs'
import '#demands/jobs/apply_retention'
