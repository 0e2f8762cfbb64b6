import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  IRunOptions,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  TabStopType,
  TextRun,
} from 'docx';

/**
 * An official document (党政机关公文) laid out per GB/T 9704-2012 as a DOCX. Offices open and
 * print it in WPS or Word with the fonts they have installed, so fonts are named, never embedded.
 */
export interface OfficialDocument {
  /** 份号: the copy's number (涉密公文 carry one), printed as six digits; null when not set. */
  copyNumber: number | null;
  /** 密级 (秘密/机密), null when the document is not classified. */
  classification: string | null;
  /** 发文机关标志, e.g. 吉林省人大常委会党组文件 (red, centred). */
  issuingBodyMark: string;
  /** 发文字号 with 〔〕 around the year, e.g. 吉人党字〔2025〕3号; null for a draft. */
  documentNumber: string | null;
  /** 签发人: named on documents sent upward (上行文); null otherwise. */
  signer: string | null;
  title: string;
  /** 主送机关, printed with a full-width colon. */
  addressee: string | null;
  /** The body's paragraphs; one starting 一、 is a first-level heading, （一） a second-level. */
  paragraphs: string[];
  /** 发文机关署名. */
  signature: string;
  /** 成文日期, YYYY-MM-DD; null for a draft. */
  date: string | null;
  /** 版记: 印发机关 and 印发日期 (YYYY-MM-DD, null for a draft). */
  printedBy: { body: string; date: string | null };
}

/** One millimetre in twentieths of a point (twips), the unit of OOXML page geometry. */
const mm = (value: number) => Math.round((value * 1440) / 25.4);

/** Point sizes of the Chinese type-size names, in half-points as OOXML counts them. */
export const SIZE = { 初号: 84, 小初: 72, 二号: 44, 三号: 32, 四号: 28 } as const;

export const FONT = {
  body: '仿宋_GB2312',
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
  latin: 'Times New Roman',
} as const;

export const RED = 'FF0000';

/**
 * The page: A4, top margin 37 mm, binding (left) margin 28 mm, a text area of 156 × 225 mm, so
 * 26 mm right and 35 mm bottom (GB/T 9704-2012, 5.2.1–5.2.2).
 */
export const PAGE = {
  width: 11906,
  height: 16838,
  top: mm(37),
  left: mm(28),
  right: mm(210 - 28 - 156),
  bottom: mm(297 - 37 - 225),
} as const;

const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const TEXT_HEIGHT = PAGE.height - PAGE.top - PAGE.bottom;
const BODY_POINTS = SIZE.三号 / 2;

/**
 * 22 lines of 28 characters (5.2.3): the line pitch divides the text area's height by 22; the
 * character pitch divides its width by 28, and OOXML states it as the difference from the body
 * font's size in 1/4096 pt, rounded down so that 28 characters always fit.
 */
export const GRID = {
  linePitch: Math.floor(TEXT_HEIGHT / 22),
  charSpace: Math.floor((TEXT_WIDTH / 28 / 20 - BODY_POINTS) * 4096),
} as const;

/** One character of the grid, in twips, for indents counted in characters. */
const CHAR = Math.floor(TEXT_WIDTH / 28);

const CHINESE_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (numbers of headings, 1–99). */
export function chineseNumber(n: number): string {
  if (n < 10) return CHINESE_DIGITS[n];
  const tens = Math.floor(n / 10);
  return `${tens > 1 ? CHINESE_DIGITS[tens] : ''}十${CHINESE_DIGITS[n % 10]}`;
}

/** 2025-03-10 → 2025年3月10日 (GB/T 9704-2012 writes the date in Arabic numerals). */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const HEADING1 = /^[一二三四五六七八九十]+、/;
const HEADING2 = /^（[一二三四五六七八九十]+）/;

function run(text: string, font: string, options: Omit<IRunOptions, 'text' | 'font'> = {}) {
  return new TextRun({
    text,
    font: { eastAsia: font, ascii: FONT.latin, hAnsi: FONT.latin },
    ...options,
  });
}

/**
 * A body paragraph, indented two characters. A heading (一、 黑体, （一） 楷体) runs to its first
 * full stop in the heading's font, and the paragraph goes on in the body's, as offices write them.
 */
function bodyParagraph(text: string): Paragraph {
  const font = HEADING1.test(text) ? FONT.heading1 : HEADING2.test(text) ? FONT.heading2 : null;
  const children: TextRun[] = [];
  if (font) {
    const stop = text.indexOf('。');
    const end = stop >= 0 ? stop + 1 : text.length;
    children.push(run(text.slice(0, end), font));
    if (end < text.length) children.push(run(text.slice(end), FONT.body));
  } else {
    children.push(run(text, FONT.body));
  }
  return new Paragraph({
    indent: { firstLine: 2 * CHAR },
    children,
    alignment: AlignmentType.JUSTIFIED,
  });
}

const blank = () => new Paragraph({ children: [] });

/**
 * 发文机关标志: red 小标宋, as large as fits one line, never larger than 小初, its top 35 mm
 * below the text area's (7.2.3) after the `linesAbove` lines of 份号 and 密级.
 */
function issuingBodyMark(text: string, linesAbove: number): Paragraph {
  const halfPoints = Math.min(SIZE.小初, Math.floor((TEXT_WIDTH / 20 / text.length) * 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: Math.max(0, mm(35) - linesAbove * GRID.linePitch) },
    children: [run(text, FONT.title, { size: halfPoints, color: RED })],
  });
}

