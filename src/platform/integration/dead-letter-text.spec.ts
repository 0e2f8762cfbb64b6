import { createHash } from 'node:crypto';
import { redact } from './dead-letter-text';

const sha256 = (value: Buffer) => createHash('sha256').update(value).digest('hex');

describe('Dead-letter text', () => {
  const draft = {
    kind: 'request',
    category: 'drafting',
    classification: 'secret',
    title: '机密标题',
    summary: 'summary',
    body: '机密正文',
  };
  const value = Buffer.from(JSON.stringify(draft));

  it('keeps the value when nothing is withheld, or none of the withheld fields is there', () => {
    expect(redact(value, [])).toBeNull();
    expect(redact(value, ['note'])).toBeNull();
  });

  it('replaces each withheld field by its size, and names the fields, size and digest', () => {
    const redacted = redact(value, ['title', 'summary', 'body', 'note'])!;
    expect(JSON.parse(redacted.value!.toString('utf8'))).toEqual({
      kind: 'request',
      category: 'drafting',
      classification: 'secret',
      title: { redacted: true, bytes: Buffer.byteLength('"机密标题"') },
      summary: { redacted: true, bytes: Buffer.byteLength('"summary"') },
      body: { redacted: true, bytes: Buffer.byteLength('"机密正文"') },
    });
    expect(redacted.value!.toString('utf8')).not.toContain('机密');
    expect(redacted.headers).toEqual({
      'x-original-redacted': 'title,summary,body',
      'x-original-size': String(value.length),
      'x-original-sha256': sha256(value),
    });
  });

  it('keeps nothing of a value it cannot read field by field, or withheld whole', () => {
    const broken = Buffer.from('{"title": "机密标题",');
    for (const [input, withheld] of [
      [broken, ['title']],
      [Buffer.from('["机密"]'), ['title']],
      [value, 'whole'],
    ] as const) {
      const redacted = redact(input, withheld)!;
      expect(redacted.value).toBeNull();
      expect(redacted.headers).toEqual({
        'x-original-redacted': '*',
        'x-original-size': String(input.length),
        'x-original-sha256': sha256(input),
      });
    }
    expect(redact(null, 'whole')!.headers).toMatchObject({ 'x-original-size': '0' });
  });
});
