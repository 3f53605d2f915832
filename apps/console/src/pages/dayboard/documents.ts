import { graphql } from '../../gql';

/**
 * The board in ONE operation (the graph batches each level: site, its chairs, hours and visits, then
 * nurses, patients and orders), over a UTC window holding the local day in any zone (dayQueryWindow).
 */
export const DayBoardQuery = graphql(`
  query DayBoard($siteId: ID!, $date: LocalDate!, $from: DateTime!, $to: DateTime!) {
    site(id: $siteId) {
      id name timeZone clientId
      client { id name }
      chairs { id label active privateRoom }
      openingHours(from: $date, to: $date) { date closed opensAt closesAt opensAtUtc closesAtUtc note }
      appointments(from: $from, to: $to) {
        id startsAt endsAt status version doseNumber
        chair { id }
        nurse { id fullName }
        patient { id fullName }
        order { id regimen product { id name } }
        overrides { id }
      }
    }
  }
`);

export const AppointmentDetailQuery = graphql(`
  query DayBoardAppointment($id: ID!) {
    appointment(id: $id) {
      id startsAt endsAt status version doseNumber durationMinutes acceptedFrom acceptedUntil rescheduleReason cancelReason
      chair { id label }
      nurse { id fullName }
      patient { id fullName mrn dateOfBirth }
      order { id regimen indication doseAmount doseUnit dosesPlanned product { id name } }
      overrides { id ruleCode detail reason overriddenBy createdAt }
    }
  }
`);

export const RescheduleMutation = graphql(`
  mutation DayBoardReschedule($input: RescheduleAppointmentInput!) {
    rescheduleAppointment(input: $input) { id startsAt endsAt status chair { id } }
  }
`);

export const OrderSearchQuery = graphql(`
  query DayBoardOrders($clientId: ID!, $search: String, $first: Int!) {
    patients(clientId: $clientId, search: $search, first: $first) {
      edges { node { id fullName mrn siteId orders { id regimen dosesPlanned product { id name } appointments { status } } } }
    }
  }
`);

export const AvailableSlotsQuery = graphql(`
  query DayBoardSlots($orderId: ID!, $siteIds: [ID!], $from: LocalDate!, $to: LocalDate!, $first: Int) {
    availableSlots(orderId: $orderId, siteIds: $siteIds, from: $from, to: $to, first: $first) {
      rank date startsAt endsAt reasons
      chair { id label }
      nurse { id fullName }
    }
  }
`);

export const BookMutation = graphql(`
  mutation DayBoardBook($input: BookAppointmentInput!) {
    bookAppointment(input: $input) { id startsAt endsAt status }
  }
`);

export const ProposalQuery = graphql(`
  query DayBoardProposal($siteId: ID!, $date: LocalDate!) {
    dayOptimisationProposal(siteId: $siteId, date: $date) {
      date closed visits standardVisitMinutes volumeGain
      before { peakChairsInUse roomForStandardVisits utilisation utilisationWithRoomFilled }
      after { peakChairsInUse roomForStandardVisits utilisation utilisationWithRoomFilled }
      moves {
        expectedVersion nurseChanged
        appointment { id patient { id fullName } }
        from { startsAt endsAt chair { id label } nurse { id fullName } }
        to { startsAt endsAt chair { id label } nurse { id fullName } }
      }
    }
  }
`);

export const ApplyOptimisationMutation = graphql(`
  mutation DayBoardApplyOptimisation($input: ApplyDayOptimisationInput!) {
    applyDayOptimisation(input: $input) { id startsAt chair { id } }
  }
`);
