import { attributesOf, openDocx, paragraphsOf, runsOf } from '../../../test/support/docx';
import {
  OfficialDocument,
  chineseDate,
  chineseNumber,
  officialDocumentDocx,
} from './official-document';

const UPWARD: OfficialDocument = {
  copyNumber: 12,
  classification: '机密',
  issuingBodyMark: '吉林省人大常委会党组文件',
  documentNumber: '吉人党字〔2025〕3号',
  signer: '王某某',
  title: '关于《吉林省黑土地保护条例（草案）》有关重大问题的请示',
  addressee: '中共吉林省委',
  paragraphs: [
    '现将有关情况报告如下。',
    '一、关于补偿范围。草案规定了补偿的范围。',
    '（一）耕地地力补偿。按面积计算。',
    '妥否，请批示。',
  ],
  signature: '吉林省人大常委会党组',
  date: '2025-03-10',
  printedBy: { body: '吉林省人大常委会党组', date: '2025-03-10' },
};

const twips = (mm: number) => Math.round((mm * 1440) / 25.4);

describe('Given an official document laid out per GB/T 9704-2012', () => {
  let parts: Record<string, string>;
  beforeAll(async () => {
    parts = openDocx(await officialDocumentDocx(UPWARD));
  });

  it('when its page is read, then it is A4 with 37 mm top and 28 mm binding margins and a 156 × 225 mm text area', () => {
    const xml = parts['word/document.xml'];
    expect(attributesOf(xml, 'w:pgSz')).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    const margin = attributesOf(xml, 'w:pgMar');
    expect(margin).toMatchObject({
      'w:top': String(twips(37)),
      'w:left': String(twips(28)),
      'w:right': String(twips(26)),
      'w:bottom': String(twips(35)),
    });
    expect(margin['w:top']).toBe('2098');
    const width = 11906 - Number(margin['w:left']) - Number(margin['w:right']);
    const height = 16838 - Number(margin['w:top']) - Number(margin['w:bottom']);
    expect(Math.abs(width - twips(156))).toBeLessThanOrEqual(1);
    expect(Math.abs(height - twips(225))).toBeLessThanOrEqual(1);
  });

  it('when its grid is read, then it holds 22 lines of 28 characters of 3号 (16 pt) text', () => {
    const xml = parts['word/document.xml'];
    const grid = attributesOf(xml, 'w:docGrid');
    const margin = attributesOf(xml, 'w:pgMar');
    const width = 11906 - Number(margin['w:left']) - Number(margin['w:right']);
    const height = 16838 - Number(margin['w:top']) - Number(margin['w:bottom']);
    expect(grid['w:type']).toBe('linesAndChars');
    const linePitch = Number(grid['w:linePitch']);
    expect(Math.floor(height / linePitch)).toBe(22);
    // The character pitch is the default font's 16 pt plus charSpace/4096 pt.
    const charPitch = (16 + Number(grid['w:charSpace']) / 4096) * 20;
    expect(Math.floor(width / charPitch)).toBe(28);
    expect(grid).toMatchObject({ 'w:linePitch': '579', 'w:charSpace': '-842' });
  });

  it('when its fonts are read, then the body is 3号 仿宋_GB2312, the title 2号 小标宋, headings 黑体 and 楷体, and none is embedded', () => {
    const styles = parts['word/styles.xml'];
    const defaults = /<w:docDefaults>.*<\/w:docDefaults>/.exec(styles)![0];
    expect(attributesOf(defaults, 'w:rFonts')['w:eastAsia']).toBe('仿宋_GB2312');
    expect(attributesOf(defaults, 'w:sz')['w:val']).toBe('32');
    const runs = runsOf(parts['word/document.xml']);
    const find = (text: string) => runs.find((r) => r.text === text);
    expect(find(UPWARD.title)).toMatchObject({ eastAsia: '方正小标宋简体', size: '44' });
    expect(find('一、关于补偿范围。')).toMatchObject({ eastAsia: '黑体' });
    expect(find('草案规定了补偿的范围。')).toMatchObject({ eastAsia: '仿宋_GB2312' });
    expect(find('（一）耕地地力补偿。')).toMatchObject({ eastAsia: '楷体_GB2312' });
    expect(find('妥否，请批示。')).toMatchObject({ eastAsia: '仿宋_GB2312' });
    expect(find('机密')).toMatchObject({ eastAsia: '黑体' });
    expect(find('000012')).toBeDefined();
    expect(
      Object.keys(parts).filter((name) => /fonts?\//i.test(name) || name.endsWith('.odttf')),
    ).toEqual([]);
    expect(parts['word/fontTable.xml']).not.toMatch(/embed(Regular|Bold|Italic)/);
  });

  it('when its head is read, then the issuing-body mark is red 小标宋 and a red line runs under 发文字号 and 签发人', () => {
    const xml = parts['word/document.xml'];
    const runs = runsOf(xml);
    expect(runs.find((r) => r.text === UPWARD.issuingBodyMark)).toMatchObject({
      eastAsia: '方正小标宋简体',
      color: 'FF0000',
    });
    // Its top 35 mm (1984 twips) below the text area's, after the two lines of 份号 and 密级.
    const mark = paragraphsOf(xml).find((p) => p.includes(UPWARD.issuingBodyMark))!;
    expect(mark).toContain(`<w:spacing w:before="${1984 - 2 * 579}"/>`);
    const numberLine = paragraphsOf(xml).find((p) => p.includes('吉人党字〔2025〕3号'))!;
    expect(numberLine).toMatch(/<w:pBdr><w:bottom [^>]*w:color="FF0000"/);
    expect(numberLine).toContain('签发人：');
    // 签发人 stands one character from the right, at a right tab stop, reached by a real tab.
    // The text area is 8845 twips wide, a character of the grid 315: one character in, 8530.
    // The number one character in (tab at 315), and no indent: the red line spans the text area.
    expect(numberLine).toMatch(
      /<w:tabs><w:tab w:val="left" w:pos="315"\/><w:tab w:val="right" w:pos="8530"\/><\/w:tabs>/,
    );
    expect(numberLine).toContain('<w:r><w:tab/></w:r>');
    expect(numberLine).not.toContain('<w:ind');
    expect(runs.find((r) => r.text === '王某某')).toMatchObject({ eastAsia: '楷体_GB2312' });
    expect(runs.find((r) => r.text === '中共吉林省委：')).toBeDefined();
    expect(runs.some((r) => r.text === '2025年3月10日')).toBe(true);
    // 成文日期 four characters from the right (4 × 315); 署名 centred over it: the date is 6.5
    // characters wide (half-width digits), the signature 10, so its right edge stands 2.25 in.
    const paragraphs = paragraphsOf(xml);
    const date = paragraphs.find((p) => p.includes('>2025年3月10日<'))!;
    const signature = paragraphs.find(
      (p) => p.includes('>吉林省人大常委会党组<') && p.includes('<w:jc w:val="right"/>'),
    )!;
    expect(date).toContain('<w:ind w:right="1260"/>');
    expect(signature).toContain('<w:ind w:right="709"/>');
  });

  it('when its footers are read, then odd pages number on the right and even pages on the left, — 1 — in 4号 宋体', () => {
    const settings = parts['word/settings.xml'];
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    const footers = Object.entries(parts).filter(([name]) => /^word\/footer\d+\.xml$/.test(name));
    expect(footers).toHaveLength(2);
    const alignments = footers.map(([, xml]) => attributesOf(xml, 'w:jc')['w:val']).sort();
    expect(alignments).toEqual(['left', 'right']);
    for (const [, xml] of footers) {
      expect(xml).toContain('PAGE');
      expect(runsOf(xml)[0]).toMatchObject({ eastAsia: '宋体', size: '28' });
    }
  });

  it('when a document goes downward without 份号 or 密级, then it centres 发文字号 and prints neither', async () => {
    const xml = openDocx(
      await officialDocumentDocx({
        ...UPWARD,
        copyNumber: null,
        classification: null,
        signer: null,
      }),
    )['word/document.xml'];
    const numberLine = paragraphsOf(xml).find((p) => p.includes('吉人党字〔2025〕3号'))!;
    expect(numberLine).toContain('<w:jc w:val="center"/>');
    expect(numberLine).not.toContain('签发人');
    expect(runsOf(xml).map((r) => r.text)).not.toContain('机密');
    expect(xml).not.toContain('000012');
  });
});

describe('Given the numbers and dates of official documents', () => {
  it('then headings count 一 to 九十九 and dates are written in Arabic numerals', () => {
    expect([1, 9, 10, 11, 20, 21, 99].map(chineseNumber)).toEqual([
      '一',
      '九',
      '十',
      '十一',
      '二十',
      '二十一',
      '九十九',
    ]);
    expect(chineseDate('2025-03-01')).toBe('2025年3月1日');
  });
});
