import type { CsvValue } from '#core/services/french_csv'
import type { ChildRow } from '../queries/children_list.js'
import type { RegistrationRow } from '../queries/registrations_list.js'
import type { CanteenRow } from '../queries/canteen_list.js'

/** The columns of the service's list exports, in French: the files go to the city's spreadsheets. */
export const CHILD_HEADER = [
  'Nom',
  'Prénom',
  'Date de naissance',
  'École',
  'Classe',
  'Acte de naissance vu',
  'Famille',
  'E-mail de la famille',
]

export function childCells({ child, record, school, family }: ChildRow): CsvValue[] {
  return [
    child.lastName,
    child.firstName,
    child.birthDate,
    school?.name,
    record?.className ?? child.schoolClass,
    Boolean(record?.verifiedAt),
    family?.fullName,
    family?.email,
  ]
}

const STATUS_FR = {
  placed: 'Inscrit',
  waiting: 'Liste d’attente',
  cancelled: 'Annulé',
  refused: 'Refusé',
}

export const REGISTRATION_HEADER = [
  'Inscription',
  'Enfant',
  'Activité',
  'Séance',
  'Du',
  'Au',
  'Statut',
  'Acceptée',
  'Famille',
  'E-mail de la famille',
  'Inscrit le',
]

export function registrationCells({ registration, family }: RegistrationRow): CsvValue[] {
  const session = registration.session
  return [
    registration.id,
    registration.child.fullName,
    session.activity.name,
    session.label,
    session.startsOn.split('-').reverse().join('/'),
    session.endsOn.split('-').reverse().join('/'),
    STATUS_FR[registration.status],
    Boolean(registration.acceptedAt),
    family?.fullName,
    family?.email,
    registration.createdAt,
  ]
}

export const CANTEEN_HEADER = [
  'Enfant',
  'École',
  'Jours de cantine',
  'Repas facturés',
  'Jours d’absence',
  'Famille',
  'E-mail de la famille',
]

const WEEKDAYS_FR = ['', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi']

export function canteenCells({
  registration,
  meals,
  absences,
  school,
  family,
}: CanteenRow): CsvValue[] {
  return [
    registration.child.fullName,
    school?.name,
    registration.weekdays.map((day) => WEEKDAYS_FR[day]).join(', '),
    meals,
    absences.map((day) => day.split('-').reverse().join('/')).join(' '),
    family?.fullName,
    family?.email,
  ]
}
