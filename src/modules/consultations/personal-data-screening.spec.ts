import fc from 'fast-check';
import {
  PERSONAL_DATA_MARKERS,
  PersonalDataKind,
  isIdCardNumber,
  passesLuhn,
  screenPersonalData,
} from './personal-data-screening';

const digitsOf = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n });

/** Opinion text around a number: Chinese and punctuation, never a digit or an at sign. */
const prose = fc
  .array(
    fc.constantFrom(...'建议第条款物业业主大会表决期限。，：我的电话是联系请', ' ', 'a', 'Z'),
    {
      maxLength: 20,
    },
  )
  .map((cs) => cs.join(''));

const mobile = fc
  .tuple(fc.integer({ min: 3, max: 9 }), digitsOf(9))
  .map(([second, rest]) => `1${second}${rest.join('')}`);

/** A valid 18-character ID number: region, birth date, sequence, and its GB 11643 check. */
const idCard = fc.tuple(fc.integer({ min: 1, max: 9 }), digitsOf(16)).map(([first, rest]) => {
  const body = `${first}${rest.join('')}`;
  const check = '10X98765432'.split('').find((c) => isIdCardNumber(body + c))!;
  return body + check;
});

/** A Luhn-valid card number of 16 to 19 digits that is not also a valid ID number. */
const bankCard = fc
  .tuple(fc.integer({ min: 15, max: 18 }), digitsOf(18))
  .map(([n, ds]) => {
    const body = `6${ds.slice(0, n - 1).join('')}`;
    const check = '0123456789'.split('').find((c) => passesLuhn(body + c))!;
    return body + check;
  })
  .filter((card) => !isIdCardNumber(card));

const email = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9][a-z0-9._]{0,10}$/),
    fc.stringMatching(/^[a-z0-9]{1,10}$/),
    fc.constantFrom('com', 'cn', 'org'),
  )
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);

const grouped = (value: string, sizes: number[], sep: string) => {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(value.slice(at, at + size));
    at += size;
  }
  if (at < value.length) parts.push(value.slice(at));
  return parts.join(sep);
};

const cases: [PersonalDataKind, fc.Arbitrary<string>][] = [
  ['mobile', mobile],
  ['mobile', mobile.map((m) => grouped(m, [3, 4], '-'))],
  ['mobile', mobile.map((m) => `+86 ${grouped(m, [3, 4], ' ')}`)],
  ['id_card', idCard],
  ['id_card', idCard.map((id) => grouped(id, [6, 8], ' '))],
  ['bank_card', bankCard],
  ['bank_card', bankCard.map((c) => grouped(c, [4, 4, 4, 4], ' '))],
  ['email', email],
];

describe('Given opinion text with personal data in it', () => {
  it.each(cases)(
    'when %s is written anywhere, then it is replaced by its marker and handed back',
    (kind, value) =>
      fc.assert(
        fc.property(prose, value, prose, (before, v, after) => {
          // Delimited as in prose: letters next to an address are part of it.
          const { text, found } = screenPersonalData(`${before}：${v}。${after}`);
          expect(text).toBe(`${before}：${PERSONAL_DATA_MARKERS[kind]}。${after}`);
          expect(found).toEqual([{ kind, value: v }]);
        }),
      ),
  );

  it('when several are written, then each is found in order and none of their digits stays', () => {
    fc.assert(
      fc.property(mobile, idCard, bankCard, email, prose, (m, id, card, mail, filler) => {
        const { text, found } = screenPersonalData(
          `电话${m}，身份证${id}${filler}卡号${card}邮箱 ${mail}。`,
        );
        expect(found.map((f) => f.value)).toEqual([m, id, card, mail]);
        expect(text).not.toMatch(/\d{4}/);
      }),
    );
  });

  it('when screened twice, then the second pass finds nothing more', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), mobile, (s, m) => {
        const once = screenPersonalData(`${s}${m}`);
        expect(screenPersonalData(once.text)).toEqual({ text: once.text, found: [] });
      }),
    );
  });

  it('when a text holds no digit and no at sign, then it is returned as it is', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }).filter((s) => !/[0-9０-９@＠]/.test(s)),
        (s) => expect(screenPersonalData(s)).toEqual({ text: s, found: [] }),
      ),
    );
  });
});

describe('Given the written forms of each kind', () => {
  it.each([
    ['手机 139 1234 5678 谢谢', '手机 〔已隐去：手机号〕 谢谢', 'mobile'],
    ['手机１３９１２３４５６７８', '手机〔已隐去：手机号〕', 'mobile'],
    ['请拨0086-13912345678', '请拨〔已隐去：手机号〕', 'mobile'],
    ['座机0431-88881234转5', '座机〔已隐去：电话〕转5', 'landline'],
    ['电话（0431）8888 1234', '电话〔已隐去：电话〕', 'landline'],
    ['电话010 62345678。', '电话〔已隐去：电话〕。', 'landline'],
    ['身份证号11010519491231002X', '身份证号〔已隐去：身份证号〕', 'id_card'],
    ['身份证号11010519491231002x', '身份证号〔已隐去：身份证号〕', 'id_card'],
    ['卡号6222 0212 3456 7899 996', '卡号〔已隐去：银行卡号〕', 'bank_card'],
    ['邮箱ZhangSan.2025@mail.jl.gov.cn。', '邮箱〔已隐去：电子邮箱〕。', 'email'],
    ['邮箱 wang＠163.com', '邮箱 〔已隐去：电子邮箱〕', 'email'],
  ])('%s is screened', (input, output, kind) => {
    const { text, found } = screenPersonalData(input);
    expect(text).toBe(output);
    expect(found.map((f) => f.kind)).toEqual([kind]);
  });

  it.each([
    '建议第十二条第二款增加业主大会的表决期限。',
    '自2025-03-10起施行，罚款3000元以上30000元以下。',
    '第12条第2款、第13条',
    '文号吉人常〔2025〕12号，电话号码写错了：1391234567',
    // 18 digits failing the ID check and the Luhn check: an order number, not a person.
    '订单号110105194912310021',
    '400-810-8888 是客服热线',
    '2025年3月10日 14:30',
  ])('%s is left as written', (input) => {
    expect(screenPersonalData(input)).toEqual({ text: input, found: [] });
  });

  it('an ID number with a wrong check character is not an ID number', () => {
    expect(isIdCardNumber('11010519491231002X')).toBe(true);
    expect(isIdCardNumber('110105194912310021')).toBe(false);
    expect(isIdCardNumber('01010519491231002X')).toBe(false);
    expect(passesLuhn('6222021234567899996')).toBe(true);
    expect(passesLuhn('6222021234567899997')).toBe(false);
  });

  it('a long text is screened in one pass, in well under a millisecond per kilobyte', () => {
    const text = `${'建议第十二条第二款增加业主大会的表决期限，abc.def 2025-03-10。'.repeat(120)}13912345678`;
    const started = process.hrtime.bigint();
    for (let i = 0; i < 100; i++) screenPersonalData(text);
    const perCall = Number(process.hrtime.bigint() - started) / 100 / 1e6;
    expect(screenPersonalData(text).found).toHaveLength(1);
    // A generous bound (a shared machine): catastrophic backtracking would be seconds.
    expect(perCall).toBeLessThan(20);
  });
});