/**
 * One line with text one character in from the left and text ending one character from the
 * right, by tab stops rather than indents, so that the paragraph's lines span the text area.
 */
function spread(left: TextRun[], right: TextRun[]) {
  const tab = () => new TextRun({ children: [new Tab()] });
  return {
    tabStops: [
      { type: TabStopType.LEFT, position: CHAR },
      { type: TabStopType.RIGHT, position: TEXT_WIDTH - CHAR },
    ],
    children: [tab(), ...left, tab(), ...right],
  };
}

/**
 * 发文字号, with the red separator line 4 mm below it across the text area. A document sent
 * upward prints it one character from the left and 签发人 one character from the right (7.2.4,
 * 7.2.5); others centre it.
 */
function documentNumberLine(doc: OfficialDocument): Paragraph {
  const border = { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 11 } };
  const number = doc.documentNumber ?? '';
  if (!doc.signer) {
    return new Paragraph({
      alignment: AlignmentType.CENTER,
      border,
      children: [run(number, FONT.body)],
    });
  }
  return new Paragraph({
    border,
    ...spread(
      [run(number, FONT.body)],
      [run('签发人：', FONT.body), run(doc.signer, FONT.heading2)],
    ),
  });
}

/** How many characters of the grid a text takes: half-width ASCII counts as half. */
function widthInChars(text: string): number {
  return [...text].reduce((sum, c) => sum + (c.charCodeAt(0) < 0x80 ? 0.5 : 1), 0);
}

/** 页码: 4号 半角宋体 — 1 —, odd pages one character from the right, even from the left. */
function pageNumberFooter(alignment: 'left' | 'right'): Footer {
  const indent = alignment === 'right' ? { right: CHAR } : { left: CHAR };
  return new Footer({
    children: [
      new Paragraph({
        alignment: alignment === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent,
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: FONT.pageNumber,
            size: SIZE.四号,
          }),
        ],
      }),
    ],
  });
}

/** 版记: 印发机关 left, 印发日期 right, between black lines across the text area. */
function imprint(doc: OfficialDocument): Paragraph {
  // 0.35 mm is 1 pt, eight eighths of a point.
  const line = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 };
  const size = SIZE.四号;
  return new Paragraph({
    border: { top: line, bottom: line },
    ...spread(
      [run(doc.printedBy.body, FONT.body, { size })],
      [
        run(doc.printedBy.date ? `${chineseDate(doc.printedBy.date)}印发` : '', FONT.body, {
          size,
        }),
      ],
    ),
  });
}

/** The right indent that centres 署名 over 成文日期, which stands four characters from the right. */
function signatureIndent(doc: OfficialDocument): number {
  const date = doc.date ? chineseDate(doc.date) : '';
  const offset = (widthInChars(date) - widthInChars(doc.signature)) / 2;
  return Math.max(0, Math.round((4 + offset) * CHAR));
}

function documentOf(doc: OfficialDocument): Document {
  const head: Paragraph[] = [];
  // 份号 and 密级 in the top-left corner, each on a line of its own (7.2.1, 7.2.2).
  if (doc.copyNumber !== null) {
    head.push(
      new Paragraph({ children: [run(String(doc.copyNumber).padStart(6, '0'), FONT.body)] }),
    );
  }
  if (doc.classification) {
    head.push(new Paragraph({ children: [run(doc.classification, FONT.heading1)] }));
  }
  const children = [
    ...head,
    issuingBodyMark(doc.issuingBodyMark, head.length),
    // 发文字号 two lines below the mark; the title two lines below the red line (7.2.4, 7.3.1).
    blank(),
    blank(),
    documentNumberLine(doc),
    blank(),
    blank(),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [run(doc.title, FONT.title, { size: SIZE.二号 })],
    }),
    blank(),
    ...(doc.addressee ? [new Paragraph({ children: [run(`${doc.addressee}：`, FONT.body)] })] : []),
    ...doc.paragraphs.map(bodyParagraph),
    blank(),
    blank(),
    // 成文日期 four characters from the right; 署名 centred over it (7.3.5.1).
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: signatureIndent(doc) },
      children: [run(doc.signature, FONT.body)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: 4 * CHAR },
      children: [run(doc.date ? chineseDate(doc.date) : '', FONT.body)],
    }),
    blank(),
    blank(),
    imprint(doc),
  ];
  return new Document({
    title: doc.title,
    creator: doc.signature,
    lastModifiedBy: doc.signature,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            font: { eastAsia: FONT.body, ascii: FONT.latin, hAnsi: FONT.latin },
            size: SIZE.三号,
          },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.top,
              bottom: PAGE.bottom,
              left: PAGE.left,
              right: PAGE.right,
              header: mm(15),
              // The page number's top edge 7 mm below the text area (7.5).
              footer: mm(297 - 37 - 225 - 7) - 280,
            },
          },
          grid: {
            type: DocumentGridType.LINES_AND_CHARS,
            linePitch: GRID.linePitch,
            charSpace: GRID.charSpace,
          },
        },
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children,
      },
    ],
  });
}

/** The document as DOCX bytes. */
export function officialDocumentDocx(doc: OfficialDocument): Promise<Buffer> {
  return Packer.toBuffer(documentOf(doc));
}
