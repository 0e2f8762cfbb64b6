import Database from 'better-sqlite3';
import { bigramsOf } from '../../projections/search.projection';
import { highlight, parseSearch, snippetOf } from './search-text';

describe('Given a search string', () => {
  it('when parsed, then long terms are quoted phrases, short words bigram tokens or prefixes, and the rest substrings', () => {
    expect(parseSearch('  黑土地  立法 法 〔2 "x NEAR( 黑土地 ')).toEqual({
      terms: ['黑土地', '立法', '法', '〔2', '"x', 'NEAR('],
      match: '"黑土地" "NEAR("',
      bigrams: '"立法" "法"*',
      short: ['〔2', '"x'],
    });
    expect(parseSearch('a"b"c')).toMatchObject({ match: '"a""b""c"', bigrams: null, short: [] });
  });

  it('when text is cut into bigram tokens, then every character starts one', () => {
    expect(bigramsOf('黑土地，AB-3')).toBe('黑土 土地 地 ab b 3');
    expect(bigramsOf('〔〕')).toBe('');
  });

  it('when looked up in a bigram index, then one- and two-character words find exactly the texts holding them', () => {
    const db = new Database(':memory:');
    db.exec(
      "CREATE VIRTUAL TABLE g USING fts5(grams, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0')",
    );
    const texts = [
      '关于黑土地保护的请示',
      '吉人党字〔2025〕3号',
      'Protect black soil, ÉTÉ été',
      '立法法 第十二条',
      '生态环境保护条例',
    ];
    texts.forEach((text, i) =>
      db.prepare('INSERT INTO g (rowid, grams) VALUES (?, ?)').run(i + 1, bigramsOf(text)),
    );
    const words = new Set<string>();
    for (const text of texts) {
      const chars = Array.from(text.toLowerCase());
      chars.forEach((c, i) => {
        words.add(c);
        if (i + 1 < chars.length) words.add(c + chars[i + 1]);
      });
    }
    for (const word of [...words, '无', '保条', 'xy']) {
      const { bigrams } = parseSearch(word);
      if (bigrams === null) continue;
      const found = db
        .prepare<[string], { rowid: number }>('SELECT rowid FROM g WHERE g MATCH ? ORDER BY rowid')
        .all(bigrams)
        .map((r) => r.rowid);
      const expected = texts
        .map((text, i) => (text.toLowerCase().includes(word) ? i + 1 : 0))
        .filter(Boolean);
      expect([word, found]).toEqual([word, expected]);
    }
  });
});

describe('Given a hit’s text', () => {
  it('when highlighted, then every occurrence of any term is marked and the text is kept whole', () => {
    const segments = highlight('补偿范围与补偿标准', ['补偿', '标准']);
    expect(segments).toEqual([
      { text: '补偿', match: true },
      { text: '范围与', match: false },
      { text: '补偿标准', match: true },
    ]);
  });

  it('when cut into a snippet, then it shows the first match with ellipses where it was cut, or nothing without one', () => {
    const long = `${'甲'.repeat(100)}执法主体${'乙'.repeat(100)}`;
    const snippet = snippetOf(long, ['执法'], 40)!;
    expect(snippet[0]).toEqual({ text: '…', match: false });
    expect(snippet[snippet.length - 1]).toEqual({ text: '…', match: false });
    expect(snippet.find((s) => s.match)?.text).toBe('执法');
    expect(snippet.map((s) => s.text).join('').length).toBeLessThanOrEqual(42);
    expect(snippetOf(long, ['无关'])).toBeNull();
  });
});
