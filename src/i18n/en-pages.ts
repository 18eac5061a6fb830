import type { jaPages } from './ja-pages.ts';

/** English catalogue, pages and answers: the site, incident pages, the answer box, steps, the second factor, errors; its shape is checked against the Japanese one. */
export const enPages: typeof jaPages = {
  lang: 'English',

  siteName: 'Data incident check',

  skipToContent: 'Skip to content',

  languageSwitch: '日本語',

  languageSwitchLabel: 'Language',

  demoBadge: 'A fictional incident, for demonstration',

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
    dataClasses: { confirmed: 'Information exposed', possible: 'Information that may have been exposed' },
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
    confirmed: 'exposed',
    possible: 'may have been exposed',
  },

  dataClasses: {
    login: 'Login ID and password',
    security_question: 'Password hint and security question',
    card: 'Card (number, holder name, expiry date)',
    card_security_code: 'Card security code',
    bank_account: 'Bank account details',
    national_id: 'My Number or other national ID number',
    health: 'Health information',
    email: 'Email address',
    phone: 'Phone number',
    address: 'Postal address',
    order_details: 'Order details',
    name: 'Name',
    birth_date: 'Date of birth',
  },

  cardWithCode: 'Card (number, holder name, expiry date, security code)',

  answer: {
    affected: { confirmed: 'Your information was exposed in this incident.', possible: 'Your information may have been exposed in this incident.' },
    investigationContinuing: 'The investigation is continuing.',
    notAffected: 'Your information was not included in this incident.',
    notAffectedCard: 'Your card was not included either.',
    nothingToDo: 'You do not need to do anything.',
    noListYet: 'We are still investigating and do not yet know whose information was involved.',
    weWillNotify: 'We will notify every affected customer.',
    notFoundSoFar: (date: string) => `We have not found your information in the data examined so far (as of ${date}).`,
    noExposure: 'No exposure of customer data has been confirmed.',
    lastUpdate: (date: string) => `Last update: ${date}.`,
    latestUpdate: (date: string, text: string) => `Update of ${date}: ${text}`,
    nothingToDoNow: 'There is nothing you need to do now. If that changes, we will say so here and notify you.',
    yourData: 'Your data',
    exposure: (label: string, certainty: string) => `${label}: ${certainty}`,
    cardNotInvolved: 'Your card: not involved',
    firstStep: 'First, do this',
    allSteps: 'See all steps',
    checked: (masked: string, date: string) => `Checked: ${masked}, against the list of ${date}`,
    checkedNoList: (masked: string, date: string) => `Checked: ${masked}, on the status of ${date}`,
    checkedNotice: (code: string, date: string) => `Reference code ${code}, notice of ${date}`,
    reasonLabel: 'Why',
  },

  result: {
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
    card_security_code: [
      'Call your card issuer on the number on the back of your card and ask for a new card: with the security code, the number alone can be used to pay online.',
    ],
    bank_account: [
      'Call your bank, tell them you are affected by this incident, and ask what protection they offer.',
      'Check your statements and report any debit you do not recognise to your bank.',
    ],
    national_id: [
      'Do not answer calls or messages that ask for your My Number or ID number.',
      'If you suspect it is being misused, contact your local city office.',
    ],
    health: ['If a call or offer mentions your health, give no personal details and contact us through the official channels below.'],
    security_question: [
      'Wherever you use this security question or password hint, change the question and its answer.',
      'If you used the same question and answer elsewhere, change them there too.',
    ],
  },

  secondFactor: {
    checkHelp: 'Enter the email address you registered with, and the second item we hold with it.',
    emailLabel: 'Email address',
    emailHint: 'For example: taro@example.com',
    labels: { order_id: 'Order ID', postcode: 'Postcode', phone_last4: 'Last 4 digits of your phone number' },
    hints: { order_id: 'For example: ORD-1001', postcode: 'For example: 123-4567', phone_last4: 'For example: 5678 (the whole number works too)' },
    noMatchHeadline: 'We found no match for this combination.',
    noMatchDetail:
      'This combination is not among the records of affected customers. You also see this when one of the two items differs from what we hold. Check both and try again, or contact us through the channels below.',
  },

  neverAsk: {
    title: 'We will never ask you for',
    items: [
      'your card number or security code;',
      'your password;',
      'a payment, or your personal details, through a link in an email or SMS.',
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
    invalid_email: 'That is not an email address. Check it and try again.',
    invalid_order_id:
      'That is neither an email address nor one of our order IDs. Enter your email address, or the order ID exactly as shown in your order confirmation email.',
    email_required: 'Order IDs cannot be checked for this incident. Enter your email address instead.',
    order_id_required: 'Email addresses cannot be checked for this incident. Enter your order ID instead.',
    invalid_factor: 'That does not match the form we asked for. Check the second item and try again.',
    factor_required: 'Enter both your email address and the second item we ask for.',
    bot_check_failed: 'We could not confirm that this was sent by a person. Reload the page and try again.',
    empty_code: 'Enter the reference code or contact code.',
    invalid_request: 'We could not read what was sent. Enter an email address or an order ID.',
    not_found: 'We could not find this page.',
    unknown_incident: 'We could not find this incident.',
    rate_limited: 'Too many attempts. Please wait a minute and try again.',
    unavailable:
      'We cannot answer right now. Please try again later. This does not mean that you were not affected.',
    forbidden: 'This form was sent from another site or has expired. Reload the page and try again.',
    too_large: 'What was sent is too large.',
    unauthorized: 'Sign in as a support agent first.',
    admin_only: 'Only administrators can open this page.',
    agent_limit: 'You have reached your hourly lookup limit, so this lookup was not made (it is recorded). Wait a while, or talk to an administrator.',
  },

  errorTitles: {
    unauthorized: 'Sign-in required',
    bad_request: 'Please check what you entered',
    not_found: 'Page not found',
    rate_limited: 'Please wait a moment',
    unavailable: 'We cannot answer right now',
    forbidden: 'This could not be sent',
  },

  backToStart: 'Back to the start',
};
