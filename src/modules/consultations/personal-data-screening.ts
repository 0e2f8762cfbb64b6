/**
 * Personal data people type into an opinion's text (their phone, ID card or bank card number,
 * email address): found in one pass of one precompiled expression, replaced by a marker such as
 * 〔已隐去：手机号〕, and handed back so the intake can seal it with the contributor's contact.
 * The text that enters the log then holds none of it, and erasure shreds the originals with
 * the rest of the contact. Pure: no I/O, no state.
 */

export const PERSONAL_DATA_KINDS = ['mobile', 'landline', 'id_card', 'bank_card', 'email'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

/** What replaces each kind in the text: says what was there, never any of it. */
export const PERSONAL_DATA_MARKERS: Record<PersonalDataKind, string> = {
  mobile: '〔已隐去：手机号〕',
  landline: '〔已隐去：电话〕',
  id_card: '〔已隐去：身份证号〕',
  bank_card: '〔已隐去：银行卡号〕',
  email: '〔已隐去：电子邮箱〕',
};

export interface PersonalDataFound {
  kind: PersonalDataKind;
  /** As written in the text. */
  value: string;
}

export interface ScreenedText {
  text: string;
  found: PersonalDataFound[];
}

// ASCII and full-width digits (Chinese input methods type both); separators people put inside
// numbers: spaces (also the ideographic one) and dashes of every width.
const D = '[0-9\\uFF10-\\uFF19]';
const SEP = '[ \\u00A0\\u3000\\-\\u2010-\\u2015\\uFF0D]';
const NOT_AFTER_DIGIT = `(?<!${D})`;
const NOT_BEFORE_DIGIT = `(?!${D})`;

/** Bounded repetitions: no pattern backtracks more than a few dozen characters. */
const EMAIL =
  '[A-Za-z0-9._%+\\-]{1,64}[@\\uFF20][A-Za-z0-9\\-]{1,63}(?:\\.[A-Za-z0-9\\-]{1,63}){0,8}\\.[A-Za-z]{2,24}';
/** 16 to 19 digits, alone or in groups of four (cards), or 6-8-4 (ID cards); may end in X. */
const LONG = `${NOT_AFTER_DIGIT}(?:${D}{6}${SEP}${D}{8}${SEP}${D}{3}[0-9\\uFF10-\\uFF19Xx\\uFF38]|${D}{4}(?:${SEP}${D}{4}){3}(?:${SEP}${D}{1,3})?|${D}{15,18}[0-9\\uFF10-\\uFF19Xx\\uFF38])${NOT_BEFORE_DIGIT}`;
/** 1[3-9]x xxxx xxxx, with or without +86 / 0086 and 3-4-4 separators. */
const MOBILE = `${NOT_AFTER_DIGIT}(?:(?:[+\\uFF0B]|00)?86${SEP}?)?[1\\uFF11][3-9\\uFF13-\\uFF19]${D}${SEP}?${D}{4}${SEP}?${D}{4}${NOT_BEFORE_DIGIT}`;
/** An area code (0 and 2–3 digits, maybe in brackets) and a 7–8 digit local number. */
const LANDLINE = `${NOT_AFTER_DIGIT}(?:[(（]0${D}{2,3}[)）]${SEP}?|0${D}{2,3}${SEP}?)[2-9\\uFF12-\\uFF19]${D}{2,3}${SEP}?${D}{4}${NOT_BEFORE_DIGIT}`;

const PATTERN = new RegExp(
  `(?<email>${EMAIL})|(?<long>${LONG})|(?<mobile>${MOBILE})|(?<landline>${LANDLINE})`,
  'g',
);
/** Texts without a digit or an at sign cannot hold any of it: they skip the expression. */
const MAY_HOLD = /[0-9\uFF10-\uFF19@\uFF20]/;

/** Full-width digits and X as ASCII, separators dropped: what the checks compute on. */
function plainDigits(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    if (code >= 0x30 && code <= 0x39) out += ch;
    else if (code >= 0xff10 && code <= 0xff19) out += String.fromCharCode(code - 0xfee0);
    else if (ch === 'X' || ch === 'x' || ch === '\uFF38') out += 'X';
  }
  return out;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999: 17 digits and a check character (ISO 7064 MOD 11-2). */
export function isIdCardNumber(digits: string): boolean {
  if (!/^[1-9]\d{16}[\dX]$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (digits.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === digits[17];
}

/** The Luhn check bank cards carry (UnionPay included). */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) d = d > 4 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

function kindOfLong(value: string): PersonalDataKind | null {
  const digits = plainDigits(value);
  if (digits.length === 18 && isIdCardNumber(digits)) return 'id_card';
  if (digits.length >= 16 && digits.length <= 19 && passesLuhn(digits)) return 'bank_card';
  return null;
}

/**
 * The text with every phone number, ID card number (check digit valid), bank card number (Luhn
 * valid) and email address replaced by its marker, and what was replaced, in order. A long
 * number that fails both checks (an order or file number) is left as written.
 */
export function screenPersonalData(text: string): ScreenedText {
  if (!MAY_HOLD.test(text)) return { text, found: [] };
  const found: PersonalDataFound[] = [];
  const screened = text.replace(PATTERN, (match, ...args) => {
    const groups = args[args.length - 1] as Record<string, string | undefined>;
    const kind: PersonalDataKind | null = groups.email
      ? 'email'
      : groups.long
        ? kindOfLong(match)
        : groups.mobile
          ? 'mobile'
          : 'landline';
    if (!kind) return match;
    found.push({ kind, value: match });
    return PERSONAL_DATA_MARKERS[kind];
  });
  return { text: screened, found };
}
