/** Japanese catalogue, notices: email, the legal items, letters, SMS, the notice link page and /verify. */
export const jaNotices = {
  notice: {
    subject: {
      affected: (company: string) => `【重要】${company}：お客様の情報が漏えいの対象に含まれていました`,
      not_affected: (company: string) => `${company}：お客様の情報は今回の漏えいの対象ではありませんでした`,
      under_investigation: (company: string) => `${company}：調査の状況について`,
      no_exposure_confirmed: (company: string) => `${company}：お客様の情報の漏えいは確認されていません`,
    },
    why: (who: string, title: string) => `このメールは、${who}をご利用のお客様にお送りしています（${title}）。`,
    yourGroups: '対象となった範囲:',
    firstSteps: 'まず、してください:',
    moreSteps: 'ほかの手順は、下記の確認ページに記載しています。',
    detailsAt: '詳しくは、お客様専用の確認ページ（入力は不要です）:',
    reference: (code: string) => `参照番号: ${code}`,
    referenceHelp: 'お問い合わせの際にお伝えください。このメールが当社からのものか確かめるには、次のページでこの番号を入力してください:',
    portal: 'この事案のお知らせページ（リンクを開かずに、アドレスを直接入力してもご覧いただけます）:',
  },

  /**
   * What breach-notice laws ask a notice to say beyond the answer (src/answer-text/legal-notice.ts puts
   * it in each law's order). California's headings keep their English words: the statute names them.
   */
  legal: {
    pageTitle: 'この事案についての詳細',
    plain: {
      when: '発生の時期',
      cause: '原因',
      secondaryHarm: '二次被害',
      measures: '当社の対応',
      idProtection: '不正利用を防ぐサービスのご提供',
      contact: 'お問い合わせ窓口',
      other: 'その他のお知らせ',
    },
    jp: {
      title: '個人データの漏えい等に関するお知らせ',
      outline: '概要',
      dataItems: '漏えい等が発生し、又は発生したおそれがある個人データの項目',
      cause: '原因',
      secondaryHarm: '二次被害又はそのおそれの有無及びその内容',
      other: 'その他参考となる事項',
    },
    usCa: {
      title: 'データ侵害のお知らせ（Notice of Data Breach）',
      whatHappened: '発生した事象（What Happened）',
      information: '対象となった情報（What Information Was Involved）',
      doing: '当社の対応（What We Are Doing）',
      youCanDo: 'お客様にしていただけること（What You Can Do）',
      otherImportant: 'その他の重要なお知らせ（Other Important Information）',
      moreInfo: 'お問い合わせ（For More Information）',
      subject: (subject: string) => `Notice of Data Breach（データ侵害のお知らせ）${subject}`,
    },
    eu: {
      title: '個人データ侵害のお知らせ',
      nature: '侵害の内容',
      consequences: '想定される影響',
      measures: '当社が講じた措置と講じる措置',
      recommendations: '影響を抑えるためにお客様にしていただけること',
      contactPoint: 'お問い合わせ窓口',
      other: 'その他のお知らせ',
    },
    lines: {
      period: (from: string, to: string, estimated: boolean) => `発生期間: ${from}〜${to}${estimated ? '（推定）' : ''}`,
      day: (date: string, estimated: boolean) => `発生日: ${date}${estimated ? '（推定）' : ''}`,
      discovered: (date: string) => `発覚日: ${date}`,
      noticeDate: (date: string) => `本通知の日付: ${date}`,
      delayed: '警察などの捜査機関の要請により、このお知らせを遅らせてお送りしています。',
      notDelayed: 'このお知らせは、捜査機関の捜査を理由に遅らせたものではありません。',
      harmOccurred: '二次被害が確認されています。',
      harmNone: '現時点で、二次被害は確認されていません。',
      certainty: { confirmed: '漏えいした情報', possible: '漏えいした可能性のある情報' },
      group: (label: string, classes: string, certainty: string) => `${label}（${certainty}）: ${classes}`,
      listSeparator: '、',
      classSteps: (label: string, steps: string) => `${label}: ${steps}`,
      measures: (text: string) => `当社の対応: ${text}`,
      company: (name: string) => `事業者: ${name}`,
      contactName: (name: string) => `窓口: ${name}`,
      dpo: (name: string) => `データ保護責任者: ${name}`,
      phone: (number: string, hours: string | null) => `電話: ${number}${hours ? `（${hours}）` : ''}`,
      hours: (hours: string) => `受付時間: ${hours}`,
      email: (address: string) => `メール: ${address}`,
      postal: (address: string) => `郵送先: ${address}`,
      web: (url: string) => `ウェブサイト: ${url}`,
      idOffer: (service: string, months: number) => `${service}を、${months}か月間無料でご提供します。`,
      idHow: (how: string) => `お申し込み方法: ${how}`,
      idCode: (code: string) => `お申し込みコード: ${code}`,
      idBy: (date: string) => `お申し込み期限: ${date}`,
      bureaus: '主な信用情報機関の連絡先（フリーダイヤル・住所）:',
      bureau: (name: string, phone: string, address: string, url: string | null) => `${name}: ${phone}、${address}${url ? `、${url}` : ''}`,
    },
    /** Plain-text channels (the notice email) mark the title and headings with these. */
    text: {
      title: (title: string): string[] => [`【${title}】`],
      heading: (heading: string): string[] => [`■${heading}`],
    },
  },

  letter: {
    addressee: (name: string) => `${name} 様`,
    postcode: (postcode: string) => `〒${postcode}`,
    why: (who: string, title: string) => `この書面は、${who}をご利用のお客様にお送りしています（${title}）。`,
    moreSteps: 'そのほかにお願いしたいこと',
    referenceHelp: 'お問い合わせの際にお伝えください。この書面が当社からのものか確かめるには、次のページでこの番号を入力してください:',
    qrCaption: 'お客様専用の確認ページ（入力は不要です）',
    beforeScan:
      'QRコードを読み取る前に: この書面が当社からのものか分からないときは、QRコードを使わず、次のアドレスをご自身でブラウザに入力してください。メールアドレスか注文番号を入力すると、同じ結果をご覧いただけます。',
    continued: (code: string) => `参照番号 ${code}（続き）`,
    page: (n: number, total: number) => `${n} / ${total}`,
    sample: '見本（送付しないでください）',
    sampleRecipient: { name: '見本 太郎', postcode: '100-0001', address1: '東京都千代田区千代田1-1', address2: '見本ビル101号室', address3: '' },
  },

  sms: {
    // One SMS segment holds 70 characters of Japanese (UCS-2): the sentences are short on purpose.
    affected: { confirmed: 'お客様の情報が漏えいしました。', possible: '情報漏えいの可能性があります。' },
    notAffected: 'お客様の情報は対象外です。',
    notFoundSoFar: 'これまでの調査で該当なし。',
    noListYet: '現在調査中です。',
    noExposure: '漏えいは確認されていません。',
    text: (who: string, sentence: string, code: string, address: string) => `${who}：${sentence}参照番号${code} ${address}`,
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
};
