/* Every job the core defines; bricks import their own handlers from their manifests. */
import './send_mail.js'
