// The addresses other parts of the product put in front of residents: a ticket's phone page (its
// QR code on the kiosk screen and the printed ticket). One place, so the kiosk, the PDF and the
// server's route agree.

/** The e-ticket page of a ticket, by its tracking token (unguessable; shows nothing to anyone else). */
export const E_TICKET_PREFIX = '/t/';
export const eTicketPath = (trackingToken: string): string => `${E_TICKET_PREFIX}${encodeURIComponent(trackingToken)}`;
