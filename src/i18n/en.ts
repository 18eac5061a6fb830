import type { Messages } from './messages.ts';

/** English catalogue; its shape is checked against the Japanese one. */
export const en: Messages = {
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

  notice: {
    subject: {
      affected: (company: string) => `Important: your information was included in the ${company} data incident`,
      not_affected: (company: string) => `${company} data incident: your information was not included`,
      under_investigation: (company: string) => `${company} data incident: investigation update`,
      no_exposure_confirmed: (company: string) => `${company}: no exposure of customer data has been confirmed`,
    },
    why: (who: string, title: string) => `You are receiving this because you are a customer of ${who}. It concerns: "${title}".`,
    yourGroups: 'How you were affected:',
    firstSteps: 'First, do this:',
    moreSteps: 'The other steps are on your personal page below.',
    detailsAt: 'Details, on your personal page (nothing to type):',
    reference: (code: string) => `Your reference code: ${code}`,
    referenceHelp: 'Quote it when you contact us. To check that this email really comes from us, enter the code at:',
    portal: 'The incident page (you can type this address yourself instead of opening links):',
  },

  letter: {
    addressee: (name: string) => name,
    postcode: (postcode: string) => postcode,
    why: (who: string, title: string) => `You are receiving this letter because you are a customer of ${who}. It concerns: "${title}".`,
    moreSteps: 'Further steps',
    referenceHelp: 'Quote it when you contact us. To check that this letter really comes from us, enter the code at:',
    qrCaption: 'Your personal page (nothing to type)',
    beforeScan:
      'Before you scan: if you are not sure that this letter comes from us, do not use the QR code. Type this address into your browser yourself; entering your email address or order ID there shows the same answer.',
    continued: (code: string) => `Reference code ${code} (continued)`,
    page: (n: number, total: number) => `Page ${n} of ${total}`,
    sample: 'SAMPLE: do not send',
    sampleRecipient: { name: 'Sample Recipient', postcode: '100-0001', address1: '1-1 Chiyoda, Chiyoda-ku', address2: 'Tokyo', address3: 'Japan' },
  },

  sms: {
    // Plain GSM-7 characters only (no curly quotes or dashes): one such character would make the whole
    // text UCS-2 and cut the segment from 160 characters to 70.
    affected: { confirmed: 'Your information was exposed in our data incident.', possible: 'Your information may have been exposed in our data incident.' },
    notAffected: 'Your information was not included in our data incident.',
    notFoundSoFar: 'We have not found your information in the data examined so far.',
    noListYet: 'We are still investigating our data incident.',
    noExposure: 'No exposure of customer data has been confirmed.',
    text: (who: string, sentence: string, code: string, address: string) => `${who}: ${sentence} Reference: ${code}. Details: ${address}`,
  },

  noticePage: {
    issued: (date: string) => `This page belongs to the notice we sent on ${date}.`,
    reference: (code: string) => `Reference code: ${code}`,
    notIssuedTitle: 'We did not issue this link',
    notIssuedBody:
      'This link does not match any notice we sent. It may have been cut short or mistyped, or the message did not come from us.',
    whatToDo: [
      'Do not reply to the message or contact the sender, and do not open its links.',
      'Enter the reference code from the email on the verify page to check whether we issued it.',
      'To check whether you were affected, enter your email address or order ID on the incident page.',
    ],
    toVerify: 'Check a reference code',
    toIncidents: 'Go to the incident page',
  },

  verify: {
    title: 'Check that a message really comes from us',
    help: 'Enter the reference code from an email or letter, or the code a caller from our support team gave you.',
    codeLabel: 'Reference or contact code',
    codeHint: 'For example: K7QM-3XTR-9HWD-FP2N-6BJC (case and dashes do not matter)',
    submit: 'Check',
    genuineTitle: 'This code is genuine.',
    genuineNotice: (date: string, title: string) => `It is the reference of our notice about "${title}", sent on ${date}.`,
    genuineContact: (time: string, title: string) => `It was issued by our support team at ${time}, about "${title}".`,
    notGenuineTitle: 'We did not issue this code.',
    notGenuineBody:
      'An expired contact code also gives this answer. Do not reply to the sender, open their links or give them any information. If in doubt, contact us through the official channels below.',
    checkAnother: 'Check another code',
    navLabel: 'Verify a message',
  },

  agent: {
    title: 'Support console',
    signedInAs: (id: string) => `Signed in as ${id}`,
    signOut: 'Sign out',
    refusedTitle: 'Sign-in required',
    refusedBody:
      'This console is for support agents signed in through the company’s access control (Cloudflare Access). Where no sign-in is configured, nobody can use it.',
    devSignInTitle: 'Development sign-in',
    devSignInHelp: 'Local development only. Enter the name to record in the audit log.',
    devNameLabel: 'Name',
    devNameInvalid: 'Names have up to 64 characters and start with a letter or digit.',
    devSignInSubmit: 'Sign in',
    limitNote: (n: number) => `Every lookup is recorded. You can make up to ${n} lookups an hour.`,
    lookupTitle: 'Look up a customer',
    incidentLabel: 'Incident',
    emailLabel: 'Email address',
    orderIdLabel: 'Order ID',
    identifierHelp: 'Enter either an email address or an order ID.',
    factorLabel: 'Second item (only for incidents that need one)',
    factorHint: 'The postcode, last 4 phone digits or order ID this incident matches on',
    oneIdentifier: 'Enter exactly one: an email address or an order ID.',
    submit: 'Look up',
    answerTitle: 'Result',
    kinds: { email: 'email address', order_id: 'order ID', email_factor: 'email address and second item' },
    lookedUp: (kind: string, title: string) => `${title} / looked up by ${kind}`,
    storeLabel: (store: string) => `Store: ${store}`,
    noStore: 'No store on record.',
    noticeIssued: (time: string) => `A notice was issued to this address on ${time}.`,
    noNotice: 'No notice has been issued to this address.',
    noticeOrderId: 'Notices are issued to email addresses; look up the email address to see whether one went out.',
    replyTitle: 'Reply to the customer',
    replyHelp: 'Answer-first text. Pick the customer’s language and paste it as it is.',
    replyIn: { ja: 'Japanese', en: 'English' },
    copy: 'Copy',
    copied: 'Copied',
    portalLink: 'Where the customer can check for themselves',
    contactTitle: 'Issue a contact code',
    contactHelp:
      'A code the customer can check on the verify page, to be sure a call or email really comes from our support. Issuing one is recorded.',
    contactSubmit: 'Issue a contact code',
    contactIssued: 'Contact code to give the customer',
    contactValidUntil: (time: string) => `Valid until ${time}`,
    contactWhere: (url: string) => `The customer can check it at ${url}.`,
    auditLink: 'Audit log',
    auditTitle: 'Audit log',
    auditFilterAgent: 'Agent',
    auditFrom: 'From',
    auditTo: 'To',
    auditFlagged: 'Over the limit only',
    auditApply: 'Filter',
    auditNone: 'No records match.',
    auditShown: (n: number) => `Newest first, at most ${n} rows. The operator CLI’s audit command exports everything.`,
    auditColumns: { at: 'Time', agent: 'Agent', action: 'Action', incident: 'Incident', kind: 'Item', hash: 'Keyed hash (start)', answer: 'Result', flag: 'Over limit' },
    actions: { lookup: 'lookup', contact_code: 'contact code issued' },
  },

  agentReply: {
    checkYourself: 'You can check this yourself at any time on our page (type the address into your browser):',
    verifyUs: 'To check that a message claiming to be from us is genuine, enter its reference or contact code here:',
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
    admin_only: 'Only administrators can read the audit log.',
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
