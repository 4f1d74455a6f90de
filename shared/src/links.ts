// The addresses other parts of the product put in front of residents: a ticket's phone page (its
// QR code on the kiosk screen and the printed ticket), the public waiting-count page and the
// widget other sites embed. One place, so the clients, the PDF and the server's routes agree.

/** The e-ticket page of a ticket, by its tracking token (unguessable; shows nothing to anyone else). */
export const E_TICKET_PREFIX = '/t/';
export const eTicketPath = (trackingToken: string): string => `${E_TICKET_PREFIX}${encodeURIComponent(trackingToken)}`;

/** The public waiting-count page (for phones and desktops), and where `GET /` sends a visitor. */
export const STATUS_PATH = '/status';
/** The widget as a script tag for another site: draws the waiting counts into an element of its page. */
export const WIDGET_PATH = '/widget.js';
/** The widget as a page to put in an <iframe> (`?lang=en` for English). */
export const EMBED_PATH = '/embed';
/** The live public status as Server-Sent Events (what the widget listens to). */
export const PUBLIC_EVENTS_PATH = '/api/v1/public/events';
/** What the /embed page posts to the page framing it when its height changes: `{ type, height }`, CSS pixels. */
export const EMBED_HEIGHT_MESSAGE = 'jiaohao:embed-height';

/** The booking page for phones (網路預約): choose a line, a day and a slot; leave a name and a contact. */
export const BOOK_PATH = '/book';
/** A booking's own page, by the secret of its manage link: the code and QR code for the kiosk, and cancelling. */
export const BOOKING_MANAGE_PREFIX = '/book/m/';
export const bookingManagePath = (manageToken: string): string => `${BOOKING_MANAGE_PREFIX}${encodeURIComponent(manageToken)}`;
