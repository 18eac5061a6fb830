/** Japanese catalogue, pages and answers: the site, incident pages, the answer box, steps, the second factor, errors. */
export const jaPages = {
  lang: '日本語',

  siteName: '情報漏えいの確認',

  skipToContent: '本文へ移動',

  languageSwitch: 'English',

  languageSwitchLabel: '言語',

  demoBadge: 'デモ用の架空の事案です',

  footer: 'このページはメールアドレスや注文番号を保存しません。照合には復元できない形に変換した値だけを使います。',

  list: {
    title: 'お知らせ中の事案',
    none: '現在お知らせしている事案はありません。',
  },

  incident: {
    status: '状況',
    updates: '経過',
    whatHappened: '何が起きたか',
    groups: '対象となった範囲',
    period: '期間',
    periodOpen: '以降',
    dataClasses: { confirmed: '漏えいした情報', possible: '漏えいした可能性のある情報' },
    checkTitle: 'ご自身が対象か確認する',
    checkHelp: 'ご登録のメールアドレス、または注文番号を入力してください。',
    identifierLabel: 'メールアドレスまたは注文番号',
    identifierHint: '例: taro@example.com / ORD-1001',
    submit: '確認する',
    privacy: '入力された値は保存しません。照合にだけ使います。',
  },

  statuses: {
    investigating: '調査中',
    confirmed: '漏えいが判明',
    not_confirmed: '漏えいは確認されていません',
    closed: '対応終了',
  },

  certainty: {
    confirmed: '漏えいしました',
    possible: '漏えいした可能性があります',
  },

  dataClasses: {
    login: 'ログインIDとパスワード',
    security_question: 'パスワードのヒント・秘密の質問',
    card: 'クレジットカード情報（番号・名義・有効期限）',
    card_security_code: 'カードのセキュリティコード',
    bank_account: '銀行口座の情報',
    national_id: 'マイナンバー・公的な本人確認番号',
    health: '健康に関する情報',
    email: 'メールアドレス',
    phone: '電話番号',
    address: '住所',
    order_details: 'ご注文の内容',
    name: '氏名',
    birth_date: '生年月日',
  },

  cardWithCode: 'クレジットカード情報（番号・名義・有効期限・セキュリティコード）',

  answer: {
    affected: { confirmed: 'お客様の情報は、この事案で漏えいしました。', possible: 'お客様の情報は、この事案で漏えいした可能性があります。' },
    investigationContinuing: '調査は継続中です。',
    notAffected: 'お客様の情報は、この事案の対象に含まれていません。',
    notAffectedCard: 'カード情報も含まれていません。',
    nothingToDo: 'お客様にしていただくことはありません。',
    noListYet: '現在調査中で、どのお客様の情報が含まれるかはまだ分かっていません。',
    weWillNotify: '対象のお客様には、必ず個別にお知らせします。',
    notFoundSoFar: (date: string) => `これまでに調べたデータ（${date}時点）には、お客様の情報は見つかっていません。`,
    noExposure: 'お客様の情報の漏えいは確認されていません。',
    lastUpdate: (date: string) => `最終更新: ${date}`,
    latestUpdate: (date: string, text: string) => `${date}の更新: ${text}`,
    nothingToDoNow: '現時点でお客様にしていただくことはありません。状況が変われば、このページとお知らせでお伝えします。',
    yourData: 'お客様の情報',
    exposure: (label: string, certainty: string) => `${label}：${certainty}`,
    cardNotInvolved: 'お客様のカード情報：対象外です',
    firstStep: 'まず、してください',
    allSteps: 'すべての手順を見る',
    checked: (masked: string, date: string) => `確認した内容: ${masked}（${date}時点の対象者一覧と照合）`,
    checkedNoList: (masked: string, date: string) => `確認した内容: ${masked}（${date}時点の状況）`,
    checkedNotice: (code: string, date: string) => `参照番号 ${code}（${date}のお知らせ）`,
    reasonLabel: '理由',
  },

  result: {
    store: (store: string) => `ご利用の店舗: ${store}`,
    yourGroups: '対象となった範囲',
    nextSteps: 'お願いしたいこと',
    checkAnother: '別のメールアドレスや注文番号を確認する',
  },

  steps: {
    card: [
      'カード裏面の電話番号からカード会社に連絡し、この件の対象であることを伝えてください。カードの再発行を依頼できます。',
      'ご利用明細を確認し、身に覚えのない請求があればカード会社に伝えてください。',
    ],
    login: [
      'このサイトのパスワードを変更してください。',
      '同じパスワードを他のサービスでも使っている場合は、そちらも変更してください。',
    ],
    email: [
      '当社を名乗るメールのリンクは開かず、このページの「確認」からお知らせが本物か確かめてください。',
    ],
    name: ['お名前を添えた連絡でも、当社を名乗る相手にカード番号やパスワードを伝えないでください。'],
    address: ['当社を名乗る郵便物やキャンペーンの案内にご注意ください。不明な点は下記の窓口にお問い合わせください。'],
    phone: ['当社を名乗る電話で個人情報を聞かれても答えず、いったん切って下記の番号にかけ直してください。'],
    birth_date: ['生年月日を本人確認に使うサービスでは、追加の確認方法を設定してください。'],
    order_details: ['ご注文の内容を引き合いに出す連絡にご注意ください。当社から注文内容の再確認をお願いすることはありません。'],
    card_security_code: [
      'カード裏面の電話番号からカード会社に連絡し、カードの再発行を依頼してください。セキュリティコードがあると、番号だけでネットでの支払いに使われるおそれがあります。',
    ],
    bank_account: [
      '口座のある銀行に連絡し、この件の対象であることを伝えてください。',
      '入出金の明細を確認し、覚えのない引き落としがあれば銀行に伝えてください。',
    ],
    national_id: [
      'マイナンバーや本人確認番号を聞き出そうとする電話やメールには応じないでください。',
      '不正な利用が疑われる場合は、お住まいの市区町村の窓口にご相談ください。',
    ],
    health: ['健康状態に触れる連絡や勧誘があっても、個人情報を伝えず、下記の正式な窓口にお問い合わせください。'],
    security_question: [
      '秘密の質問やパスワードのヒントを使っているサービスでは、その質問と答えを変更してください。',
      '同じ質問と答えを他のサービスでも使っている場合は、そちらも変更してください。',
    ],
  },

  secondFactor: {
    checkHelp: 'ご登録のメールアドレスと、あわせて登録されている次の項目を入力してください。',
    emailLabel: 'メールアドレス',
    emailHint: '例: taro@example.com',
    labels: { order_id: '注文番号', postcode: '郵便番号', phone_last4: '電話番号の下4桁' },
    hints: { order_id: '例: ORD-1001', postcode: '例: 123-4567', phone_last4: '例: 5678（電話番号をすべて入力しても構いません）' },
    noMatchHeadline: 'この組み合わせに一致する記録はありませんでした。',
    noMatchDetail:
      '入力された組み合わせは対象のお客様の記録にありません。どちらかの項目がご登録の内容と異なる場合もこの表示になります。両方をご確認のうえ、もう一度お試しいただくか、下記の窓口にお問い合わせください。',
  },

  neverAsk: {
    title: '当社からお願いしないこと',
    items: [
      'クレジットカード番号やセキュリティコードをお聞きすることはありません。',
      'パスワードをお聞きすることはありません。',
      'メールやSMSのリンクから支払いや情報の入力をお願いすることはありません。',
    ],
  },

  contacts: {
    title: '正式な連絡先',
    senders: 'お知らせの送信元メールアドレス',
    phones: 'お問い合わせ電話番号',
  },

  errors: {
    empty: 'メールアドレスまたは注文番号を入力してください。',
    too_long: '入力が長すぎます。メールアドレスまたは注文番号を入力してください。',
    invalid_email: 'メールアドレスの形式ではありません。入力を確かめて、もう一度お試しください。',
    invalid_order_id:
      'メールアドレスでも、当社の注文番号でもありません。メールアドレスか、ご注文確認メールに記載の注文番号をそのまま入力してください。',
    email_required: 'この件では注文番号で確認できません。メールアドレスを入力してください。',
    order_id_required: 'この件ではメールアドレスで確認できません。注文番号を入力してください。',
    invalid_factor: '2つ目の項目の形式が正しくありません。ご確認のうえ、もう一度入力してください。',
    factor_required: 'メールアドレスと、もう1つの項目の両方を入力してください。',
    bot_check_failed: '人による送信であることを確認できませんでした。ページを再読み込みして、もう一度お試しください。',
    empty_code: '参照番号または確認コードを入力してください。',
    invalid_request: '送信された内容を読み取れませんでした。メールアドレスまたは注文番号を入力してください。',
    not_found: 'お探しのページは見つかりませんでした。',
    unknown_incident: 'この事案のページは見つかりませんでした。',
    rate_limited: '確認の回数が多すぎます。1分ほど待ってから、もう一度お試しください。',
    unavailable:
      'ただいま確認できません。時間をおいて、もう一度お試しください。これは「対象外」という意味ではありません。',
    forbidden: 'このフォームは別のサイトから送信されたか、期限が切れています。ページを再読み込みしてお試しください。',
    too_large: '送信された内容が大きすぎます。',
    unauthorized: 'サポート担当者としてのサインインが必要です。',
    admin_only: 'このページは管理者だけが開けます。',
    agent_limit: '1時間あたりの照会件数の上限に達したため、この照会は行いませんでした（記録済み）。しばらく待ってから照会するか、管理者に相談してください。',
  },

  errorTitles: {
    unauthorized: 'サインインが必要です',
    bad_request: '入力を確認してください',
    not_found: 'ページが見つかりません',
    rate_limited: 'しばらくお待ちください',
    unavailable: 'ただいま確認できません',
    forbidden: '送信できませんでした',
  },

  backToStart: '最初のページに戻る',
};
