import type { Messages } from './messages.ts';

/** English catalogue; its shape is checked against the Japanese one. */
export const en: Messages = {
  lang: 'English',
  siteName: 'Data incident check',
  skipToContent: 'Skip to content',
  languageSwitch: '日本語',
  languageSwitchLabel: 'Language',
  footer:
    'This page does not store your email address or order ID. Matching uses only a one-way transformed value.',

  list: {
    title: 'Incidents we are notifying about',
    none: 'There are no incidents to report at the moment.',
  },

  incident: {
    status: 'Status',
    updates: 'Updates',
    whatHappened: 'What happened',
    groups: 'Who is affected',
    period: 'Period',
    periodOpen: 'onwards',
    dataClasses: 'Information that may have been exposed',
    checkTitle: 'Check whether you were affected',
    checkHelp: 'Enter the email address you registered with, or an order ID.',
    identifierLabel: 'Email address or order ID',
    identifierHint: 'For example: taro@example.com / ORD-1001',
    submit: 'Check',
    privacy: 'We do not store what you enter. It is used only for this check.',
  },

  statuses: {
    investigating: 'Investigating',
    confirmed: 'Exposure confirmed',
    not_confirmed: 'No exposure confirmed',
    closed: 'Closed',
  },

  certainty: {
    confirmed: 'Exposure confirmed',
    possible: 'Possibly exposed',
  },

  dataClasses: {
    card: 'Card details (number, holder name, expiry date)',
    login: 'Login ID and password',
    email: 'Email address',
    name: 'Name',
    address: 'Postal address',
    phone: 'Phone number',
    birth_date: 'Date of birth',
    order_details: 'Order details',
  },

  result: {
    affectedHeadline: 'Your information was included in this incident.',
    notAffectedHeadline: 'Your information was not included in this incident.',
    notAffectedCard: 'Your card was not included either.',
    notAffectedDetail: 'This answer comes from the complete list of affected customers as it stands today.',
    store: (store: string) => `Store you bought from: ${store}`,
    yourGroups: 'How you were affected',
    nextSteps: 'What to do now',
    checkAnother: 'Check another email address or order ID',
  },

  steps: {
    card: [
      'Call your card issuer on the number on the back of your card, tell them you are affected by this incident, and ask for a new card.',
      'Check your statements and report any payment you do not recognise to your card issuer.',
    ],
    login: [
      'Change your password for this site.',
      'If you used the same password anywhere else, change it there too.',
    ],
    email: [
      'Do not open links in messages that claim to come from us; check any notice on the "Verify" page first.',
    ],
    name: ['Even if a caller or message knows your name, never give your card number or password to anyone.'],
    address: [
      'Be wary of letters or "campaigns" that claim to come from us. If in doubt, call the official number below.',
    ],
    phone: ['If someone calls claiming to be us and asks for personal details, hang up and call the official number below.'],
    birth_date: ['Where a service uses your date of birth to confirm who you are, add another way to verify you.'],
    order_details: [
      'Be wary of messages that quote your order. We will never ask you to confirm an order by entering payment details.',
    ],
  },

  neverAsk: {
    title: 'We will never ask you for',
    items: [
      'your card number or security code;',
      'your password;',
      'a payment or personal details through a link in an email or SMS.',
    ],
  },

  contacts: {
    title: 'Official contacts',
    senders: 'Our notices come only from',
    phones: 'Phone',
  },

  errors: {
    empty: 'Enter your email address or order ID.',
    too_long: 'That is too long. Enter your email address or order ID.',
    invalid_email: 'That does not look like an email address. Check it and try again.',
    invalid_order_id: 'That does not look like an order ID. Enter the number shown in your order confirmation email.',
    invalid_factor: 'That does not match the form we asked for. Check the second item and try again.',
    invalid_request: 'We could not read what was sent. Enter an email address or an order ID.',
    not_found: 'We could not find this page.',
    unknown_incident: 'We could not find this incident.',
    rate_limited: 'Too many attempts. Please wait a minute and try again.',
    unavailable:
      'We cannot answer right now. Please try again later. This does not mean that you were not affected.',
    forbidden: 'This form was sent from another site or has expired. Reload the page and try again.',
    too_large: 'What was sent is too large.',
  },
  errorTitles: {
    bad_request: 'Please check what you entered',
    not_found: 'Page not found',
    rate_limited: 'Please wait a moment',
    unavailable: 'We cannot answer right now',
    forbidden: 'This could not be sent',
  },
  backToStart: 'Back to the start',
};
