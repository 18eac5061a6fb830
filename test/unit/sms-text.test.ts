/**
 * How an SMS is measured and composed, without a portal: GSM-7 with its two-septet extension
 * characters, UCS-2 as soon as one character is outside GSM-7, the segment limits, and the code printed
 * without dashes only when the grouped form does not fit.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/decide.ts';
import { smsLength, smsText } from '../../src/answer-text/sms-text.ts';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';

const base = { status: 'confirmed', statusDate: '2026-11-20', listActivatedAt: '2026-11-20T00:00:00Z' } as const;
const affected = { ...base, kind: 'affected', groups: [], exposures: [], certainty: 'confirmed', store: null, cardNotInvolved: false } as Answer;
const notAffected = { ...base, kind: 'not_affected', incidentExposedCards: true } as Answer;
const incident = (company: string) => ({ content: { company: { ja: company, en: company } } }) as Parameters<typeof smsText>[0]['incident'];
const code = 'K7QM-3XTR-9HWD-FP2N-6BJC';

describe('smsLength', () => {
  it('counts GSM-7 characters as one septet and the extension characters as two', () => {
    expect(smsLength('Ref: ABC')).toEqual({ encoding: 'gsm7', length: 8 });
    expect(smsLength('{}[]~^|\\€')).toEqual({ encoding: 'gsm7', length: 18 });
    expect(smsLength('é à Ñ ü')).toEqual({ encoding: 'gsm7', length: 7 });
  });

  it('switches to UCS-2 for any other character, counting UTF-16 units', () => {
    expect(smsLength('It’s here')).toEqual({ encoding: 'ucs2', length: 9 }); // a curly apostrophe
    expect(smsLength('参照番号')).toEqual({ encoding: 'ucs2', length: 4 });
    expect(smsLength('a😀')).toEqual({ encoding: 'ucs2', length: 3 });
  });
});

describe('smsText', () => {
  it('keeps the catalogues’ English words in GSM-7, and prints the code grouped when it fits', () => {
    for (const sentence of [en.sms.affected.confirmed, en.sms.affected.possible, en.sms.notAffected, en.sms.notFoundSoFar, en.sms.noListYet, en.sms.noExposure]) {
      expect(smsLength(sentence).encoding, sentence).toBe('gsm7');
    }
    const t = smsText({ incident: incident('Sample Shop'), answer: affected, locale: 'en', code, baseUrl: 'https://check.example.com', store: null });
    expect(t).toMatchObject({ encoding: 'gsm7', limit: 160, fits: true });
    expect(t.text).toBe(`Sample Shop: ${en.sms.affected.confirmed} Reference: ${code}. Details: check.example.com`);
  });

  it('drops the dashes when that is what makes a Japanese text fit, and says when nothing does', () => {
    const fits = smsText({ incident: incident('サンプル通販'), answer: notAffected, locale: 'ja', code, baseUrl: 'https://check.sample-shop.co.jp', store: null });
    expect(fits).toMatchObject({ encoding: 'ucs2', limit: 70, fits: true });
    expect(fits.text).toBe(`サンプル通販：${ja.sms.notAffected}参照番号K7QM3XTR9HWDFP2N6BJC check.sample-shop.co.jp`);
    const tooLong = smsText({ incident: incident('サンプル通販'), answer: notAffected, locale: 'ja', code, baseUrl: 'https://check.example.co.jp', store: 'とても長い店舗名のオンラインショップ本店' });
    expect(tooLong.fits).toBe(false);
    expect(tooLong.length).toBeGreaterThan(70);
  });

  it('keeps the scheme of a portal that is not https, since a browser would not guess it', () => {
    const t = smsText({ incident: incident('Shop'), answer: notAffected, locale: 'en', code, baseUrl: 'http://127.0.0.1:8787', store: null });
    expect(t.text.endsWith('Details: http://127.0.0.1:8787')).toBe(true);
  });
});
