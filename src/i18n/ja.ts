/** Japanese catalogue. Every user-facing word lives here or in en.ts; components only pick keys. */
export const ja = {
  lang: '日本語',
  siteName: '情報漏えいの確認',
  skipToContent: '本文へ移動',
  languageSwitch: 'English',
  languageSwitchLabel: '言語',
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
    dataClasses: '漏えいした可能性のある情報',
    checkTitle: 'ご自身が対象か確認する',
    checkHelp: 'ご登録のメールアドレス、または注文番号を入力してください。',
    identifierLabel: 'メールアドレスまたは注文番号',
    identifierHint: '例: taro@example.com / ORD-1001',
    submit: '確認する',
    privacy: '入力された値は保存しません。照合にだけ使います。',
  },

  statuses: {
    investigating: '調査中',
    confirmed: '漏えいを確認',
    not_confirmed: '漏えいは確認されていません',
    closed: '対応終了',
  },

  certainty: {
    confirmed: '漏えいを確認しています',
    possible: '漏えいした可能性があります',
  },

  dataClasses: {
    card: 'クレジットカード情報（番号・名義・有効期限）',
    login: 'ログインIDとパスワード',
    email: 'メールアドレス',
    name: '氏名',
    address: '住所',
    phone: '電話番号',
    birth_date: '生年月日',
    order_details: 'ご注文の内容',
  },

  result: {
    affectedHeadline: 'お客様の情報は、この事案の対象に含まれていました。',
    notAffectedHeadline: 'お客様の情報は、この事案の対象に含まれていません。',
    notAffectedCard: 'カード情報も含まれていません。',
    notAffectedDetail: 'お調べした時点の対象者一覧と照合した結果です。',
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

  notice: {
    subjectAffected: (company: string) => `【重要】${company}：お客様の情報が漏えいの対象に含まれていました`,
    subjectNotAffected: (company: string) => `${company}：お客様の情報は今回の漏えいの対象ではありませんでした`,
    why: (who: string, title: string) => `このメールは、${who}をご利用のお客様にお送りしています（${title}）。`,
    yourGroups: '対象となった範囲:',
    detailsAt: 'お客様専用の確認ページ（入力は不要です。これからしていただきたいことも記載しています）:',
    reference: (code: string) => `参照番号: ${code}`,
    referenceHelp: 'お問い合わせの際にお伝えください。このメールが当社からのものか確かめるには、次のページでこの番号を入力してください:',
    portal: 'この事案のお知らせページ（リンクを開かずに、アドレスを直接入力してもご覧いただけます）:',
  },

  noticePage: {
    issued: (date: string) => `${date}にお送りしたお知らせの確認ページです。`,
    reference: (code: string) => `参照番号: ${code}`,
    notIssuedTitle: 'このリンクは当社が発行したものではありません',
    notIssuedBody:
      'このリンクは、当社がお送りしたどのお知らせとも一致しません。アドレスが途中で切れているか、当社以外から送られたメッセージの可能性があります。',
    whatToDo: [
      'メッセージに書かれた連絡先には返信・連絡せず、リンクも開かないでください。',
      'メールに記載の参照番号を確認ページで入力すると、当社が発行したものか確かめられます。',
      'ご自身が対象かどうかは、お知らせページでメールアドレスか注文番号を入力して確認できます。',
    ],
    toVerify: '参照番号を確認する',
    toIncidents: 'お知らせページへ',
  },

  verify: {
    title: '当社からの連絡か確かめる',
    help: 'メールや郵便に記載の参照番号、または電話で担当者が伝えた確認コードを入力してください。',
    codeLabel: '参照番号・確認コード',
    codeHint: '例: K7QM-3XTR-9HWD-FP2N-6BJC（大文字・小文字、ハイフンの有無は問いません）',
    submit: '確かめる',
    genuineTitle: 'この番号は当社が発行した本物です。',
    genuineNotice: (date: string, title: string) => `${date}に当社がお送りした「${title}」のお知らせの参照番号です。`,
    genuineContact: (time: string, title: string) =>
      `「${title}」について、当社のサポート担当者が${time}に発行した確認コードです。`,
    notGenuineTitle: 'この番号は当社が発行したものではありません。',
    notGenuineBody:
      '有効期限が切れた確認コードも、この表示になります。送り主には返信・連絡せず、リンクを開いたり情報を伝えたりしないでください。ご不安な点は、下記の正式な窓口にお問い合わせください。',
    checkAnother: '別の番号を確かめる',
    navLabel: '連絡の確認',
  },

  agent: {
    title: 'サポート窓口コンソール',
    signedInAs: (id: string) => `${id} としてサインイン中`,
    signOut: 'サインアウト',
    refusedTitle: 'サインインが必要です',
    refusedBody:
      'このコンソールは、会社のアクセス管理（Cloudflare Access）でサインインしたサポート担当者だけが使えます。サインインの設定がない環境では、誰も利用できません。',
    devSignInTitle: '開発用サインイン',
    devSignInHelp: 'ローカル開発環境専用です。監査記録に残す名前を入力してください。',
    devNameLabel: '名前',
    devNameInvalid: '名前は64文字以内で、文字か数字で始めてください。',
    devSignInSubmit: 'サインイン',
    limitNote: (n: number) => `照会はすべて記録されます。照会できるのは1時間に${n}件までです。`,
    lookupTitle: 'お客様の照会',
    incidentLabel: '事案',
    emailLabel: 'メールアドレス',
    orderIdLabel: '注文番号',
    identifierHelp: 'メールアドレスか注文番号の、どちらか一方を入力してください。',
    factorLabel: '2つ目の項目（必要な事案のみ）',
    factorHint: 'この事案で照合に使う郵便番号・電話番号の下4桁・注文番号',
    oneIdentifier: 'メールアドレスか注文番号の、どちらか一方だけを入力してください。',
    submit: '照会する',
    answerTitle: '照会結果',
    kinds: { email: 'メールアドレス', order_id: '注文番号', email_factor: 'メールアドレスと2つ目の項目' },
    lookedUp: (kind: string, title: string) => `${title}／照会した項目: ${kind}`,
    storeLabel: (store: string) => `店舗: ${store}`,
    noStore: '店舗の記録はありません。',
    noticeIssued: (time: string) => `この宛先には ${time} にお知らせを発行しています。`,
    noNotice: 'この宛先へのお知らせの発行記録はありません。',
    noticeOrderId: 'お知らせはメールアドレス宛てに発行しています。発行の有無はメールアドレスで照会すると分かります。',
    replyTitle: 'お客様への返信文',
    replyHelp: '回答が先頭に来る定型文です。お客様の言語を選んで、そのまま貼り付けてください。',
    replyIn: { ja: '日本語', en: '英語' },
    copy: 'コピー',
    copied: 'コピーしました',
    portalLink: 'お客様が自分で確認できるページ',
    contactTitle: '確認コードを発行する',
    contactHelp:
      '電話やメールで、当社の担当者であることをお客様に確かめてもらうためのコードです。お客様は確認ページでこのコードを入力します。発行は記録されます。',
    contactSubmit: '確認コードを発行',
    contactIssued: 'お客様に伝える確認コード',
    contactValidUntil: (time: string) => `有効期限: ${time}`,
    contactWhere: (url: string) => `お客様は ${url} でこのコードを確かめられます。`,
    auditLink: '監査記録',
    auditTitle: '監査記録',
    auditFilterAgent: '担当者',
    auditFrom: '開始日',
    auditTo: '終了日',
    auditFlagged: '上限超過のみ',
    auditApply: '絞り込む',
    auditNone: '該当する記録はありません。',
    auditShown: (n: number) => `新しい順に最大${n}件を表示しています。すべての記録は運用CLIの audit コマンドで書き出せます。`,
    auditColumns: { at: '日時', agent: '担当者', action: '操作', incident: '事案', kind: '項目', hash: '照合用の値（先頭）', answer: '結果', flag: '上限超過' },
    actions: { lookup: '照会', contact_code: '確認コード発行' },
  },

  agentReply: {
    checkYourself: 'いつでも次のページでご自身でもご確認いただけます（アドレスを直接入力してください）:',
    verifyUs: '当社を名乗る連絡が本物かどうかは、次のページで参照番号や確認コードを入力して確かめられます:',
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
    admin_only: '監査記録は管理者だけが閲覧できます。',
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
