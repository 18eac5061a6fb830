/**
 * The header row of an affected list as real exports write it: Japanese and English names in any case
 * and width map to the columns the import reads; an unknown or doubled column stops the import; a
 * first line of data is refused without printing any of it.
 */
import { describe, expect, it } from 'vitest';
import { BadListHeader, foldColumnName, knownColumn, readHeader } from '../../src/cli/import/columns.ts';

const FAMILIES = {
  email: ['email', 'Email', 'E-Mail', 'e_mail', 'mail', 'Email Address', 'email_address', 'Mail Address', 'メールアドレス', 'メール', 'Eメール', 'Ｅメール', 'ＥＭＡＩＬ', 'ｅ－ｍａｉｌ'],
  order_id: ['order_id', 'Order ID', 'ORDER-ID', 'order number', 'Order No', 'Order No.', '注文番号', '受注番号', '注文ID', '注文ＩＤ', 'オーダー番号', 'ｵｰﾀﾞｰ番号', 'ＯＲＤＥＲ　ＩＤ'],
  groups: ['groups', 'Group', 'GROUPS', 'グループ', 'ｸﾞﾙｰﾌﾟ'],
  store: ['store', 'Shop', 'STORE', '店舗', 'ショップ', '店舗名', 'Store Name'],
  postcode: ['postcode', 'Postal Code', 'postal_code', 'ZIP', 'zip code', '郵便番号'],
  phone: ['phone', 'Phone Number', 'TEL', 'tel', '電話番号'],
} as const;

function refusal(line: string, options?: Parameters<typeof readHeader>[1]): string {
  try {
    readHeader(line, options);
  } catch (err) {
    expect(err).toBeInstanceOf(BadListHeader);
    return (err as Error).message;
  }
  throw new Error('the header was accepted');
}

describe('column names', () => {
  it('fold case, width and the separators space, _, -, ・ alike, keeping the prolonged sound mark', () => {
    expect(foldColumnName(' Ｅ－Ｍａｉｌ　Address ')).toBe('emailaddress');
    expect(foldColumnName('order_id')).toBe(foldColumnName('Order ID'));
    expect(foldColumnName('注文・ID')).toBe('注文id');
    expect(foldColumnName('メール')).toBe('メール');
  });

  for (const [column, names] of Object.entries(FAMILIES)) {
    it(`recognise every name of ${column}`, () => {
      for (const name of names) expect([name, knownColumn(name)]).toEqual([name, column]);
    });
  }

  it('map a Japanese header to the columns RowReader reads, and keep the cells as written', () => {
    const header = readHeader('メールアドレス,注文番号,グループ,店舗名');
    expect(header.columns).toEqual(['email', 'order_id', 'groups', 'store']);
    expect(header.written).toEqual({ email: 'メールアドレス', order_id: '注文番号', groups: 'グループ', store: '店舗名' });
  });

  it('read quoted header cells', () => {
    expect(readHeader('"E-mail","Order No.","Groups"').columns).toEqual(['email', 'order_id', 'groups']);
  });
});

describe('an unusable header', () => {
  it('stops on an unknown column, naming it, unless it is ignored (by a name folded the same way)', () => {
    expect(refusal('email,groups,memo')).toMatch(/Unknown column "memo" \(column 3\).*--ignore-column "memo"/);
    expect(refusal('email,groups,')).toContain('Column 3 has no name');
    expect(readHeader('email,groups,', { ignore: [''] }).columns).toEqual(['email', 'groups', null]);
    const header = readHeader('email,groups,Internal Memo', { ignore: ['internal_memo'] });
    expect(header.columns).toEqual(['email', 'groups', null]);
    expect(header.ignored).toEqual(['Internal Memo']);
  });

  it('never ignores a column that identifies people or their groups, only one like the store', () => {
    for (const name of ['email', 'E-mail', 'order id', 'groups']) {
      expect(() => readHeader('email,order_id,groups,store', { ignore: [name] }), name).toThrow(/cannot be ignored/);
    }
    expect(() => readHeader('メールアドレス,注文番号,グループ', { ignore: ['注文番号'] })).toThrow(/cannot be ignored/);
    expect(readHeader('email,order_id,groups,store', { ignore: ['store'] }).columns).toEqual(['email', 'order_id', 'groups', null]);
  });

  it('stops on a column named twice, also under two names', () => {
    expect(refusal('email,groups,Email')).toMatch(/"email" \(column 1\) and "Email" \(column 3\) both hold "email"/);
    expect(refusal('email,groups,メールアドレス')).toContain('both hold "email"');
    expect(refusal('order_id,注文番号,groups')).toContain('both hold "order_id"');
  });

  it('refuses a first line of data without printing any of it', () => {
    for (const line of ['alice@example.org,ORD-1001,members,Tenant Store', 'ORD-1001,members', '12345678901,members', 'ａｌｉｃｅ＠ｅｘａｍｐｌｅ．ｏｒｇ,groups']) {
      const message = refusal(line);
      expect(message).toContain('The first line is not a header row');
      for (const field of line.split(',')) if (field !== 'groups') expect(message).not.toContain(field);
    }
  });

  it('says when the header is separated by semicolons or tabs', () => {
    expect(refusal('email;groups;store')).toContain('separated by semicolons');
    expect(refusal('"E-mail"\t"Groups"')).toContain('separated by tabs');
  });

  it('never prints a header cell that looks like an identifier', () => {
    const message = refusal('email,groups,09012345678,1234-5678');
    expect(message).toContain('Column 3 has a name that looks like a value (not shown)');
    expect(message).toContain('Column 4 has a name that looks like a value (not shown)');
    expect(message).not.toContain('09012345678');
    expect(message).not.toContain('1234-5678');
  });

  it('needs groups and an identifier column, and a second-factor incident its factor', () => {
    expect(refusal('email,store')).toContain('needs a "groups" column');
    expect(refusal('groups,store')).toContain('at least one of "email" and "order_id"');
    expect(refusal('email,groups', { secondFactor: 'postcode' })).toContain('"email", "postcode" and "groups"');
    expect(readHeader('Eメール,郵便番号,グループ', { secondFactor: 'postcode' }).columns).toEqual(['email', 'postcode', 'groups']);
    expect(readHeader('email,電話番号,groups', { secondFactor: 'phone_last4' }).columns).toEqual(['email', 'phone', 'groups']);
  });
});
